import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@sluice/core';
import { defaultQueueConfig } from '@sluice/queue';
import { nodeFileSystem, type StorageFileSystem } from '@sluice/storage';
import { Partition } from './partition.js';
import { PartitionRecoveryError } from './partition-snapshots.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-partition-'));
  directories.push(directory);
  return directory;
}

const queue = 1;
const deadLetterQueue = 2;

async function openPartition(
  directory: string,
  clock: ManualClock,
  segmentBytes?: number,
): Promise<Partition> {
  return Partition.open({
    directory,
    clock,
    ...(segmentBytes === undefined ? {} : { segmentBytes }),
    deadLetterTargetOf: (queueId) => (queueId === queue ? deadLetterQueue : undefined),
  });
}

function message(
  index: number,
  bytes = 200,
): { messageId: string; payload: Buffer; bodyBytes: number } {
  return { messageId: `m${index}`, payload: Buffer.alloc(bytes, index % 251), bodyBytes: bytes };
}

test('a receipt handle issued before a restart still deletes its message after it', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const before = await openPartition(directory, clock);
  await before.configureQueue(queue, defaultQueueConfig);
  await before.send(queue, [message(1)]);
  const { messages } = await before.receive(queue, { countMax: 1 });
  await before.close();
  const after = await openPartition(directory, clock);
  assert.equal(await after.deleteMessage(queue, messages[0]?.receiptHandle ?? ''), 'deleted');
  assert.equal(after.counters(queue).inflight, 0);
  await after.close();
});

test('a DeleteMessageBatch is one record that answers each handle as DeleteMessage would, and its deletes survive a restart', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const before = await openPartition(directory, clock);
  await before.configureQueue(queue, defaultQueueConfig);
  await before.send(queue, [message(1), message(2), message(3), message(4)]);
  const first = await before.receive(queue, { countMax: 4, visibilityTimeoutMs: 1_000 });
  const [handle1, handle2, handle3] = first.messages.map((received) => received.receiptHandle);
  assert.deepEqual(
    first.messages.map((received) => received.messageId),
    ['m1', 'm2', 'm3', 'm4'],
  );
  clock.advance(2_000);
  const again = await before.receive(queue, { countMax: 1 });
  assert.equal(again.messages[0]?.messageId, 'm1', 'm1 is received again: handle1 is stale');
  const recordsBefore = before.status().nextOffset;
  const outcomes = await before.deleteMessages(queue, [
    handle2!,
    'not-a-handle',
    handle2!,
    handle1!,
    handle3!,
  ]);
  assert.deepEqual(outcomes, [
    'deleted',
    'invalidReceipt',
    'alreadyGone',
    'staleReceipt',
    'deleted',
  ]);
  assert.equal(before.status().nextOffset, recordsBefore + 1, 'one record for the whole batch');
  assert.deepEqual(await before.deleteMessages(queue, ['forged', '']), [
    'invalidReceipt',
    'invalidReceipt',
  ]);
  assert.equal(before.status().nextOffset, recordsBefore + 1, 'no record when no handle decodes');
  await assert.rejects(
    before.deleteMessages(queue, Array<string>(11).fill(handle1!)),
    RangeError,
    'more handles than a batch holds',
  );
  const counters = before.counters(queue);
  await before.close();
  const after = await openPartition(directory, clock);
  assert.deepEqual(after.counters(queue), counters, 'the batch replays to the same state');
  const left = after.counters(queue);
  assert.equal(left.inflight, 1, 'm1, received again, is left in flight');
  assert.equal(left.visible, 1, 'm4, whose visibility timeout passed, is left visible');
  await after.close();
});

test(
  'standard queues answer receives and deletes (single and batched) before their fsync; FIFO queues wait for it',
  { timeout: 10_000 },
  async () => {
    // Writes are held (not failed) while `holding`: whatever waits for the disk cannot finish.
    let holding = false;
    const held: Array<() => void> = [];
    const fileSystem: StorageFileSystem = {
      ...nodeFileSystem,
      writev(fd, buffers, position, callback) {
        const write = (): void => nodeFileSystem.writev(fd, buffers, position, callback);
        if (holding) held.push(write);
        else write();
      },
    };
    const fifoQueue = 3;
    const partition = await Partition.open({
      directory: temporaryDirectory(),
      clock: new ManualClock(),
      fileSystem,
    });
    await partition.configureQueue(queue, defaultQueueConfig);
    await partition.configureQueue(fifoQueue, { ...defaultQueueConfig, fifo: true });
    await partition.send(queue, [message(1), message(3)]);
    await partition.send(fifoQueue, [{ ...message(2), groupId: 'g', deduplicationId: 'd' }]);
    holding = true;
    const standard = await partition.receive(queue, { countMax: 2 });
    assert.equal(standard.messages.length, 2);
    const [handle, batchHandle] = standard.messages.map((received) => received.receiptHandle);
    assert.equal(await partition.deleteMessage(queue, handle ?? ''), 'deleted');
    assert.deepEqual(await partition.deleteMessages(queue, [batchHandle ?? '']), ['deleted']);
    let fifoAnswered = false;
    const fifo = partition.receive(fifoQueue, { countMax: 1 }).then((result) => {
      fifoAnswered = true;
      return result;
    });
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fifoAnswered, false, 'the FIFO receive waits for its fsync');
    assert.ok(held.length > 0, 'the FIFO receive started a write');
    holding = false;
    for (const write of held.splice(0)) write();
    const fifoHandle = (await fifo).messages[0]?.receiptHandle ?? '';
    holding = true;
    let fifoDeleted = false;
    const fifoDelete = partition.deleteMessages(fifoQueue, [fifoHandle]).then((outcomes) => {
      fifoDeleted = true;
      return outcomes;
    });
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fifoDeleted, false, 'the FIFO batch delete waits for its fsync');
    holding = false;
    for (const write of held.splice(0)) write();
    assert.deepEqual(await fifoDelete, ['deleted']);
    await partition.close();
  },
);

test('a message dead-lettered before a restart is in the dead-letter queue after it, once, with its id and body', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const before = await openPartition(directory, clock);
  await before.configureQueue(deadLetterQueue, defaultQueueConfig);
  await before.configureQueue(queue, {
    ...defaultQueueConfig,
    maxReceiveCount: 1,
    visibilityTimeoutMs: 1000,
  });
  await before.send(queue, [message(7)]);
  await before.receive(queue, { countMax: 1 });
  clock.advance(1000);
  assert.deepEqual((await before.receive(queue, { countMax: 1 })).messages, []);
  await before.close();
  const after = await openPartition(directory, clock);
  assert.equal(after.counters(queue).visible + after.counters(queue).inflight, 0);
  const { messages } = await after.receive(deadLetterQueue, { countMax: 10 });
  assert.deepEqual(
    messages.map((delivered) => delivered.messageId),
    ['m7'],
  );
  assert.deepEqual(messages[0]?.payload, message(7).payload);
  assert.equal(messages[0]?.originQueueId, queue);
  await after.close();
});

test('a snapshot lets old segments go: fully dead ones are deleted, ones pinned by a few live messages are compacted, and those messages survive a restart', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const partition = await openPartition(directory, clock, 16 * 1024);
  await partition.configureQueue(queue, { ...defaultQueueConfig, visibilityTimeoutMs: 1 });
  await partition.send(
    queue,
    Array.from({ length: 100 }, (_, index) => message(index, 1000)),
  );
  // Keep the first message; consume every other one.
  let kept: string | undefined;
  for (;;) {
    const { messages } = await partition.receive(queue, {
      countMax: 10,
      visibilityTimeoutMs: 3_600_000,
    });
    if (messages.length === 0) break;
    for (const delivered of messages) {
      if (delivered.messageId === 'm0') kept = delivered.receiptHandle;
      else await partition.deleteMessage(queue, delivered.receiptHandle);
    }
  }
  assert.ok(kept !== undefined);
  const segmentsBefore = partition.status().segmentCount;
  await partition.snapshot();
  await partition.snapshot();
  const segmentsAfter = partition.status().segmentCount;
  assert.ok(segmentsAfter < segmentsBefore, `segments ${segmentsBefore} -> ${segmentsAfter}`);
  await partition.close();
  const reopened = await openPartition(directory, clock, 16 * 1024);
  assert.equal(
    await reopened.changeVisibility(queue, kept, 0),
    'changed',
    'the receipt survived compaction',
  );
  const { messages } = await reopened.receive(queue, { countMax: 10 });
  assert.deepEqual(
    messages.map((delivered) => delivered.messageId),
    ['m0'],
  );
  assert.deepEqual(messages[0]?.payload, message(0, 1000).payload);
  await reopened.close();
});

test('a damaged newest snapshot falls back to replaying the log, giving the same state', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const partition = await openPartition(directory, clock);
  await partition.configureQueue(queue, defaultQueueConfig);
  await partition.send(
    queue,
    Array.from({ length: 20 }, (_, index) => message(index)),
  );
  await partition.snapshot();
  await partition.send(queue, [message(99)]);
  const expected = partition.digest();
  await partition.close();
  const snapshots = join(directory, 'snapshots');
  const [file] = readdirSync(snapshots);
  const bytes = readFileSync(join(snapshots, file as string));
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
  writeFileSync(join(snapshots, file as string), bytes);
  const reopened = await openPartition(directory, clock);
  assert.equal(reopened.digest(), expected);
  await reopened.close();
});

test('with no usable snapshot and a log that no longer starts at offset 0, opening fails loudly instead of inventing state', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const partition = await openPartition(directory, clock, 16 * 1024);
  await partition.configureQueue(queue, defaultQueueConfig);
  for (let round = 0; round < 5; round++) {
    await partition.send(
      queue,
      Array.from({ length: 20 }, (_, index) => message(round * 20 + index, 1000)),
    );
    await partition.purge(queue);
    clock.advance(60_000);
  }
  await partition.snapshot();
  assert.ok(partition.status().segmentCount < 8, 'old segments were deleted');
  await partition.close();
  rmSync(join(directory, 'snapshots'), { recursive: true, force: true });
  await assert.rejects(openPartition(directory, clock, 16 * 1024), PartitionRecoveryError);
});

test('a receive still delivers a visible message that sits behind more dead letters than one receive moves', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const partition = await openPartition(directory, clock);
  await partition.configureQueue(deadLetterQueue, defaultQueueConfig);
  await partition.configureQueue(queue, {
    ...defaultQueueConfig,
    maxReceiveCount: 1,
    visibilityTimeoutMs: 1000,
  });
  await partition.send(
    queue,
    Array.from({ length: 15 }, (_, index) => message(index)),
  );
  for (let received = 0; received < 15;) {
    received += (await partition.receive(queue, { countMax: 10 })).messages.length;
  }
  clock.advance(1000);
  await partition.send(queue, [message(100)]);
  const { messages } = await partition.receive(queue, { countMax: 1 });
  assert.deepEqual(
    messages.map((delivered) => delivered.messageId),
    ['m100'],
  );
  assert.equal(partition.counters(deadLetterQueue).visible, 15);
  await partition.close();
});

test('automatic snapshots that compact while sends continue neither pile up nor fail, and the state reopens the same', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const backgroundErrors: Error[] = [];
  const open = (): Promise<Partition> =>
    Partition.open({
      directory,
      clock,
      segmentBytes: 16 * 1024,
      snapshotIntervalRecords: 50,
      onBackgroundError: (error) => backgroundErrors.push(error),
    });
  const partition = await open();
  await partition.configureQueue(queue, { ...defaultQueueConfig, visibilityTimeoutMs: 3_600_000 });
  for (let round = 0; round < 40; round++) {
    await partition.send(
      queue,
      Array.from({ length: 20 }, (_, index) => message(round * 20 + index, 600)),
    );
    // Keep one message of each round: old segments end up pinned by a few, so snapshots compact.
    const { messages } = await partition.receive(queue, { countMax: 10 });
    for (const delivered of messages.slice(1))
      await partition.deleteMessage(queue, delivered.receiptHandle);
  }
  await partition.snapshot();
  const expected = partition.digest();
  await partition.close();
  assert.deepEqual(backgroundErrors, []);
  const reopened = await open();
  assert.equal(reopened.digest(), expected);
  await reopened.close();
});

test('near the end of a snapshot interval the snapshot buffers are reserved ahead, and the snapshot made in them reopens the same', async () => {
  const directory = temporaryDirectory();
  const clock = new ManualClock();
  const open = (): Promise<Partition> =>
    Partition.open({ directory, clock, snapshotIntervalRecords: 100 });
  const partition = await open();
  await partition.configureQueue(queue, defaultQueueConfig);
  await partition.send(
    queue,
    Array.from({ length: 80 }, (_, index) => message(index)),
  );
  assert.equal(partition.status().snapshotBufferBytes, 0, 'before 90% of the interval');
  await partition.send(
    queue,
    Array.from({ length: 10 }, (_, index) => message(80 + index)),
  );
  const ahead = partition.status();
  assert.equal(ahead.lastSnapshotOffset, 0, 'no snapshot yet');
  assert.ok(ahead.snapshotBufferBytes > 0, 'buffers reserved for the coming snapshot');
  await partition.send(
    queue,
    Array.from({ length: 20 }, (_, index) => message(90 + index)),
  );
  await partition.snapshot();
  assert.ok(partition.status().lastSnapshotOffset > 0);
  const expected = partition.digest();
  await partition.close();
  const reopened = await open();
  assert.equal(reopened.digest(), expected);
  await reopened.close();
});
