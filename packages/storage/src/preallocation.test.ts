import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { storageLimits } from '@sluice/core';
import { LogCorruptionError } from './errors.js';
import { Log } from './log.js';
import { recordBytesFor } from './record-format.js';
import { segmentPath, sparePath } from './segment-files.js';
import { InstrumentedFileSystem } from './testing/instrumented-file-system.js';
import { temporaryDirectory } from './testing/temporary-directory.js';
import { waitFor } from './testing/wait-for.js';

/** 1000-byte payloads make 1025-byte records: 15 records per 16 KiB segment, 385 bytes spare. */
const segmentBytes = 16 * 1024;
const recordBytes = recordBytesFor(1000);
const recordsPerSegment = Math.floor(segmentBytes / recordBytes);

function payloadFor(offset: number): Buffer {
  return Buffer.alloc(1000, (offset * 13) % 251);
}

/**
 * Appends up to endOffset; with preallocation, waits before each roll until the spare is
 * ready, like a writer slower than the disk.
 */
async function appendUpTo(log: Log, endOffset: number, preallocated = true): Promise<void> {
  while (log.nextOffset < endOffset) {
    if (preallocated && log.nextOffset % recordsPerSegment === 0) {
      await waitFor(() => log.spareSegmentReady);
    }
    await log.whenDurable(log.append(5, payloadFor(log.nextOffset), 1));
  }
}

function assertRecords(directory: string, count: number): Log {
  const log = Log.open({ directory, segmentBytes, preallocate: true });
  assert.equal(log.nextOffset, count);
  for (const record of log.records()) assert.deepEqual(record.payload, payloadFor(record.offset));
  return log;
}

test('rolled segments are zero-filled in advance, appends overwrite the zeros, and reopen cuts nothing', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, preallocate: true });
  await appendUpTo(log, recordsPerSegment * 2 + 3);
  const active = segmentPath(directory, recordsPerSegment * 2);
  assert.equal(statSync(active).size, segmentBytes, 'the active segment was preallocated');
  await log.close();
  const reopened = assertRecords(directory, recordsPerSegment * 2 + 3);
  assert.equal(reopened.recovery.truncatedBytes, 0, 'preallocated zeros are not a torn tail');
  assert.equal(reopened.recovery.indexFilesLoaded, 2);
  await appendUpTo(reopened, recordsPerSegment * 2 + 6);
  assert.equal(statSync(active).size, segmentBytes, 'appends went into the zeros');
  await reopened.close();
  await assertRecords(directory, recordsPerSegment * 2 + 6).close();
});

test('a sealed segment ending in zeros is rebuilt by a scan that accepts them once its index is stale', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, preallocate: false });
  await appendUpTo(log, recordsPerSegment * 2 + 1, false);
  await log.close();
  appendFileSync(segmentPath(directory, 0), Buffer.alloc(700));
  const reopened = assertRecords(directory, recordsPerSegment * 2 + 1);
  assert.equal(reopened.recovery.indexFilesRebuilt, 1);
  await reopened.close();
});

test('zeros in place of the last records of a sealed segment are corruption: the next segment does not follow on', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, preallocate: false });
  await appendUpTo(log, recordsPerSegment * 2 + 1, false);
  await log.close();
  const sealed = segmentPath(directory, recordsPerSegment);
  const bytes = readFileSync(sealed);
  bytes.fill(0, bytes.length - recordBytes);
  writeFileSync(sealed, bytes);
  assert.throws(() => Log.open({ directory, segmentBytes, preallocate: true }), LogCorruptionError);
});

test('garbage after the zeros of a preallocated active segment is a torn tail, and is cut', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, preallocate: true });
  await appendUpTo(log, recordsPerSegment + 2);
  await log.close();
  const active = segmentPath(directory, recordsPerSegment);
  appendFileSync(active, Buffer.from('torn'));
  const reopened = assertRecords(directory, recordsPerSegment + 2);
  assert.equal(reopened.recovery.truncatedBytes, segmentBytes + 4 - 2 * recordBytes);
  assert.equal(statSync(active).size, 2 * recordBytes);
  await reopened.close();
});

test('an all-zero last segment (a roll into the spare that crashed before writing) is removed', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes, preallocate: false });
  await appendUpTo(log, recordsPerSegment + 2, false);
  await log.close();
  const previous = segmentPath(directory, recordsPerSegment);
  truncateSync(previous, statSync(previous).size - 100);
  writeFileSync(segmentPath(directory, recordsPerSegment + 2), Buffer.alloc(segmentBytes));
  const reopened = assertRecords(directory, recordsPerSegment + 1);
  assert.equal(reopened.recovery.emptySegmentsRemoved, 1);
  assert.equal(reopened.recovery.truncatedBytes, recordBytes - 100);
  await reopened.close();
});

test('a spare left by an earlier run is refilled from scratch, never trusted', async (context) => {
  const directory = temporaryDirectory(context);
  await Log.open({ directory, segmentBytes, preallocate: false }).close();
  writeFileSync(sparePath(directory), Buffer.alloc(segmentBytes * 2, 0x77));
  const log = Log.open({ directory, segmentBytes, preallocate: true });
  await waitFor(() => log.spareSegmentReady);
  await log.close();
  assert.ok(readFileSync(sparePath(directory)).every((byte) => byte === 0));
});

// 'auto': the log judges the active segment's writes before it fills a spare.
const autoSegmentBytes = 4 * 1024 * 1024;
const decisionWrites = storageLimits.preallocationDecisionWritesMin;

/** Appends `count` records of payloadBytes each, awaiting each write. */
async function appendEachDurable(log: Log, count: number, payloadBytes: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await log.whenDurable(log.append(5, Buffer.alloc(payloadBytes, 7), 1));
  }
}

/** Appends `writes` writes of `recordsPerWrite` 1000-byte records each (one batch a write). */
async function appendBatches(log: Log, writes: number, recordsPerWrite: number): Promise<void> {
  for (let write = 0; write < writes; write++) {
    let last = 0;
    for (let record = 0; record < recordsPerWrite; record++) {
      last = log.append(5, Buffer.alloc(1000, 9), 1);
    }
    await log.whenDurable(last);
  }
}

test("'auto' fills a spare once enough small writes were seen, and the next segment is written into it", async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes: autoSegmentBytes, preallocate: 'auto' });
  await appendEachDurable(log, decisionWrites - 1, 100);
  assert.equal(log.spareSegmentStarted, false, 'not judged before the minimum of writes');
  await appendEachDurable(log, 1, 100);
  assert.equal(log.spareSegmentStarted, true, 'small writes: the spare is being filled');
  await waitFor(() => log.spareSegmentReady);
  // The rest of the segment in large writes: the spare already started is kept.
  while (log.segments().length === 1) {
    await log.whenDurable(log.append(5, Buffer.alloc(60_000, 3), 1));
  }
  const active = log.segments().at(-1)!;
  assert.equal(
    statSync(segmentPath(directory, active.baseOffset)).size,
    autoSegmentBytes,
    'the new active segment is the zero-filled spare',
  );
  assert.equal(log.spareSegmentStarted, false, 'its writes are judged afresh');
  await log.close();
});

test("'auto' fills no spare while writes are large, and removes one left by an earlier run", async (context) => {
  const directory = temporaryDirectory(context);
  writeFileSync(sparePath(directory), Buffer.alloc(4096, 0x77));
  const log = Log.open({ directory, segmentBytes: 64 * 1024 * 1024, preallocate: 'auto' });
  assert.throws(() => statSync(sparePath(directory)), /ENOENT/, 'the leftover spare is gone');
  const recordsPerWrite = Math.ceil(storageLimits.preallocationWriteBytesMax / 1000);
  await appendBatches(log, decisionWrites + 10, recordsPerWrite);
  assert.equal(log.spareSegmentStarted, false);
  await log.close();
});

test('a spare whose zero-fill fails is dropped: the log goes on and hears of it as a background error', async (context) => {
  const directory = temporaryDirectory(context);
  const fileSystem = new InstrumentedFileSystem();
  fileSystem.failSingleWritesWith = Object.assign(new Error('no space left'), { code: 'ENOSPC' });
  const errors: Error[] = [];
  const log = Log.open({
    directory,
    segmentBytes,
    preallocate: true,
    fileSystem,
    onBackgroundError: (error) => errors.push(error),
    onFatalError: (error) => assert.fail(`the log failed: ${error.message}`),
  });
  await waitFor(() => errors.length > 0);
  assert.equal(errors[0]?.message, 'no space left');
  assert.throws(() => statSync(sparePath(directory)), /ENOENT/, 'the partial spare is removed');
  fileSystem.failSingleWritesWith = undefined;
  await appendUpTo(log, recordsPerSegment * 2 + 1, false);
  assert.equal(log.spareSegmentStarted, false, 'no second fill in this run');
  await log.close();
  await assertRecords(directory, recordsPerSegment * 2 + 1).close();
});
