// The side-by-side comparison (issue 6): Sluice, the two physical rows (the node:http baseline,
// which stores nothing, and the durable floor, which does only what a durable SQS send needs:
// lib/durable-floor-server.mjs) and the peer queues on the same workloads, each server pinned to
// core 0 and every load generator to core 1.
//
//   npm run bench [-- --quick] [-- --rows sluice-undici,pg-boss] [-- --no-setup]
//   npm run bench -- --rewrite-report   (no measuring: the docs again from results.json)
//
// The machine is shared and its load (CPU steal from the host among it) changes minute to minute,
// so the headline points (send 1 KiB, batch 10 x 1 KiB, latency at 5,000 msg/s) are interleaved:
// plan.runs rounds, each measuring one attempt of each on every row in turn, and each row's result
// is its median attempt (by p99 for the latency). The two closed loops among them are measured at
// each of plan.inFlight operations in flight, and a row's result is its best level by median
// (saturation: plan.mjs). A server we start (the physical rows,
// `sluice serve`) is started fresh for every round, with its own data directory, and stopped
// after it; the peers run throughout (setup-peers.sh). The rest (sizes, the other latency rates,
// drain, idle) then runs once per row, row after row, on a fresh server.
// Every attempt records the machine's CPU steal during it (`stealPercent`, from /proc/stat), and
// one made while the host took 5% or more is measured again (plan.mjs, `stealRetries`).
//
// Starts the peers with setup-peers.sh (and stops them at the end unless --keep-peers), writes
// docs/benchmarks/results.json, the SVG charts and the "## Peer comparison" section of
// docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureFdatasyncRate } from './lib/fdatasync-rate.mjs';
import { medianRun, saturationRun } from './lib/median-run.mjs';
import { measurementsFor, planFor } from './lib/plan.mjs';
import { runPeerWorker } from './lib/peer-run.mjs';
import { startsOwnServer, stopStartedServers, withRowServer } from './lib/processes.mjs';
import { killPeerWorkers } from './lib/peer-run.mjs';
import { describeMachine } from './lib/machine.mjs';
import { readCpuTimes, stealPercent, steadyMeasurer } from './lib/steal.mjs';
import { resultsPath, writeReport } from './lib/report.mjs';
import { rows } from './peers/rows.mjs';
import { serverNodeOptions } from '@sluice/server';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rows: { type: 'string' },
    'no-setup': { type: 'boolean', default: false },
    'keep-peers': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'rewrite-report': { type: 'boolean', default: false },
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

/** Measured in interleaved rounds (median of plan.runs); the rest once each (time budget). */
const headline = ['send1KiB', 'batch10x1KiB', 'latency5k'];
/** The headline's closed loops, measured at every level of plan.inFlight. */
const saturated = ['send1KiB', 'batch10x1KiB'];
const fellBehind = (result) => result.error !== undefined || result.latencyMs?.p50 > 1000;
const measurementsOf = (rowId) => measurementsFor(rowId, plan, rowId !== 'baseline');

let serverStarts = 0;
/** Runs `body(url)` against the row's server (withRowServer), each start in a new directory. */
function withServer(rowId, dataDirectory, body) {
  serverStarts += 1;
  return withRowServer(rowId, serverCore, join(dataDirectory, `${rowId}-${serverStarts}`), body);
}

let queueCounter = 0;
/** One attempt of one measurement on a fresh queue, with the machine's CPU steal during it. */
async function attempt(rowId, url, measurement) {
  queueCounter += 1;
  const concurrency = measurement.concurrency ?? 32;
  const spec = {
    ...measurement,
    row: rowId,
    url,
    concurrency,
    // The lean client's pool needs a connection for each operation in flight (64 by default).
    connections: measurement.connections ?? Math.max(64, concurrency),
    queue: `bench_${process.pid}_${queueCounter}`,
  };
  const budgetMs =
    (measurement.durationMs ?? 0) + (measurement.fillMs ?? 0) + (measurement.drainMs ?? 0) + 60_000;
  const before = readCpuTimes();
  const result = await runPeerWorker(spec, { core: loadCore, timeoutMs: budgetMs });
  return { ...result, stealPercent: stealPercent(before, readCpuTimes()) };
}

/** attempt(), measured again while the host starves it (plan.mjs, `stealRetries`). */
const measureSteadily = steadyMeasurer({
  retryPercent: plan.stealRetryPercent,
  retriesPerAttempt: plan.stealRetries,
  budget: plan.stealRetryBudget,
  pauseMs: plan.stealRetryPauseMs,
  log,
});
const steadyAttempt = (rowId, url, measurement) =>
  measureSteadily(`${rowId} ${measurement.key}`, () => attempt(rowId, url, measurement));

/** The headline measurements, round by round across every row: attempts[rowId][key] = [...]. */
async function measureHeadlineRounds(dataDirectory) {
  const attempts = Object.fromEntries(selected.map((rowId) => [rowId, {}]));
  for (let run = 0; run < plan.runs; run++) {
    for (const rowId of selected) {
      await withServer(rowId, dataDirectory, async (url) => {
        for (const measurement of measurementsOf(rowId)) {
          if (!headline.includes(measurement.key)) continue;
          if (!saturated.includes(measurement.key)) {
            const result = await steadyAttempt(rowId, url, measurement);
            (attempts[rowId][measurement.key] ??= []).push(result);
            log(`${rowId} ${measurement.key} round ${run + 1}/${plan.runs}: ${summarise(result)}`);
            continue;
          }
          const levels = (attempts[rowId][measurement.key] ??= plan.inFlight.map((inFlight) => ({
            inFlight,
            attempts: [],
          })));
          for (const [index, level] of levels.entries()) {
            const warmupMs = index === 0 ? measurement.warmupMs : plan.inFlightWarmupMs;
            const atLevel = { ...measurement, concurrency: level.inFlight, warmupMs };
            const label = `${measurement.key} at ${level.inFlight} in flight`;
            const result = await measureSteadily(`${rowId} ${label}`, () =>
              attempt(rowId, url, atLevel),
            );
            level.attempts.push(result);
            log(`${rowId} ${label} round ${run + 1}/${plan.runs}: ${summarise(result)}`);
          }
        }
      });
    }
  }
  return attempts;
}

/** The rest of one row's measurements, one attempt each, with the headline medians merged in. */
async function measureRest(rowId, dataDirectory, headlineAttempts) {
  const results = {};
  for (const [key, attempts] of Object.entries(headlineAttempts)) {
    if (saturated.includes(key)) {
      results[key] = saturationRun(attempts);
      const level = `${results[key].inFlight} in flight`;
      log(`${rowId} ${key} at saturation (${level}): ${summarise(results[key])}`);
      continue;
    }
    results[key] = medianRun(attempts);
    if (attempts.length > 1) log(`${rowId} ${key} median: ${summarise(results[key])}`);
  }
  let behindAtRate;
  await withServer(rowId, dataDirectory, async (url) => {
    for (const measurement of measurementsOf(rowId)) {
      const isLatency = measurement.key.startsWith('latency');
      if (headline.includes(measurement.key)) {
        // Measured in the rounds; a row behind there skips the higher rates all the same.
        const merged = results[measurement.key];
        if (isLatency && merged !== undefined && fellBehind(merged))
          behindAtRate ??= measurement.rate;
        continue;
      }
      if (isLatency && behindAtRate !== undefined) {
        results[measurement.key] = { skipped: `p50 over 1 s at ${behindAtRate} msg/s` };
        log(`${rowId} ${measurement.key}: skipped`);
        continue;
      }
      const result = await steadyAttempt(rowId, url, measurement);
      results[measurement.key] = result;
      if (isLatency && fellBehind(result)) behindAtRate ??= measurement.rate;
      log(`${rowId} ${measurement.key}: ${summarise(result)}`);
    }
  });
  // In the plan's order, as results.json always had them.
  const ordered = {};
  for (const { key } of measurementsOf(rowId)) {
    if (results[key] !== undefined) ordered[key] = results[key];
  }
  return { id: rowId, ...rows[rowId], open: undefined, results: ordered };
}

function summarise(result) {
  if (result.error !== undefined) return `ERROR ${result.error.split('\n')[0]}`;
  const rate =
    result.messagesPerSecond === undefined ? '' : `${Math.round(result.messagesPerSecond)} msg/s `;
  const latency =
    result.latencyMs === undefined
      ? ''
      : `p50 ${result.latencyMs.p50} ms p99 ${result.latencyMs.p99} ms`;
  const retried =
    result.stealRetries === undefined ? '' : `, measured ${result.stealRetries + 1} times`;
  const steal =
    result.stealPercent === undefined ? '' : ` (steal ${result.stealPercent}%${retried})`;
  return `${rate}${latency}${result.failed ? ` failed ${result.failed}` : ''}${steal}`;
}

const needsPeers = selected.some((id) => !startsOwnServer(id));
const managesPeers = needsPeers && !values['no-setup'];
let dataDirectory;

// Interrupted (Ctrl-C, kill): stop what this run started, or a `sluice serve`, a load worker
// and the peers would keep running, holding a core and their ports.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, async () => {
    log(`${signal}: stopping the load, the servers${managesPeers ? ' and the peers' : ''}`);
    killPeerWorkers();
    await stopStartedServers();
    if (dataDirectory !== undefined) rmSync(dataDirectory, { recursive: true, force: true });
    if (managesPeers && !values['keep-peers']) {
      execFileSync(setupScript, ['stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    process.exit(code);
  });
}

async function main() {
  if (managesPeers) {
    log('starting peers (benchmarks/setup-peers.sh start)');
    execFileSync(setupScript, ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-peer-bench-'));
  const measured = [];
  let fdatasyncPerSecond;
  try {
    fdatasyncPerSecond = measureFdatasyncRate(dataDirectory, plan.fdatasyncMs);
    log(`fdatasync: ${Math.round(fdatasyncPerSecond)}/s`);
    const headlineAttempts = await measureHeadlineRounds(dataDirectory);
    for (const rowId of selected) {
      measured.push(await measureRest(rowId, dataDirectory, headlineAttempts[rowId]));
    }
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
    if (managesPeers && !values['keep-peers']) {
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
    // What processes.mjs starts Sluice and the physical rows with (docs/cli.md's command line).
    serverNodeOptions,
    fdatasyncPerSecond: Math.round(fdatasyncPerSecond),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    rows: measured,
  };
  if (!values['no-write']) writeReport(document);
  else process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  log('done');
}

if (values['rewrite-report']) {
  // The report's wording or the targets' rules changed: write the docs again from the last run's
  // results, with nothing measured.
  writeReport(JSON.parse(readFileSync(resultsPath, 'utf8')));
} else {
  await main();
}
