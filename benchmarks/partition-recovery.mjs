// Restart (recovery) time of a partition holding N queued messages: fill a partition through its
// public API (durable batched sends, snapshots taken as in normal operation), close it, reopen it
// and time Partition.open. Also reports heap per queued message after recovery.
//
//   node --max-old-space-size=8192 --expose-gc benchmarks/partition-recovery.mjs --messages 10000000
//
// Data goes under the OS temp directory and is deleted afterwards (10M x 1 KiB is ~11 GB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@sluice/core';
import { defaultQueueConfig } from '@sluice/queue';
import { Partition } from '@sluice/partition';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    'body-bytes': { type: 'string', default: '1024' },
    batch: { type: 'string', default: '500' },
    keep: { type: 'boolean', default: false },
  },
});
const messageCount = Number(values.messages);
const bodyBytes = Number(values['body-bytes']);
const batchSize = Number(values.batch);
const directory = mkdtempSync(join(tmpdir(), 'sluice-recovery-bench-'));
const queueId = 1;
const gc = globalThis.gc ?? (() => undefined);

function heapBytes() {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

try {
  const payload = Buffer.alloc(bodyBytes, 0x61);
  let partition = await Partition.open({ directory, clock: systemClock });
  await partition.configureQueue(queueId, defaultQueueConfig);
  const fillStart = performance.now();
  let lastReport = fillStart;
  for (let sent = 0; sent < messageCount;) {
    const count = Math.min(batchSize, messageCount - sent);
    const requests = Array.from({ length: count }, (_, index) => ({
      messageId: `00000000-0000-4000-8000-${String(sent + index).padStart(12, '0')}`,
      payload,
      bodyBytes,
    }));
    // Several batches in flight at once, as concurrent producers would do.
    await Promise.all([partition.send(queueId, requests)]);
    sent += count;
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      const rate = sent / ((lastReport - fillStart) / 1000);
      process.stderr.write(`filled ${sent}/${messageCount} (${Math.round(rate)} msg/s)\n`);
    }
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  await partition.snapshot();
  const status = partition.status();
  await partition.close();
  partition = undefined;
  const baseline = heapBytes();

  const openStart = performance.now();
  const recovered = await Partition.open({ directory, clock: systemClock });
  const recoverySeconds = (performance.now() - openStart) / 1000;
  const counters = recovered.counters(queueId);
  const heapPerMessage = (heapBytes() - baseline) / messageCount;
  await recovered.close();
  const result = {
    messages: messageCount,
    bodyBytes,
    fillSeconds: Number(fillSeconds.toFixed(1)),
    fillRatePerSecond: Math.round(messageCount / fillSeconds),
    logGiB: Number((status.logBytes / 2 ** 30).toFixed(2)),
    segments: status.segmentCount,
    recoverySeconds: Number(recoverySeconds.toFixed(2)),
    visibleAfterRecovery: counters.visible,
    heapBytesPerMessageAfterRecovery: Math.round(heapPerMessage),
  };
  console.log(JSON.stringify(result, null, 2));
  if (counters.visible !== messageCount) {
    console.error(
      `expected ${messageCount} visible messages after recovery, found ${counters.visible}`,
    );
    process.exitCode = 1;
  }
} finally {
  if (!values.keep) rmSync(directory, { recursive: true, force: true });
}
