// The side-by-side comparison (issue 6): Sluice, the node:http baseline and the peer queues on the
// same workloads, each server pinned to core 0 and every load generator to core 1.
//
//   npm run bench [-- --quick] [-- --rows sluice-undici,pg-boss] [-- --no-setup]
//
// Starts the peers with setup-peers.sh (and stops them at the end unless --keep-peers), writes
// docs/benchmarks/results.json, the SVG charts and the "## Peer comparison" section of
// docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureFdatasyncRate } from './lib/fdatasync-rate.mjs';
import { measurementsFor, planFor } from './lib/plan.mjs';
import { runPeerWorker } from './lib/peer-run.mjs';
import { startBaseline, startSluice } from './lib/processes.mjs';
import { describeMachine } from './lib/machine.mjs';
import { writeReport } from './lib/report.mjs';
import { rows } from './peers/rows.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rows: { type: 'string' },
    'no-setup': { type: 'boolean', default: false },
    'keep-peers': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const plan = planFor(values.quick);
const serverCore = 0;
const loadCore = 1;
const setupScript = fileURLToPath(new URL('./setup-peers.sh', import.meta.url));
const selected = values.rows?.split(',') ?? Object.keys(rows);
const startedAt = new Date();
const log = (line) =>
  process.stderr.write(`${((Date.now() - startedAt) / 1000).toFixed(0)}s ${line}\n`);

function median(numbers) {
  const sorted = numbers.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The median run by its headline number, so its percentiles stay from one consistent run. */
function medianRun(results) {
  const ok = results.filter((result) => result.error === undefined);
  if (ok.length === 0) return results[0];
  const target = median(ok.map((result) => result.messagesPerSecond ?? result.latencyMs?.p50));
  return ok.find((result) => (result.messagesPerSecond ?? result.latencyMs?.p50) === target);
}

let queueCounter = 0;
async function measureRow(rowId, url) {
  const row = rows[rowId];
  const results = {};
  let behindAtRate;
  for (const measurement of measurementsFor(rowId, plan, rowId !== 'baseline')) {
    if (measurement.key.startsWith('latency') && behindAtRate !== undefined) {
      results[measurement.key] = { skipped: `p50 over 1 s at ${behindAtRate} msg/s` };
      log(`${rowId} ${measurement.key}: skipped`);
      continue;
    }
    // The headline throughputs get the median of plan.runs; the rest one run each (time budget).
    const runs = ['send1KiB', 'batch10x1KiB'].includes(measurement.key) ? plan.runs : 1;
    const attempts = [];
    for (let run = 0; run < runs; run++) {
      queueCounter += 1;
      const spec = {
        ...measurement,
        row: rowId,
        url,
        concurrency: 32,
        queue: `bench_${process.pid}_${queueCounter}`,
      };
      const budgetMs =
        (measurement.durationMs ?? 0) +
        (measurement.fillMs ?? 0) +
        (measurement.drainMs ?? 0) +
        60_000;
      attempts.push(await runPeerWorker(spec, { core: loadCore, timeoutMs: budgetMs }));
    }
    const result = medianRun(attempts);
    results[measurement.key] = result;
    const fellBehind = result.error !== undefined || result.latencyMs?.p50 > 1000;
    if (measurement.key.startsWith('latency') && fellBehind) behindAtRate = measurement.rate;
    log(`${rowId} ${measurement.key}: ${summarise(result)}`);
  }
  return { id: rowId, ...row, open: undefined, results };
}

function summarise(result) {
  if (result.error !== undefined) return `ERROR ${result.error.split('\n')[0]}`;
  const rate =
    result.messagesPerSecond === undefined ? '' : `${Math.round(result.messagesPerSecond)} msg/s `;
  const latency =
    result.latencyMs === undefined
      ? ''
      : `p50 ${result.latencyMs.p50} ms p99 ${result.latencyMs.p99} ms`;
  return `${rate}${latency}${result.failed ? ` failed ${result.failed}` : ''}`;
}

async function main() {
  const needsPeers = selected.some(
    (id) => !['baseline', 'sluice-undici', 'sluice-sdk'].includes(id),
  );
  if (needsPeers && !values['no-setup']) {
    log('starting peers (benchmarks/setup-peers.sh start)');
    execFileSync(setupScript, ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-peer-bench-'));
  const measured = [];
  let fdatasyncPerSecond;
  try {
    fdatasyncPerSecond = measureFdatasyncRate(dataDirectory, plan.fdatasyncMs);
    log(`fdatasync: ${Math.round(fdatasyncPerSecond)}/s`);
    for (const rowId of selected) {
      if (rowId === 'baseline') {
        const server = await startBaseline(serverCore);
        try {
          measured.push(await measureRow(rowId, server.url));
        } finally {
          await server.stop();
        }
      } else if (rowId.startsWith('sluice')) {
        const server = await startSluice(serverCore, join(dataDirectory, rowId));
        try {
          measured.push(await measureRow(rowId, server.url));
        } finally {
          await server.stop();
        }
      } else {
        measured.push(await measureRow(rowId, undefined));
      }
    }
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
    if (needsPeers && !values['no-setup'] && !values['keep-peers']) {
      execFileSync(setupScript, ['stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  }
  const document = {
    date: startedAt.toISOString(),
    command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
    plan,
    machine: describeMachine(),
    serverCore,
    loadCore,
    fdatasyncPerSecond: Math.round(fdatasyncPerSecond),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    rows: measured,
  };
  if (!values['no-write']) writeReport(document);
  else process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  log('done');
}

await main();
