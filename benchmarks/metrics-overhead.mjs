// Does observability cost the send path anything? SendMessage throughput of `sluice serve` with
// and without a scraper that fetches /metrics every second and the dashboard's
// /admin/v1/overview every 2 s (what one open dashboard tab does). Runs alternate (quiet,
// scraped, quiet, scraped, ...) against one server so drift on this shared machine hits both
// sides equally. Server pinned to core 0, load generator to core 1. 100 queues exist so that a
// scrape has real work (100 labeled queues, ~1,000 queue series).
//
//   node benchmarks/metrics-overhead.mjs [--duration-ms 10000] [--connections 32] [--runs 5]
//
// Prints a JSON document with the median of each side and their ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad } from './lib/load.mjs';
import { sqsCall, startSluice } from './lib/processes.mjs';

const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '10000' },
    connections: { type: 'string', default: '32' },
    runs: { type: 'string', default: '5' },
    queues: { type: 'string', default: '100' },
  },
});
const durationMs = Number(values['duration-ms']);
const connections = Number(values.connections);
const runs = Number(values.runs);
const queueCount = Number(values.queues);
const scenario = fileURLToPath(new URL('./scenarios/send-message.mjs', import.meta.url));

function median(numbers) {
  const sorted = [...numbers].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Fetches /metrics every second and the overview every 2 s until stopped; times each fetch. */
function startScraper(url) {
  const scrapeMs = [];
  const overviewMs = [];
  let metricsBytes = 0;
  const timed = async (path, into) => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`);
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    into.push(performance.now() - started);
    return text;
  };
  const metricsTimer = setInterval(() => {
    void timed('/metrics', scrapeMs).then((text) => (metricsBytes = text.length));
  }, 1000);
  const overviewTimer = setInterval(() => void timed('/admin/v1/overview', overviewMs), 2000);
  return {
    stop: () => {
      clearInterval(metricsTimer);
      clearInterval(overviewTimer);
      return { scrapeMs, overviewMs, metricsBytes };
    },
  };
}

const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-metrics-bench-'));
const sluice = await startSluice(0, dataDirectory);
try {
  const { QueueUrl } = await sqsCall(sluice.url, 'CreateQueue', { QueueName: 'bench' });
  for (let index = 1; index < queueCount; index++) {
    const other = await sqsCall(sluice.url, 'CreateQueue', { QueueName: `other-${index}` });
    await sqsCall(sluice.url, 'SendMessage', { QueueUrl: other.QueueUrl, MessageBody: 'x' });
  }
  const load = () =>
    runLoad({
      origin: sluice.url,
      scenarioModule: scenario,
      scenarioOptions: { queueUrl: QueueUrl, messageBytes: 1024 },
      connections,
      durationMs,
      core: 1,
    });
  await load(); // warm-up, not counted
  const quiet = [];
  const scraped = [];
  const scrapes = { scrapeMs: [], overviewMs: [], metricsBytes: 0 };
  for (let run = 0; run < runs; run++) {
    quiet.push(await load());
    const scraper = startScraper(sluice.url);
    scraped.push(await load());
    const timings = scraper.stop();
    scrapes.scrapeMs.push(...timings.scrapeMs);
    scrapes.overviewMs.push(...timings.overviewMs);
    scrapes.metricsBytes = timings.metricsBytes;
    process.stderr.write(
      `run ${run + 1}/${runs}: quiet ${Math.round(quiet.at(-1).perSecond)}/s, ` +
        `scraped ${Math.round(scraped.at(-1).perSecond)}/s\n`,
    );
  }
  const summary = (results) => ({
    sendMessagePerSecond: Math.round(median(results.map((result) => result.perSecond))),
    p50Ms: median(results.map((result) => result.latencyMicros.p50)) / 1000,
    p99Ms: median(results.map((result) => result.latencyMicros.p99)) / 1000,
    failed: results.reduce((total, result) => total + result.failed, 0),
    perRun: results.map((result) => Math.round(result.perSecond)),
  });
  const withoutScraper = summary(quiet);
  const withScraper = summary(scraped);
  console.log(
    JSON.stringify(
      {
        machine: {
          node: process.version,
          serverCore: 0,
          loadCore: 1,
          connections,
          durationMs,
          runs,
        },
        queues: queueCount,
        withoutScraper,
        withScraper,
        scrapedToQuietRatio: Number(
          (withScraper.sendMessagePerSecond / withoutScraper.sendMessagePerSecond).toFixed(3),
        ),
        scrape: {
          count: scrapes.scrapeMs.length,
          medianMs: Number(median(scrapes.scrapeMs).toFixed(2)),
          maxMs: Number(Math.max(...scrapes.scrapeMs).toFixed(2)),
          metricsBytes: scrapes.metricsBytes,
          overviewMedianMs: Number(median(scrapes.overviewMs).toFixed(2)),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await sluice.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
}
