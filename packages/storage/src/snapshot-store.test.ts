import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { SnapshotCorruptionError } from './errors.js';
import { writeUint64 } from './record-format.js';
import {
  listSnapshots,
  readLatestSnapshot,
  readSnapshot,
  snapshotPath,
  writeSnapshot,
} from './snapshot-store.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

const chunks = [
  Buffer.from('first chunk|'),
  Buffer.alloc(0),
  Buffer.alloc(100_000, 7),
  Buffer.from('|end'),
];
const joined = Buffer.concat(chunks);

test('a snapshot reads back as its chunks concatenated, and only the newest two are kept', async (context) => {
  const directory = temporaryDirectory(context, 'snapshots');
  await writeSnapshot(directory, 10, chunks);
  await writeSnapshot(directory, 20, [Buffer.from('twenty')]);
  await writeSnapshot(directory, 30, chunks);
  assert.deepEqual(listSnapshots(directory), [20, 30]);
  assert.deepEqual(readSnapshot(directory, 30), joined);
  assert.deepEqual(readSnapshot(directory, 20), Buffer.from('twenty'));
  assert.deepEqual(readLatestSnapshot(directory), { offset: 30, data: joined });
  assert.deepEqual(readdirSync(directory).sort(), [
    '00000000000000000020.snapshot',
    '00000000000000000030.snapshot',
  ]);
});

test('an empty or missing directory has no snapshots', (context) => {
  const directory = temporaryDirectory(context, 'snapshots');
  assert.deepEqual(listSnapshots(join(directory, 'missing')), []);
  assert.equal(readLatestSnapshot(directory), undefined);
});

test('the checksum over chunks equals the checksum of their concatenation', () => {
  let chained = 0;
  for (const chunk of chunks) chained = crc32c(chunk, chained);
  assert.equal(chained, crc32c(joined));
});

test('a leftover temporary file of an interrupted write is ignored and later removed', async (context) => {
  const directory = temporaryDirectory(context, 'snapshots');
  await writeSnapshot(directory, 5, chunks);
  writeFileSync(snapshotPath(directory, 7) + '.tmp', 'interrupted');
  assert.deepEqual(listSnapshots(directory), [5]);
  await writeSnapshot(directory, 9, chunks);
  assert.ok(!readdirSync(directory).some((name) => name.endsWith('.tmp')));
});

function forgedHeader(offset: number, byteLength: number): Buffer {
  const header = Buffer.alloc(32);
  header.write('SLSN', 0, 'latin1');
  header.writeUInt32LE(1, 4);
  writeUint64(header, 8, offset);
  writeUint64(header, 16, byteLength);
  header.writeUInt32LE(0, 24);
  header.writeUInt32LE(crc32c(header.subarray(0, 28)), 28);
  return header;
}

const damages: Array<{ name: string; damage: (path: string) => void }> = [
  { name: 'truncated inside the data', damage: (path) => truncateSync(path, 32 + 50) },
  { name: 'truncated inside the header', damage: (path) => truncateSync(path, 20) },
  { name: 'emptied', damage: (path) => truncateSync(path, 0) },
  { name: 'with a flipped data byte', damage: (path) => flip(path, 32 + 5_000) },
  { name: 'with a flipped header byte', damage: (path) => flip(path, 17) },
  { name: 'with a wrong magic', damage: (path) => overwrite(path, 0, Buffer.from('NOPE')) },
  {
    name: 'claiming a huge length under a valid header checksum',
    damage: (path) => overwrite(path, 0, forgedHeader(40, 2 ** 52)),
  },
  {
    name: 'whose header names another offset',
    damage: (path) => overwrite(path, 0, forgedHeader(41, joined.length)),
  },
  { name: 'with trailing bytes', damage: (path) => writeFileSync(path, 'x', { flag: 'a' }) },
];

function flip(path: string, position: number): void {
  const bytes = readFileSync(path);
  bytes[position] = (bytes[position] as number) ^ 0x01;
  writeFileSync(path, bytes);
}

function overwrite(path: string, position: number, replacement: Buffer): void {
  const bytes = readFileSync(path);
  replacement.copy(bytes, position);
  writeFileSync(path, bytes);
}

for (const { name, damage } of damages) {
  test(`a snapshot file ${name} is a SnapshotCorruptionError, never data`, async (context) => {
    const directory = temporaryDirectory(context, 'snapshots');
    await writeSnapshot(directory, 40, chunks);
    damage(snapshotPath(directory, 40));
    assert.throws(() => readSnapshot(directory, 40), SnapshotCorruptionError);
    assert.throws(() => readLatestSnapshot(directory), SnapshotCorruptionError);
  });
}
