import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storageLimits } from '@sluice/core';
import type { DurableWriteMode } from './durable-writer.js';
import { LogBackPressureError, LogFailedError } from './errors.js';
import { Log } from './log.js';
import { recordBytesFor } from './record-format.js';
import { InstrumentedFileSystem, ioError } from './testing/instrumented-file-system.js';
import { temporaryDirectory } from './testing/temporary-directory.js';
import { waitFor } from './testing/wait-for.js';

const modes: DurableWriteMode[] = ['dsync', 'fdatasync', 'main-thread'];
const asyncModes: DurableWriteMode[] = ['dsync', 'fdatasync'];
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function appendRecords(log: Log, count: number, payloadBytes = 100): number[] {
  return Array.from({ length: count }, () => log.append(1, Buffer.alloc(payloadBytes, 1), 0));
}

/** appendRecords, with a waiter on the last record, as a send has: its batch is not held back. */
function appendAwaited(log: Log, count: number, payloadBytes = 100): number[] {
  const offsets = appendRecords(log, count, payloadBytes);
  log.whenDurable(offsets.at(-1) as number).catch(() => undefined);
  return offsets;
}

/** The durable operations a group commit costs in each mode: one write, plus a sync unless O_DSYNC. */
function syncsPerBatch(mode: DurableWriteMode): number {
  return mode === 'dsync' ? 0 : 1;
}

for (const mode of modes) {
  test(`[${mode}] many concurrent appends in one tick are written and synced as one batch`, async (context) => {
    const fileSystem = new InstrumentedFileSystem();
    const log = Log.open({
      directory: temporaryDirectory(context),
      fileSystem,
      durableWriteMode: mode,
    });
    const appenders = Array.from({ length: 200 }, async () => {
      const offset = log.append(1, Buffer.from('concurrent'), 0);
      await log.whenDurable(offset);
    });
    await Promise.all(appenders);
    assert.equal(fileSystem.writeCount, 1);
    assert.equal(fileSystem.dataSyncCount, syncsPerBatch(mode));
    assert.deepEqual(fileSystem.writeBytes, [200 * recordBytesFor(10)]);
    await log.close();
  });

  test(`[${mode}] a batch never exceeds the record count bound`, async (context) => {
    const fileSystem = new InstrumentedFileSystem();
    const log = Log.open({
      directory: temporaryDirectory(context),
      fileSystem,
      durableWriteMode: mode,
    });
    appendRecords(log, storageLimits.batchRecordCountMax + 10, 10);
    await log.whenDurable(log.nextOffset - 1);
    const recordBytes = recordBytesFor(10);
    assert.deepEqual(fileSystem.writeBytes, [
      storageLimits.batchRecordCountMax * recordBytes,
      10 * recordBytes,
    ]);
    await log.close();
  });
}

test('a batch never exceeds the byte bound', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const log = Log.open({ directory: temporaryDirectory(context), fileSystem });
  const payloadBytes = storageLimits.recordPayloadBytesMax;
  const count = Math.floor(storageLimits.batchBytesMax / recordBytesFor(payloadBytes)) + 2;
  appendRecords(log, count, payloadBytes);
  await log.whenDurable(log.nextOffset - 1);
  assert.equal(fileSystem.writeCount, 2);
  for (const bytes of fileSystem.writeBytes) assert.ok(bytes <= storageLimits.batchBytesMax);
  await log.close();
});

for (const mode of asyncModes) {
  test(`[${mode}] appends made while a batch is in flight form the next batch, started as soon as it completes`, async (context) => {
    const fileSystem = new InstrumentedFileSystem();
    const log = Log.open({
      directory: temporaryDirectory(context),
      fileSystem,
      durableWriteMode: mode,
    });
    fileSystem.holdWrites = true;
    appendAwaited(log, 10);
    await nextTurn();
    assert.equal(fileSystem.heldWriteCount, 1, 'the first batch is in flight');
    for (let turn = 0; turn < 5; turn++) {
      appendAwaited(log, 4);
      await nextTurn();
    }
    assert.equal(fileSystem.writeCount, 1, 'nothing else is written while a batch is in flight');
    const firstDurable = log.whenDurable(9);
    fileSystem.release();
    await firstDurable;
    assert.equal(fileSystem.writeCount, 2, 'the next batch started when the first completed');
    await log.whenDurable(29);
    assert.deepEqual(fileSystem.writeBytes, [10 * recordBytesFor(100), 20 * recordBytesFor(100)]);
    await log.close();
  });
}

test('records nobody waits for are held back while every loop turn brings more, and written as one batch after the first turn that brings none', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const log = Log.open({ directory: temporaryDirectory(context), fileSystem });
  for (let turn = 0; turn < 10; turn++) {
    appendRecords(log, 5);
    await nextTurn();
  }
  assert.equal(fileSystem.writeCount, 0, 'held back while each turn staged records');
  await waitFor(() => log.durableOffset === 50);
  assert.deepEqual(fileSystem.writeBytes, [50 * recordBytesFor(100)]);
  await log.close();
});

test('a held-back batch is started as soon as something waits for one of its records', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const log = Log.open({ directory: temporaryDirectory(context), fileSystem });
  fileSystem.holdWrites = true;
  appendRecords(log, 5);
  await nextTurn();
  assert.equal(fileSystem.heldWriteCount, 0, 'held back: nobody waits and the turn staged records');
  const durable = log.whenDurable(2);
  await nextTurn();
  assert.equal(fileSystem.heldWriteCount, 1, 'started by the waiter, without a quiet turn');
  fileSystem.release();
  await durable;
  assert.deepEqual(fileSystem.writeBytes, [5 * recordBytesFor(100)]);
  await log.close();
});

test('a batch nobody waits for is written once it reaches the held-back byte bound, though every turn brings more', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const log = Log.open({ directory: temporaryDirectory(context), fileSystem });
  const perTurn = 40;
  const turnBytes = perTurn * recordBytesFor(1000);
  const turns = Math.ceil((2 * storageLimits.unwaitedBatchBytesMax) / turnBytes);
  for (let turn = 0; turn < turns; turn++) {
    appendRecords(log, perTurn, 1000);
    await nextTurn();
  }
  assert.ok(fileSystem.writeCount >= 1, 'a write started while records kept coming');
  const [first = 0] = fileSystem.writeBytes;
  assert.ok(first >= storageLimits.unwaitedBatchBytesMax, `first write of ${first} bytes`);
  assert.ok(
    first < storageLimits.unwaitedBatchBytesMax + turnBytes,
    `first write of ${first} bytes`,
  );
  await waitFor(() => log.durableOffset === turns * perTurn);
  await log.close();
});

const failures: Array<{ mode: DurableWriteMode; failing: 'write' | 'sync' }> = [
  { mode: 'dsync', failing: 'write' },
  { mode: 'fdatasync', failing: 'sync' },
  { mode: 'fdatasync', failing: 'write' },
  { mode: 'main-thread', failing: 'sync' },
];
for (const { mode, failing } of failures) {
  test(`[${mode}] a failed ${failing} is fatal: reported once, never retried, and no waiter is resolved`, async (context) => {
    const fileSystem = new InstrumentedFileSystem();
    const fatalErrors: Error[] = [];
    const log = Log.open({
      directory: temporaryDirectory(context),
      fileSystem,
      durableWriteMode: mode,
      onFatalError: (error) => fatalErrors.push(error),
    });
    await log.whenDurable(appendRecords(log, 5)[4] as number);
    const injected = ioError('EIO');
    if (failing === 'write') fileSystem.failWritesWith = injected;
    else fileSystem.failSyncsWith = injected;
    const waits = appendRecords(log, 5).map((offset) =>
      log.whenDurable(offset).then(
        () => 'resolved',
        (error: unknown) => error,
      ),
    );
    const outcomes = await Promise.all(waits);
    for (const outcome of outcomes) assert.ok(outcome instanceof LogFailedError, String(outcome));
    assert.deepEqual(fatalErrors, [injected]);
    assert.equal(log.durableOffset, 5);
    const writesAtFailure = fileSystem.writeCount;
    assert.throws(() => log.append(1, Buffer.from('after'), 0), LogFailedError);
    await assert.rejects(log.whenDurable(7), LogFailedError);
    await nextTurn();
    assert.equal(fileSystem.writeCount, writesAtFailure, 'nothing is retried');
    await log.close();
    assert.equal(fatalErrors.length, 1);
  });
}

test('appenders are told to back off once too many bytes wait for the disk, and may append again after', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const log = Log.open({ directory: temporaryDirectory(context), fileSystem });
  fileSystem.holdWrites = true;
  const payload = Buffer.alloc(storageLimits.recordPayloadBytesMax);
  const fitting = Math.floor(storageLimits.pendingAppendBytesMax / recordBytesFor(payload.length));
  for (let index = 0; index < fitting; index++) log.append(1, payload, 0);
  assert.throws(() => log.append(1, payload, 0), LogBackPressureError);
  fileSystem.release();
  await log.whenDurable(log.nextOffset - 1);
  assert.equal(log.append(1, payload, 0), fitting);
  await log.close();
});
