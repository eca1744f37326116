import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  readFileSync,
  readdirSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { LogCorruptionError } from './errors.js';
import { Log } from './log.js';
import { encodeRecord, recordBytesFor } from './record-format.js';
import { indexPath, segmentPath } from './segment-files.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

/** 100-byte payloads make 125-byte records: 32 records per 4 KiB segment. */
const segmentBytes = 4096;
const recordBytes = recordBytesFor(100);
const recordsPerSegment = Math.floor(segmentBytes / recordBytes);

function payloadFor(offset: number): Buffer {
  return Buffer.alloc(100, offset % 251);
}

/** Without preallocation, so that file sizes are exact; preallocation.test.ts covers the rest. */
async function writeLog(directory: string, count: number): Promise<void> {
  const log = Log.open({ directory, segmentBytes, preallocate: false });
  for (let offset = 0; offset < count; offset++) log.append(3, payloadFor(offset), 1);
  await log.close();
}

function open(directory: string): Log {
  return Log.open({ directory, segmentBytes, preallocate: false });
}

function flipByte(path: string, position: number): void {
  const bytes = readFileSync(path);
  bytes[position] = (bytes[position] as number) ^ 0x40;
  writeFileSync(path, bytes);
}

function encodedRecord(offset: number): Buffer {
  const buffer = Buffer.alloc(recordBytes);
  encodeRecord(buffer, 0, offset, 1, 3, payloadFor(offset));
  return buffer;
}

async function assertAllRecords(log: Log, count: number): Promise<void> {
  assert.equal(log.nextOffset, count);
  for (let offset = 0; offset < count; offset++) {
    assert.deepEqual(log.read(offset).payload, payloadFor(offset), `offset ${offset}`);
  }
  await log.close();
}

const tornTails: Array<{ name: string; bytes: (nextOffset: number) => Buffer }> = [
  { name: 'half a record', bytes: (next) => encodedRecord(next).subarray(0, 60) },
  { name: 'a record with a bad checksum', bytes: (next) => corruptedLast(encodedRecord(next)) },
  {
    name: 'zeros and then garbage',
    bytes: () => Buffer.concat([Buffer.alloc(300), Buffer.from('x')]),
  },
  { name: 'a length field alone', bytes: () => Buffer.from([125, 0, 0]) },
];

function corruptedLast(record: Buffer): Buffer {
  record[record.length - 1] = (record[record.length - 1] as number) ^ 1;
  return record;
}

for (const tail of tornTails) {
  test(`a torn tail (${tail.name}) after the last complete record is truncated and reported`, async (context) => {
    const directory = temporaryDirectory(context);
    await writeLog(directory, 40);
    const active = segmentPath(directory, recordsPerSegment);
    const garbage = tail.bytes(40);
    appendFileSync(active, garbage);
    const log = open(directory);
    assert.equal(log.recovery.truncatedBytes, garbage.length);
    assert.equal(statSync(active).size, (40 - recordsPerSegment) * recordBytes);
    assert.equal(log.append(3, payloadFor(40), 1), 40);
    await log.close();
    const reopened = open(directory);
    assert.equal(reopened.recovery.truncatedBytes, 0);
    await assertAllRecords(reopened, 41);
  });
}

test('a flipped byte in the middle of the active segment is corruption, not a torn tail', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 40);
  const active = segmentPath(directory, recordsPerSegment);
  flipByte(active, 2 * recordBytes + 50);
  const sizeBefore = statSync(active).size;
  assert.throws(
    () => open(directory),
    (error: unknown) =>
      error instanceof LogCorruptionError &&
      error.segmentPath === active &&
      error.filePosition === 2 * recordBytes &&
      error.offset === recordsPerSegment + 2,
  );
  assert.equal(statSync(active).size, sizeBefore, 'nothing was truncated');
});

test('a corrupted length field in the middle of the active segment is corruption too', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 40);
  const active = segmentPath(directory, recordsPerSegment);
  flipByte(active, 3 * recordBytes + 1);
  assert.throws(() => open(directory), LogCorruptionError);
});

test('a record with a valid checksum but the wrong offset at the tail is corruption', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 40);
  appendFileSync(segmentPath(directory, recordsPerSegment), encodedRecord(41));
  assert.throws(() => open(directory), LogCorruptionError);
});

test('a flipped byte in a sealed segment fails the read of that record, and the open once its index is gone', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 100);
  const sealed = segmentPath(directory, recordsPerSegment);
  flipByte(sealed, 5 * recordBytes + 80);
  const log = open(directory);
  const damagedOffset = recordsPerSegment + 5;
  assert.throws(
    () => log.read(damagedOffset),
    (error: unknown) => error instanceof LogCorruptionError && error.offset === damagedOffset,
  );
  assert.throws(() => [...log.records()], LogCorruptionError);
  assert.deepEqual(log.read(damagedOffset + 1).payload, payloadFor(damagedOffset + 1));
  await log.close();
  unlinkSync(indexPath(directory, recordsPerSegment));
  assert.throws(
    () => open(directory),
    (error: unknown) =>
      error instanceof LogCorruptionError &&
      error.segmentPath === sealed &&
      error.filePosition === 5 * recordBytes,
  );
});

const indexDamages: Array<{ name: string; damage: (path: string) => void }> = [
  { name: 'a flipped byte', damage: (path) => flipByte(path, 30) },
  { name: 'a truncation', damage: (path) => truncateSync(path, 20) },
  { name: 'deletion', damage: (path) => unlinkSync(path) },
  { name: 'emptiness', damage: (path) => writeFileSync(path, Buffer.alloc(0)) },
];
for (const { name, damage } of indexDamages) {
  test(`an index file damaged by ${name} is not trusted: it is rebuilt by scanning`, async (context) => {
    const directory = temporaryDirectory(context);
    await writeLog(directory, 100);
    damage(indexPath(directory, recordsPerSegment));
    const log = open(directory);
    assert.equal(log.recovery.indexFilesRebuilt, 1);
    await assertAllRecords(log, 100);
    const reopened = open(directory);
    assert.equal(reopened.recovery.indexFilesRebuilt, 0, 'the rebuilt index file is trusted');
    await reopened.close();
  });
}

test('an index file copied from another segment is rebuilt', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 100);
  const otherIndex = readFileSync(indexPath(directory, recordsPerSegment));
  writeFileSync(indexPath(directory, 0), otherIndex);
  const log = open(directory);
  assert.equal(log.recovery.indexFilesRebuilt, 1);
  await assertAllRecords(log, 100);
});

test('a missing segment in the middle (a gap in the offsets) is corruption', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 100);
  unlinkSync(segmentPath(directory, recordsPerSegment));
  assert.throws(
    () => open(directory),
    (error: unknown) => error instanceof LogCorruptionError && error.offset === recordsPerSegment,
  );
});

test('an empty segment left by a roll after a torn segment is removed, and the torn tail cut', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 40);
  const active = segmentPath(directory, recordsPerSegment);
  truncateSync(active, statSync(active).size - 10);
  writeFileSync(segmentPath(directory, 40), Buffer.alloc(0));
  const log = open(directory);
  assert.equal(log.recovery.emptySegmentsRemoved, 1);
  assert.equal(log.recovery.truncatedBytes, recordBytes - 10);
  assert.deepEqual(readdirSync(directory).filter((name) => name.endsWith('.log')).length, 2);
  await assertAllRecords(log, 39);
});

test('leftover temporary files are removed on open', async (context) => {
  const directory = temporaryDirectory(context);
  await writeLog(directory, 5);
  writeFileSync(join(directory, '00000000000000000000.index.tmp'), 'half-written');
  await open(directory).close();
  assert.ok(!readdirSync(directory).some((name) => name.endsWith('.tmp')));
});
