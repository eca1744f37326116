#!/usr/bin/env node
// Storage benchmarks for @sluice/storage (built dist): group-committed append throughput
// (closed loop), append -> durable latency at a fixed rate (open loop), replay throughput and
// open/recovery time of a large log. Data lives under os.tmpdir() and is deleted afterwards.
//
//   node benchmarks/storage-append.mjs [--runs 3] [--seconds 5] [--records 4000000]
//        [--modes dsync,fdatasync,main-thread] [--concurrency 64,256] [--rate 50000]
//        [--only closed,open,replay] [--payload-bytes 1024] [--work-us 0] [--preallocate false]
//
// Every figure is the median of --runs runs. Results go to docs/benchmarks.md by hand.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { storageLimits } from '@sluice/core';
import { Log } from '@sluice/storage';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    records: { type: 'string', default: '4000000' },
    modes: { type: 'string', default: 'dsync' },
    concurrency: { type: 'string', default: '64,256' },
    rate: { type: 'string', default: '50000' },
    only: { type: 'string', default: 'closed,open,replay' },
    'payload-bytes': { type: 'string', default: '1024' },
    'work-us': { type: 'string', default: '0' },
    preallocate: { type: 'string', default: 'false' },
  },
});
const runs = Number(flags.runs);
const seconds = Number(flags.seconds);
const recordCount = Number(flags.records);
const modes = flags.modes.split(',');
const concurrencies = flags.concurrency.split(',').map(Number);
const rate = Number(flags.rate);
const only = new Set(flags.only.split(','));
const payloadBytes = Number(flags['payload-bytes']);
const workUs = Number(flags['work-us']);
const preallocate = flags.preallocate === 'true';
const payload = Buffer.alloc(payloadBytes, 0x61);

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function openLog(directory, mode) {
  return Log.open({ directory, durableWriteMode: mode, preallocate });
}

/**
 * Brings a new log to its steady state before measuring: the first segment of a new log is
 * created empty, every later one is renamed from a zero-filled spare. Waits for the spare
 * (peeking at the directory: a benchmark, not a client), then fills the first segment.
 */
async function reachSteadyState(log, directory) {
  if (preallocate) {
    const spare = join(directory, 'preallocated.spare');
    const full = () =>
      existsSync(spare) && statSync(spare).size === storageLimits.segmentBytesDefault;
    while (!full()) await new Promise((resolve) => setImmediate(resolve));
  }
  while (log.segments().length < 2) {
    let last = 0;
    for (let index = 0; index < 1024; index++) last = log.append(1, payload, 1);
    await log.whenDurable(last);
  }
}

function withLogDirectory(body) {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-storage-bench-'));
  return body(directory).finally(() => rmSync(directory, { recursive: true, force: true }));
}

/** Burns CPU on the event loop, standing in for the request handling a server does per message. */
function simulateWork() {
  if (workUs === 0) return;
  const until = performance.now() + workUs / 1000;
  while (performance.now() < until);
}

/**
 * Closed loop: `concurrency` appenders, each waiting for durability before its next append,
 * with --work-us of event-loop work per record (0 = a pure storage benchmark).
 */
async function closedLoop(mode, concurrency) {
  return withLogDirectory(async (directory) => {
    const log = openLog(directory, mode);
    await reachSteadyState(log, directory);
    const deadline = performance.now() + seconds * 1000;
    let appended = 0;
    const appender = async () => {
      while (performance.now() < deadline) {
        simulateWork();
        const offset = log.append(1, payload, 1);
        appended += 1;
        await log.whenDurable(offset);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, appender));
    const elapsedMs = performance.now() - started;
    await log.close();
    return (appended / elapsedMs) * 1000;
  });
}

/**
 * The arrival process of the open loop, on its own thread like a network: it wakes every
 * 50 microseconds (Atomics.wait, not a timer) and posts how many records are due by now.
 * The event loop sleeps between arrivals, as a server's does between requests.
 */
const arrivalSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { startedAtMs, intervalMs, total } = workerData;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let posted = 0;
while (posted < total) {
  const nowMs = performance.timeOrigin + performance.now();
  const due = Math.min(total, Math.floor((nowMs - startedAtMs) / intervalMs) + 1);
  if (due > posted) {
    parentPort.postMessage(due);
    posted = due;
  }
  Atomics.wait(sleeper, 0, 0, 0.05);
}
`;

/** Absolute time in milliseconds, comparable across threads. */
function nowMs() {
  return performance.timeOrigin + performance.now();
}

/**
 * Open loop: records are due at a fixed rate whatever the log does (no timer per record).
 * Latency runs from the moment a record was due (not when it was appended) to its
 * durability, so a stalled disk or event loop shows up in the figures instead of slowing the
 * load down (no coordinated omission). `lateArrivals` counts arrivals handled more than 2 ms
 * after they were due: delays of the machine (CPU contention, GC), not of the disk.
 */
async function openLoop(mode, durationSeconds = seconds) {
  return withLogDirectory(async (directory) => {
    const log = openLog(directory, mode);
    await reachSteadyState(log, directory);
    const total = Math.floor(rate * durationSeconds);
    const latenciesMs = new Float64Array(total);
    const intervalMs = 1000 / rate;
    const startedAtMs = nowMs() + 50;
    let appended = 0;
    let done = 0;
    let lateArrivals = 0;
    const arrivals = new Worker(arrivalSource, {
      eval: true,
      workerData: { startedAtMs, intervalMs, total },
    });
    await new Promise((resolve, reject) => {
      arrivals.on('error', reject);
      arrivals.on('message', (due) => {
        if (nowMs() - (startedAtMs + (due - 1) * intervalMs) > 2) lateArrivals += 1;
        const first = appended;
        let last = 0;
        for (; appended < due; appended++) last = log.append(1, payload, 1);
        void log.whenDurable(last).then(() => {
          const durableAtMs = nowMs();
          for (let index = first; index < due; index++) {
            latenciesMs[index] = durableAtMs - (startedAtMs + index * intervalMs);
          }
          done += due - first;
          if (done === total) resolve();
        });
      });
    });
    await arrivals.terminate();
    await log.close();
    latenciesMs.sort();
    const at = (quantile) => latenciesMs[Math.min(total - 1, Math.floor(quantile * total))];
    return {
      p50: at(0.5),
      p99: at(0.99),
      p999: at(0.999),
      max: latenciesMs[total - 1],
      lateArrivals,
    };
  });
}

/** Fills a log of recordCount records, then times open (with and without index files) and replay. */
async function replayAndRecovery(mode) {
  return withLogDirectory(async (directory) => {
    let log = openLog(directory, mode);
    const fillStarted = performance.now();
    const burst = 1024;
    while (log.nextOffset < recordCount) {
      let last = 0;
      const count = Math.min(burst, recordCount - log.nextOffset);
      for (let index = 0; index < count; index++) last = log.append(1, payload, 1);
      await log.whenDurable(last);
    }
    const fillMs = performance.now() - fillStarted;
    await log.close();
    const totalBytes = log.segments().reduce((sum, segment) => sum + segment.bytes, 0);

    const openTimesMs = [];
    const replayRates = [];
    for (let run = 0; run < runs; run++) {
      const openStarted = performance.now();
      log = openLog(directory, mode);
      openTimesMs.push(performance.now() - openStarted);
      const replayStarted = performance.now();
      let replayed = 0;
      let bytes = 0;
      for (let offset = log.firstOffset; offset < log.nextOffset;) {
        const records = log.readFrom(offset, 4096);
        for (const record of records) bytes += record.payload.length;
        replayed += records.length;
        offset += records.length;
      }
      const replayMs = performance.now() - replayStarted;
      if (replayed !== recordCount || bytes !== recordCount * payloadBytes) {
        throw new Error(`replayed ${replayed} records (${bytes} bytes) of ${recordCount}`);
      }
      replayRates.push(totalBytes / 1e6 / (replayMs / 1000));
      await log.close();
    }

    for (const name of readdirSync(directory)) {
      if (name.endsWith('.index')) unlinkSync(join(directory, name));
    }
    const scanStarted = performance.now();
    log = openLog(directory, mode);
    const scanOpenMs = performance.now() - scanStarted;
    await log.close();
    return {
      records: recordCount,
      gib: totalBytes / 2 ** 30,
      fillRecordsPerSecond: (recordCount / fillMs) * 1000,
      openMs: median(openTimesMs),
      openWithoutIndexFilesMs: scanOpenMs,
      replayMBps: median(replayRates),
    };
  });
}

console.log(
  `storage benchmarks: node ${process.version}, payload ${payloadBytes} B, ${runs} runs, ` +
    `${seconds} s each, preallocate ${preallocate}`,
);
for (const mode of modes) {
  if (only.has('closed')) {
    for (const concurrency of concurrencies) {
      const rates = [];
      for (let run = 0; run < runs; run++) rates.push(await closedLoop(mode, concurrency));
      const shown = rates.map((value) => Math.round(value)).join(', ');
      console.log(
        `closed loop  mode=${mode} concurrency=${concurrency} work=${workUs}us: median ` +
          `${Math.round(median(rates))} records/s (runs: ${shown})`,
      );
    }
  }
  if (only.has('open')) {
    await openLoop(mode, 1); // warm-up: JIT and allocator, discarded
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await openLoop(mode));
    const pick = (key) => median(results.map((result) => result[key])).toFixed(3);
    console.log(
      `open loop    mode=${mode} rate=${rate}/s: median p50 ${pick('p50')} ms, ` +
        `p99 ${pick('p99')} ms, p99.9 ${pick('p999')} ms, max ${pick('max')} ms; ` +
        `arrivals handled > 2 ms late: ${pick('lateArrivals')}`,
    );
  }
  if (only.has('replay')) {
    const result = await replayAndRecovery(mode);
    const per10M = (milliseconds) => ((milliseconds * 10_000_000) / recordCount / 1000).toFixed(2);
    console.log(
      `replay       mode=${mode} ${result.records} records (${result.gib.toFixed(2)} GiB): ` +
        `fill ${Math.round(result.fillRecordsPerSecond)} records/s, replay median ` +
        `${Math.round(result.replayMBps)} MB/s, open median ${result.openMs.toFixed(1)} ms ` +
        `(10M records: ~${per10M(result.openMs)} s), open without index files ` +
        `${result.openWithoutIndexFilesMs.toFixed(0)} ms (10M records: ~${per10M(result.openWithoutIndexFilesMs)} s)`,
    );
  }
}
