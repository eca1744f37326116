import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, readdirSync, readSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { storageLimits } from '@sluice/core';
import type { DurableWriteMode } from './durable-writer.js';
import {
  LogClosedError,
  LogCorruptionError,
  OffsetOutOfRangeError,
  RecordTooLargeError,
  RecordTypeInvalidError,
} from './errors.js';
import { Log } from './log.js';
import { InstrumentedFileSystem } from './testing/instrumented-file-system.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

const modes: DurableWriteMode[] = ['dsync', 'fdatasync', 'main-thread', 'worker'];
const smallSegmentBytes = 4096;

function payloadFor(offset: number): Buffer {
  return Buffer.from(`record ${offset} `.repeat((offset % 7) + 1));
}

function appendMany(log: Log, count: number): number[] {
  const offsets: number[] = [];
  for (let index = 0; index < count; index++) {
    offsets.push(log.append(1 + (log.nextOffset % 200), payloadFor(log.nextOffset), 5));
  }
  return offsets;
}

function assertRecord(log: Log, offset: number): void {
  const record = log.read(offset);
  assert.equal(record.offset, offset);
  assert.equal(record.epoch, 5);
  assert.equal(record.type, 1 + (offset % 200));
  assert.deepEqual(record.payload, payloadFor(offset));
}

for (const mode of modes) {
  test(`[${mode}] appended records read back identically before and after they are durable`, async (context) => {
    const log = Log.open({ directory: temporaryDirectory(context), durableWriteMode: mode });
    const offsets = appendMany(log, 50);
    assert.deepEqual(
      offsets,
      Array.from({ length: 50 }, (_, index) => index),
    );
    assert.equal(log.durableOffset, 0, 'nothing is durable within the tick of the appends');
    for (const offset of offsets) assertRecord(log, offset);
    await log.whenDurable(49);
    assert.equal(log.durableOffset, 50);
    for (const offset of offsets) assertRecord(log, offset);
    await log.close();
  });

  test(`[${mode}] a log reopened after a clean close has the same records and appends after them`, async (context) => {
    const directory = temporaryDirectory(context);
    const first = Log.open({ directory, segmentBytes: smallSegmentBytes, durableWriteMode: mode });
    appendMany(first, 300);
    await first.close();
    const second = Log.open({ directory, segmentBytes: smallSegmentBytes, durableWriteMode: mode });
    assert.equal(second.nextOffset, 300);
    assert.equal(second.durableOffset, 300);
    assert.equal(second.recovery.truncatedBytes, 0);
    assert.ok(second.recovery.indexFilesLoaded > 0, 'sealed segments open from their index');
    assert.equal(second.recovery.indexFilesRebuilt, 0);
    for (let offset = 0; offset < 300; offset++) assertRecord(second, offset);
    assert.equal(appendMany(second, 1)[0], 300);
    await second.close();
  });
}

test('segments roll by size and are named by their base offsets', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory, segmentBytes: smallSegmentBytes });
  appendMany(log, 400);
  await log.whenDurable(399);
  const segments = log.segments();
  assert.ok(segments.length > 3, `${segments.length} segments`);
  let expectedBase = 0;
  for (const segment of segments) {
    assert.equal(segment.baseOffset, expectedBase);
    assert.ok(segment.bytes <= smallSegmentBytes);
    expectedBase = segment.nextOffset;
  }
  assert.equal(expectedBase, 400);
  const logFiles = readdirSync(directory).filter((name) => name.endsWith('.log'));
  const expectedNames = segments.map((s) => `${String(s.baseOffset).padStart(20, '0')}.log`);
  assert.deepEqual(logFiles.sort(), expectedNames);
  const indexFiles = readdirSync(directory).filter((name) => name.endsWith('.index'));
  assert.equal(indexFiles.length, segments.length - 1, 'every sealed segment has an index file');
  await log.close();
});

test('read and readFrom cross segment boundaries and reach into records still staged', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context), segmentBytes: smallSegmentBytes });
  appendMany(log, 300);
  await log.whenDurable(299);
  appendMany(log, 40);
  assert.equal(log.durableOffset, 300);
  for (let offset = 0; offset < 340; offset++) assertRecord(log, offset);
  const all = [...log.records()];
  assert.deepEqual(
    all.map((record) => record.offset),
    Array.from({ length: 340 }, (_, index) => index),
  );
  for (const record of all) assert.deepEqual(record.payload, payloadFor(record.offset));
  const page = log.readFrom(290, 20);
  assert.deepEqual(
    page.map((record) => record.offset),
    Array.from({ length: 20 }, (_, index) => 290 + index),
  );
  assert.deepEqual(log.readFrom(340, 10), []);
  await log.close();
});

test('whenDurable resolves waiters in offset order, including ones for already durable offsets', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context) });
  const resolved: number[] = [];
  const waits: Array<Promise<void>> = [];
  for (let round = 0; round < 5; round++) {
    const offsets = appendMany(log, 10);
    for (const offset of offsets.reverse()) {
      waits.push(log.whenDurable(offset).then(() => void resolved.push(offset)));
    }
    await log.whenDurable(log.nextOffset - 1);
  }
  await Promise.all(waits);
  const batches = resolved.map((offset) => Math.floor(offset / 10));
  assert.deepEqual(
    batches,
    [...batches].sort((left, right) => left - right),
  );
  await log.whenDurable(0);
  await assert.rejects(log.whenDurable(50), OffsetOutOfRangeError);
  await log.close();
});

test('a payload above the maximum and a reserved or invalid type are refused with typed errors', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context) });
  const tooLarge = Buffer.alloc(storageLimits.recordPayloadBytesMax + 1);
  assert.throws(() => log.append(1, tooLarge, 0), RecordTooLargeError);
  for (const type of [0, 255, 256, -1, 1.5, Number.NaN]) {
    assert.throws(() => log.append(type, Buffer.from('x'), 0), RecordTypeInvalidError);
  }
  assert.equal(log.nextOffset, 0, 'refused records take no offset');
  const largest = Buffer.alloc(storageLimits.recordPayloadBytesMax, 7);
  const offset = log.append(254, largest, 0);
  await log.whenDurable(offset);
  assert.deepEqual(log.read(offset).payload, largest);
  await log.close();
});

test('a record appended in two parts is stored as their concatenation, and the limit counts both', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory });
  const head = Buffer.from('head:');
  const tail = Buffer.from('the message body, copied once');
  const offset = log.append(3, head, 2, tail);
  const whole = log.append(3, Buffer.concat([head, tail]), 2);
  assert.deepEqual(log.read(offset).payload, Buffer.concat([head, tail]));
  const split = Math.floor(storageLimits.recordPayloadBytesMax / 2);
  const largestHead = Buffer.alloc(split, 1);
  const largestTail = Buffer.alloc(storageLimits.recordPayloadBytesMax - split, 2);
  const largest = log.append(4, largestHead, 2, largestTail);
  assert.throws(
    () => log.append(4, largestHead, 2, Buffer.alloc(largestTail.length + 1)),
    RecordTooLargeError,
  );
  assert.equal(log.nextOffset, largest + 1, 'the refused record takes no offset');
  await log.whenDurable(largest);
  await log.close();
  // Checksummed and framed as one payload: recovery reads the same bytes as a one-part append.
  const reopened = Log.open({ directory });
  assert.deepEqual(reopened.read(offset).payload, reopened.read(whole).payload);
  assert.deepEqual(reopened.read(largest).payload, Buffer.concat([largestHead, largestTail]));
  await reopened.close();
});

test('reads outside [firstOffset, nextOffset) and any use after close fail with typed errors', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context) });
  appendMany(log, 3);
  assert.throws(() => log.read(3), OffsetOutOfRangeError);
  assert.throws(() => log.read(-1), OffsetOutOfRangeError);
  await log.close();
  assert.equal(log.durableOffset, 3, 'close makes everything durable');
  assert.throws(() => log.append(1, Buffer.from('x'), 0), LogClosedError);
  assert.throws(() => log.read(0), LogClosedError);
  await log.close();
});

test('a new log in an empty directory starts at initialOffset', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context), initialOffset: 1000 });
  assert.equal(log.firstOffset, 1000);
  assert.equal(log.append(1, Buffer.from('first'), 2), 1000);
  await log.close();
});

test('readEach gives what read gives for any offsets, in any order, durable or staged, across segments', async (context) => {
  const log = Log.open({ directory: temporaryDirectory(context), segmentBytes: smallSegmentBytes });
  appendMany(log, 300);
  await log.whenDurable(299);
  appendMany(log, 40);
  const offset = fc.integer({ min: 0, max: 339 });
  // Ascending runs (how receives ask), and anything else.
  const run = fc
    .tuple(offset, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }))
    .map(([start, length, step]) =>
      Array.from({ length }, (_, index) => start + index * step).filter((value) => value < 340),
    );
  fc.assert(
    fc.property(fc.array(fc.oneof(run, fc.array(offset)), { maxLength: 4 }), (parts) => {
      const offsets = parts.flat();
      const records = log.readEach(offsets);
      assert.deepEqual(
        records.map((record) => record.offset),
        offsets,
      );
      records.forEach((record, index) => {
        const expected = log.read(offsets[index]!);
        assert.equal(record.type, expected.type);
        assert.equal(record.epoch, expected.epoch);
        assert.deepEqual(record.payload, payloadFor(offsets[index]!));
      });
    }),
    { numRuns: 300 },
  );
  await log.close();
});

test('readEach reads durable neighbours with one read, and splits a span past readSpanBytesMax', async (context) => {
  const fileSystem = new InstrumentedFileSystem();
  const log = Log.open({ directory: temporaryDirectory(context), fileSystem });
  const kib = Buffer.alloc(1024, 7);
  for (let index = 0; index < 100; index++) log.append(1, kib, 1);
  await log.whenDurable(99);
  const before = fileSystem.readCount;
  const ten = log.readEach(Array.from({ length: 10 }, (_, index) => 20 + index * 2));
  assert.equal(fileSystem.readCount - before, 1, 'ten records 2 KiB apart: one read');
  assert.ok(ten.every((record) => record.payload.equals(kib)));
  const spread = Math.ceil(storageLimits.readSpanBytesMax / 1024) + 10;
  const middle = fileSystem.readCount;
  log.readEach([0, 1, spread, spread + 1]);
  assert.equal(fileSystem.readCount - middle, 2, 'records further apart than the cap: two reads');
  await log.close();
});

test('readEach checks every record of a span: a damaged one in the middle throws, an offset out of range is refused', async (context) => {
  const directory = temporaryDirectory(context);
  const log = Log.open({ directory });
  appendMany(log, 30);
  await log.whenDurable(29);
  assert.throws(() => log.readEach([28, 29, 30]), OffsetOutOfRangeError);
  const [segment] = readdirSync(directory).filter((name) => name.endsWith('.log'));
  const fd = openSync(join(directory, segment!), 'r+');
  try {
    // A byte in the middle of the file, inside one of the records the span covers.
    const size = log.segments()[0]!.bytes;
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, Math.floor(size / 2));
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, Math.floor(size / 2));
  } finally {
    closeSync(fd);
  }
  assert.throws(
    () => log.readEach(Array.from({ length: 30 }, (_, index) => index)),
    LogCorruptionError,
  );
  await log.close();
});
