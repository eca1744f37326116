/**
 * Snapshots of a state machine, one file per snapshot, named by the log offset they cover up
 * to (00000000000000001234.snapshot). Layout, little-endian:
 *
 *   4 bytes  magic "SLSN"
 *   u32      version (1)
 *   u64      offset: the state after applying every record below it
 *   u64      byte length of the data
 *   u32      crc32c of the data
 *   u32      crc32c of the 28 header bytes before it
 *   ...      data: the caller's chunks, back to back
 *
 * A snapshot is written to a temporary file chunk by chunk (never concatenated), synced,
 * renamed into place and its directory synced: it exists whole or not at all. Reading checks
 * everything before returning anything; a damaged file is a SnapshotCorruptionError.
 */
import assert from 'node:assert/strict';
import { constants as bufferConstants } from 'node:buffer';
import * as fs from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { storageLimits } from '@sluice/core';
import { SnapshotCorruptionError } from './errors.js';
import { nodeFileSystem, readFully } from './file-system.js';
import { readUint64, writeUint64 } from './record-format.js';
import { formatOffset } from './segment-files.js';

const magic = Buffer.from('SLSN', 'latin1');
const version = 1;
const headerBytes = 32;
const headerChecksummedBytes = 28;
const namePattern = /^(\d{20})\.snapshot$/;
const temporarySuffix = '.tmp';

export interface WriteSnapshotOptions {
  /** Snapshots kept after this one is written, newest first (this one included). */
  retainCount?: number;
}

export interface Snapshot {
  offset: number;
  data: Buffer;
}

export function snapshotPath(directory: string, offset: number): string {
  return join(directory, `${formatOffset(offset)}.snapshot`);
}

/**
 * Writes a snapshot for offset from chunks, durably, then deletes all but the newest
 * retainCount snapshots (default storageLimits.snapshotRetainedCountDefault).
 */
export async function writeSnapshot(
  directory: string,
  offset: number,
  chunks: readonly Uint8Array[],
  options: WriteSnapshotOptions = {},
): Promise<void> {
  assert.ok(Number.isSafeInteger(offset) && offset >= 0, `snapshot offset ${offset}`);
  const retainCount = options.retainCount ?? storageLimits.snapshotRetainedCountDefault;
  assert.ok(Number.isInteger(retainCount) && retainCount >= 1, `retainCount ${retainCount}`);
  const byteLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  assert.ok(byteLength <= storageLimits.snapshotBytesMax, `snapshot of ${byteLength} bytes`);
  fs.mkdirSync(directory, { recursive: true });
  const path = snapshotPath(directory, offset);
  const temporary = path + temporarySuffix;
  const file = await open(temporary, 'w', 0o644);
  try {
    await writeAllAt(file, Buffer.alloc(headerBytes), 0);
    let checksum = 0;
    let position = headerBytes;
    for (const chunk of chunks) {
      checksum = crc32c(chunk, checksum);
      await writeAllAt(file, chunk, position);
      position += chunk.length;
    }
    await writeAllAt(file, encodeHeader(offset, byteLength, checksum), 0);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  syncDirectory(directory);
  removeOldSnapshots(directory, offset, retainCount);
}

/** Offsets of the snapshots in directory, ascending; [] if the directory does not exist. */
export function listSnapshots(directory: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const offsets: number[] = [];
  for (const name of names) {
    const digits = namePattern.exec(name)?.[1];
    if (digits !== undefined && Number.isSafeInteger(Number(digits))) offsets.push(Number(digits));
  }
  return offsets.sort((left, right) => left - right);
}

/**
 * The data of the snapshot for offset, after checking its header and checksum. Synchronous:
 * snapshots are read when a partition opens. Throws SnapshotCorruptionError if damaged.
 */
export function readSnapshot(directory: string, offset: number): Buffer {
  const path = snapshotPath(directory, offset);
  const fd = fs.openSync(path, 'r');
  try {
    const fileBytes = fs.fstatSync(fd).size;
    const header = Buffer.alloc(headerBytes);
    const headerRead = readFully(nodeFileSystem, fd, header, 0, headerBytes, 0);
    const { byteLength, checksum } = decodeHeader(path, header, headerRead, offset, fileBytes);
    const data = Buffer.allocUnsafe(byteLength);
    let computed = 0;
    for (let done = 0; done < byteLength;) {
      const length = Math.min(storageLimits.snapshotReadChunkBytes, byteLength - done);
      const read = readFully(nodeFileSystem, fd, data, done, length, headerBytes + done);
      if (read !== length) throw new SnapshotCorruptionError(path, 'file shrank while reading');
      computed = crc32c(data.subarray(done, done + length), computed);
      done += length;
    }
    if (computed !== checksum) throw new SnapshotCorruptionError(path, 'data checksum mismatch');
    return data;
  } finally {
    fs.closeSync(fd);
  }
}

/** The newest snapshot, or undefined if there is none. Throws if the newest one is damaged. */
export function readLatestSnapshot(directory: string): Snapshot | undefined {
  const offset = listSnapshots(directory).pop();
  if (offset === undefined) return undefined;
  return { offset, data: readSnapshot(directory, offset) };
}

function encodeHeader(offset: number, byteLength: number, checksum: number): Buffer {
  const header = Buffer.alloc(headerBytes);
  magic.copy(header, 0);
  header.writeUInt32LE(version, 4);
  writeUint64(header, 8, offset);
  writeUint64(header, 16, byteLength);
  header.writeUInt32LE(checksum, 24);
  header.writeUInt32LE(crc32c(header.subarray(0, headerChecksummedBytes)), 28);
  return header;
}

function decodeHeader(
  path: string,
  header: Buffer,
  headerRead: number,
  offset: number,
  fileBytes: number,
): { byteLength: number; checksum: number } {
  const corrupt = (reason: string): SnapshotCorruptionError =>
    new SnapshotCorruptionError(path, reason);
  if (headerRead < headerBytes) throw corrupt(`short header (${headerRead} bytes)`);
  if (!header.subarray(0, 4).equals(magic)) throw corrupt('bad magic');
  if (crc32c(header.subarray(0, headerChecksummedBytes)) !== header.readUInt32LE(28)) {
    throw corrupt('header checksum mismatch');
  }
  if (header.readUInt32LE(4) !== version)
    throw corrupt(`unknown version ${header.readUInt32LE(4)}`);
  if (readUint64(header, 8) !== offset)
    throw corrupt(`header names offset ${readUint64(header, 8)}`);
  const byteLength = readUint64(header, 16);
  if (byteLength < 0 || byteLength > storageLimits.snapshotBytesMax) {
    throw corrupt(`absurd data length ${header.readBigUInt64LE(16)}`);
  }
  if (byteLength !== fileBytes - headerBytes) {
    throw corrupt(
      `header says ${byteLength} data bytes, the file holds ${fileBytes - headerBytes}`,
    );
  }
  if (byteLength > bufferConstants.MAX_LENGTH) {
    throw new RangeError(`snapshot of ${byteLength} bytes exceeds the largest Buffer`);
  }
  return { byteLength, checksum: header.readUInt32LE(24) };
}

async function writeAllAt(
  file: fs.promises.FileHandle,
  data: Uint8Array,
  position: number,
): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

function syncDirectory(directory: string): void {
  const fd = fs.openSync(directory, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Deletes all but the newest retainCount snapshots, and the temporary files of writes that a
 * crash interrupted for offsets up to the one just written.
 */
function removeOldSnapshots(directory: string, writtenOffset: number, retainCount: number): void {
  const offsets = listSnapshots(directory);
  const doomed = offsets.slice(0, Math.max(0, offsets.length - retainCount));
  for (const offset of doomed) fs.unlinkSync(snapshotPath(directory, offset));
  for (const name of fs.readdirSync(directory)) {
    const digits = namePattern.exec(name.slice(0, -temporarySuffix.length))?.[1];
    if (name.endsWith(temporarySuffix) && digits !== undefined && Number(digits) <= writtenOffset) {
      fs.unlinkSync(join(directory, name));
    }
  }
  if (doomed.length > 0) syncDirectory(directory);
}
