#!/usr/bin/env node
// Benchmarks of the queue state machine (packages/queue, from dist: build first).
//   node benchmarks/queue-state-machine.mjs            full run (about 2-3 minutes, ~4 GiB RAM)
//   node benchmarks/queue-state-machine.mjs --quick    1M-message sizes only
// Prints medians. Memory and 10M-message measurements run in child processes started with
// --expose-gc and a large --max-old-space-size, so each starts from a clean heap.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QueueStateMachine, decodeCommand, encodeCommand } from '@sluice/queue';

const startMs = 1_700_000_000_000;
const script = fileURLToPath(import.meta.url);

function messageId(index) {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function median(values) {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)];
}

function configured(fifo) {
  const queue = new QueueStateMachine();
  queue.apply({ type: 'configure', nowMs: startMs, config: { ...queue.config, fifo } }, 0);
  return queue;
}

/**
 * send + receive + delete of one message at a time, batch-free, through apply. Command time
 * moves 1 ms per cycle, so FIFO deduplication entries expire and the window stays at the
 * steady-state size of 5 minutes of sends (300,000 entries).
 */
function cyclesPerSecond(fifo, cycleCount) {
  const queue = configured(fifo);
  let offset = 1;
  const started = performance.now();
  for (let cycle = 0; cycle < cycleCount; cycle++) {
    const nowMs = startMs + cycle;
    const send = { type: 'send', nowMs, messageId: messageId(cycle), bodyBytes: 1024 };
    if (fifo) {
      send.groupId = `group-${cycle & 63}`;
      send.deduplicationId = messageId(cycle);
    }
    queue.apply(send, offset++);
    const received = queue.apply({ type: 'receive', nowMs, countMax: 1 }, offset++);
    queue.apply({ type: 'delete', nowMs, receipt: received.messages[0].receipt }, offset++);
  }
  return cycleCount / ((performance.now() - started) / 1000);
}

function heapBytes() {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  // `external` already includes `arrayBuffers` (the typed arrays).
  return usage.heapUsed + usage.external;
}

/**
 * Child: heap bytes per queued message, then snapshot and restore times, at `count`. Sends are
 * 1 ms apart. FIFO deduplication entries live 5 minutes whatever the queue depth (300,000 of
 * them here), so they are measured apart: per message once the window has passed, per entry
 * while it is open.
 */
function childMemory(count, fifo) {
  const before = heapBytes();
  const queue = configured(fifo);
  let nowMs = startMs;
  for (let index = 1; index <= count; index++) {
    nowMs = startMs + index;
    const send = { type: 'send', nowMs, messageId: messageId(index), bodyBytes: 1024 };
    if (fifo) {
      send.groupId = `group-${index & 1023}`;
      send.deduplicationId = messageId(index);
    }
    if (queue.apply(send, index).kind !== 'sent') throw new Error(`send ${index} refused`);
  }
  const withWindow = heapBytes();
  queue.apply({ type: 'expire', nowMs: nowMs + 5 * 60 * 1000 }, count + 1);
  const withoutWindow = heapBytes();
  const bytesPerMessage = (withoutWindow - before) / count;
  const windowEntries = Math.min(count, 5 * 60 * 1000);
  const bytesPerDeduplicationEntry = fifo ? (withWindow - withoutWindow) / windowEntries : 0;
  const snapshotMs = [];
  const restoreMs = [];
  let snapshotBytes = 0;
  for (let round = 0; round < 3; round++) {
    let started = performance.now();
    const chunks = queue.snapshot();
    snapshotMs.push(performance.now() - started);
    snapshotBytes = chunks.reduce((total, chunk) => total + chunk.length, 0);
    started = performance.now();
    QueueStateMachine.restore(chunks);
    restoreMs.push(performance.now() - started);
  }
  return {
    bytesPerMessage,
    bytesPerDeduplicationEntry,
    snapshotMs: median(snapshotMs),
    restoreMs: median(restoreMs),
    snapshotBytes,
  };
}

/** Child: decode + apply of `count` encoded sends laid out back to back, as replay reads them. */
function childReplay(count) {
  const encoded = [];
  let totalBytes = 0;
  for (let index = 0; index < count; index++) {
    const bytes = encodeCommand({
      type: 'send',
      nowMs: startMs + (index >> 12),
      messageId: messageId(index),
      bodyBytes: 1024,
    });
    encoded.push(bytes.length);
    totalBytes += bytes.length;
  }
  const log = Buffer.allocUnsafe(totalBytes);
  const lengths = Uint32Array.from(encoded);
  encoded.length = 0;
  let position = 0;
  for (let index = 0; index < count; index++) {
    position += encodeCommand({
      type: 'send',
      nowMs: startMs + (index >> 12),
      messageId: messageId(index),
      bodyBytes: 1024,
    }).copy(log, position);
  }
  const queue = configured(false);
  const started = performance.now();
  position = 0;
  for (let index = 0; index < count; index++) {
    const end = position + lengths[index];
    queue.apply(decodeCommand(log.subarray(position, end)), index + 1);
    position = end;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: count / seconds };
}

function runChild(args, maxOldSpaceMb) {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', `--max-old-space-size=${maxOldSpaceMb}`, script, '--child', ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`child ${args.join(' ')} failed`);
  return JSON.parse(result.stdout);
}

function main() {
  const quick = process.argv.includes('--quick');
  const rows = [];
  const runs = 5;
  for (const fifo of [false, true]) {
    cyclesPerSecond(fifo, 200_000); // warm up
    const rates = Array.from({ length: runs }, () => cyclesPerSecond(fifo, 1_000_000));
    rows.push([
      `send+receive+delete cycles/s (${fifo ? 'FIFO, 64 groups' : 'standard'})`,
      Math.round(median(rates)).toLocaleString('en-US'),
      `median of ${runs} x 1M cycles`,
    ]);
  }
  const sizes = quick ? [1_000_000] : [1_000_000, 10_000_000];
  for (const count of sizes) {
    for (const fifo of [false, true]) {
      const label = `${(count / 1e6).toFixed(0)}M ${fifo ? 'FIFO (1024 groups)' : 'standard'}`;
      const memory = runChild(['memory', String(count), String(fifo)], 12_000);
      rows.push([`heap bytes per queued message, ${label}`, memory.bytesPerMessage.toFixed(1), '']);
      if (fifo) {
        rows.push([
          `heap bytes per FIFO deduplication entry (5 min window)`,
          memory.bytesPerDeduplicationEntry.toFixed(1),
          `${label}`,
        ]);
        continue;
      }
      rows.push([
        `snapshot / restore ms, ${label}`,
        `${memory.snapshotMs.toFixed(0)} / ${memory.restoreMs.toFixed(0)}`,
        `median of 3; ${(memory.snapshotBytes / 2 ** 20).toFixed(0)} MiB`,
      ]);
    }
  }
  const replayCount = quick ? 1_000_000 : 10_000_000;
  const replays = Array.from({ length: quick ? 1 : 3 }, () =>
    runChild(['replay', String(replayCount)], 12_000),
  );
  const replay = replays.sort((first, second) => first.seconds - second.seconds)[
    Math.floor(replays.length / 2)
  ];
  rows.push([
    `decode+apply replay, ${(replayCount / 1e6).toFixed(0)}M sends`,
    `${replay.seconds.toFixed(2)} s (${Math.round(replay.perSecond).toLocaleString('en-US')}/s)`,
    `median of ${replays.length}`,
  ]);
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log(`queue state machine, node ${process.version}, ${new Date().toISOString()}`);
  for (const [name, value, note] of rows) {
    console.log(`${name.padEnd(width)}  ${String(value).padStart(22)}  ${note}`);
  }
}

if (process.argv[2] === '--child') {
  const [, , , kind, count, fifo] = process.argv;
  const result =
    kind === 'memory' ? childMemory(Number(count), fifo === 'true') : childReplay(Number(count));
  process.stdout.write(JSON.stringify(result));
} else {
  main();
}
