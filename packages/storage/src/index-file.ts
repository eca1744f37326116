/**
 * The persisted offset index of a sealed segment, so that opening a large log reads a few
 * hundred KiB per segment instead of rescanning it. Layout, little-endian:
 *
 *   4 bytes  magic "SLIX"
 *   u32      version (2)
 *   u64      base offset of the segment
 *   u32      record count
 *   u32      data bytes: where the last record ends (a preallocated file has zeros after it)
 *   u32      file bytes: the size of the segment file this index describes
 *   u32      crc32c over bytes 0..28 and every position
 *   u32 * n  file position of each record
 *
 * The index is an optimisation, never a source of truth: anything that does not check out
 * (a checksum, the file size, ordering) makes the caller rebuild it by scanning.
 */
import { crc32c } from '@node-rs/crc32';
import { openFlags, readFully, writeFully, type StorageFileSystem } from './file-system.js';
import { OffsetIndex } from './offset-index.js';
import { readUint64, recordHeaderBytes, writeUint64 } from './record-format.js';

const magic = Buffer.from('SLIX', 'latin1');
const version = 2;
const headerBytes = 32;
const checksumPosition = 28;

export interface IndexedSegment {
  baseOffset: number;
  dataBytes: number;
  fileBytes: number;
  index: OffsetIndex;
}

export function encodeIndexFile(segment: IndexedSegment): Buffer {
  const positions = segment.index.positions();
  const buffer = Buffer.allocUnsafe(headerBytes + positions.length * 4);
  magic.copy(buffer, 0);
  buffer.writeUInt32LE(version, 4);
  writeUint64(buffer, 8, segment.baseOffset);
  buffer.writeUInt32LE(positions.length, 16);
  buffer.writeUInt32LE(segment.dataBytes, 20);
  buffer.writeUInt32LE(segment.fileBytes, 24);
  for (let recordIndex = 0; recordIndex < positions.length; recordIndex++) {
    buffer.writeUInt32LE(positions[recordIndex] as number, headerBytes + recordIndex * 4);
  }
  buffer.writeUInt32LE(checksumOf(buffer), checksumPosition);
  return buffer;
}

export type IndexFileDecoding = { index: OffsetIndex; dataBytes: number } | { problem: string };

/** Decodes and validates an index file against the segment it claims to describe. */
export function decodeIndexFile(
  buffer: Buffer,
  baseOffset: number,
  segmentFileBytes: number,
): IndexFileDecoding {
  if (buffer.length < headerBytes) return { problem: `short header (${buffer.length} bytes)` };
  if (!buffer.subarray(0, 4).equals(magic)) return { problem: 'bad magic' };
  if (buffer.readUInt32LE(4) !== version) return { problem: `version ${buffer.readUInt32LE(4)}` };
  const count = buffer.readUInt32LE(16);
  if (buffer.length !== headerBytes + count * 4) return { problem: 'length disagrees with count' };
  if (checksumOf(buffer) !== buffer.readUInt32LE(checksumPosition)) {
    return { problem: 'checksum mismatch' };
  }
  if (readUint64(buffer, 8) !== baseOffset) return { problem: 'base offset mismatch' };
  const dataBytes = buffer.readUInt32LE(20);
  if (buffer.readUInt32LE(24) !== segmentFileBytes) return { problem: 'segment size changed' };
  if (dataBytes > segmentFileBytes) return { problem: 'data past the end of the file' };
  if (count === 0) return { problem: 'no records' };
  const positions = new Uint32Array(count);
  let previousEnd = 0;
  for (let recordIndex = 0; recordIndex < count; recordIndex++) {
    const position = buffer.readUInt32LE(headerBytes + recordIndex * 4);
    if (position < previousEnd || (recordIndex === 0 && position !== 0)) {
      return { problem: `position ${recordIndex} out of order` };
    }
    positions[recordIndex] = position;
    previousEnd = position + recordHeaderBytes;
  }
  if (previousEnd > dataBytes) return { problem: 'last record past the data end' };
  return { index: new OffsetIndex(positions, count), dataBytes };
}

function checksumOf(buffer: Buffer): number {
  const header = crc32c(buffer.subarray(0, checksumPosition));
  return crc32c(buffer.subarray(headerBytes), header);
}

/** Reads an index file whole, or undefined if it does not exist or cannot be read. */
export function readIndexFile(fileSystem: StorageFileSystem, path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = fileSystem.openSync(path, openFlags.readOnly);
  } catch {
    return undefined;
  }
  try {
    const bytes = fileSystem.fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(bytes);
    return readFully(fileSystem, fd, buffer, 0, bytes, 0) === bytes ? buffer : undefined;
  } catch {
    return undefined;
  } finally {
    fileSystem.closeSync(fd);
  }
}

/**
 * Writes the index file of a sealed, fully durable segment. Not synced and not fatal if it
 * fails: it is a cache that the next open verifies, and rebuilds by scanning if it is bad.
 */
export function writeIndexFile(
  fileSystem: StorageFileSystem,
  path: string,
  segment: IndexedSegment,
): boolean {
  const encoded = encodeIndexFile(segment);
  try {
    const fd = fileSystem.openSync(path, openFlags.createNewWriteOnly, 0o644);
    try {
      writeFully(fileSystem, fd, encoded, 0);
    } finally {
      fileSystem.closeSync(fd);
    }
    return true;
  } catch {
    removeQuietly(fileSystem, path);
    return false;
  }
}

function removeQuietly(fileSystem: StorageFileSystem, path: string): void {
  try {
    fileSystem.unlinkSync(path);
  } catch {
    // Nothing to remove, or nothing more to do: a bad index file is rebuilt on open anyway.
  }
}
