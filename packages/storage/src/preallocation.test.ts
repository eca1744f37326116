import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { LogCorruptionError } from './errors.js';
import { Log } from './log.js';
import { recordBytesFor } from './record-format.js';
import { segmentPath, sparePath } from './segment-files.js';
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
