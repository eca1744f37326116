// Does observability cost the send path anything? SendMessage throughput of `sluice serve` with
// and without a scraper that fetches /metrics every second and the dashboard's
// /admin/v1/overview every 2 s (what one open dashboard tab does). Each run measures both sides
// back to back in alternating order (quiet first, then scraped first, ...), each into a fresh
// queue, so drift on this shared machine and a growing queue hit both sides equally; the result
// is the median of the per-run ratios. Server pinned to core 0, load generator to core 1. 100
// queues exist so that a scrape has real work (100 labeled queues, ~1,000 queue series).
//
//   node benchmarks/metrics-overhead.mjs [--duration-ms 10000] [--connections 32] [--runs 5]
//
// Prints a JSON document with the median of each side and their ratio.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverNodeOptions } from '@sluice/server';
import { runLoad } from './lib/load.mjs';
import { sqsCall } from './lib/processes.mjs';

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
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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

/** `sluice serve` pinned to `core`, its stderr (the JSON log) kept in a file for post-mortems. */
async function startSluice(core, dataDirectory) {
  const logPath = join(dataDirectory, 'server.log');
  let stopping = false;
  const child = spawn(
    'taskset',
    [
      '-c',
      String(core),
      process.execPath,
      ...serverNodeOptions,
      fileURLToPath(new URL('../packages/cli/bin/sluice.js', import.meta.url)),
      'serve',
      '--port',
      '0',
      '--data-dir',
      join(dataDirectory, 'data'),
    ],
    { stdio: ['ignore', 'pipe', openSync(logPath, 'a')] },
  );
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`sluice exited (${code ?? signal}); its log:\n`);
    process.stderr.write(readFileSync(logPath, 'utf8').slice(-4000));
  });

  for await (const line of createInterface({ input: child.stdout })) {
    const match = /listening on (\S+)/.exec(line);
    if (match === null) continue;
    child.stdout.resume();
    const stop = () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    return { url: match[1], stop };
  }
  throw new Error(`sluice exited before it was ready: ${readFileSync(logPath, 'utf8')}`);
}

/** The server's own CPU seconds, from its /metrics. */
async function serverCpuSeconds(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1]);
}

/**
 * The scraper's cost without the noise of a send load: the idle server's CPU per second over
 * 10 s without, then with, the scraper (the two CPU reads cost the same on both sides).
 */
async function idleCpuCost(url) {
  const window = async (withScraper) => {
    const scraper = withScraper ? startScraper(url) : undefined;
    const before = await serverCpuSeconds(url);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const after = await serverCpuSeconds(url);
    scraper?.stop();
    return Number((((after - before) * 1000) / 10).toFixed(2));
  };
  return { withoutScraper: await window(false), withScraper: await window(true) };
}

/** A fresh server with `queueCount - 1` other queues holding one message each. */
async function startPopulated() {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-metrics-bench-'));
  const sluice = await startSluice(0, dataDirectory);
  for (let index = 1; index < queueCount; index++) {
    const other = await sqsCall(sluice.url, 'CreateQueue', { QueueName: `other-${index}` });
    await sqsCall(sluice.url, 'SendMessage', { QueueUrl: other.QueueUrl, MessageBody: 'x' });
  }
  return {
    url: sluice.url,
    stop: async () => {
      await sluice.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

const scrapes = { scrapeMs: [], overviewMs: [], metricsBytes: 0 };
let measurement = 0;
async function load(url, measuredMs = durationMs) {
  const { QueueUrl } = await sqsCall(url, 'CreateQueue', { QueueName: `bench-${measurement++}` });
  return runLoad({
    origin: url,
    scenarioModule: scenario,
    scenarioOptions: { queueUrl: QueueUrl, messageBytes: 1024 },
    connections,
    durationMs: measuredMs,
    core: 1,
  });
}
async function loadScraped(url) {
  const scraper = startScraper(url);
  const result = await load(url);
  const timings = scraper.stop();
  scrapes.scrapeMs.push(...timings.scrapeMs);
  scrapes.overviewMs.push(...timings.overviewMs);
  scrapes.metricsBytes = timings.metricsBytes;
  return result;
}

// Each run gets a fresh server (so the log never grows past a run's worth of records and every
// run starts from the same state), warms it up, then measures both sides in alternating order.
const quiet = [];
const scraped = [];
let idle;
for (let run = 0; run < runs; run++) {
  const sluice = await startPopulated();
  try {
    if (run === 0) idle = await idleCpuCost(sluice.url);
    await load(sluice.url, 2000); // warm-up, not counted
    if (run % 2 === 0) {
      quiet.push(await load(sluice.url));
      scraped.push(await loadScraped(sluice.url));
    } else {
      scraped.push(await loadScraped(sluice.url));
      quiet.push(await load(sluice.url));
    }
  } finally {
    await sluice.stop();
  }
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
      scrapedToQuietRatioMedianOfRuns: Number(
        median(scraped.map((result, run) => result.perSecond / quiet[run].perSecond)).toFixed(3),
      ),
      scrapedToQuietRatioPerRun: scraped.map((result, run) =>
        Number((result.perSecond / quiet[run].perSecond).toFixed(3)),
      ),
      idleServerCpuMsPerSecond: idle,
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
