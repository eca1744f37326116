/**
 * The file-system calls the log makes, as a seam for tests (count syncs, inject a failing
 * write). The signatures are node:fs's own, so the real module is the default implementation
 * and a test double wraps it, overriding one function.
 */
import * as fs from 'node:fs';

export type WriteCallback = (error: NodeJS.ErrnoException | null, bytesWritten: number) => void;
export type SyncCallback = (error: NodeJS.ErrnoException | null) => void;

export interface StorageFileSystem {
  openSync(path: string, flags: number, mode?: number): number;
  closeSync(fd: number): void;
  fstatSync(fd: number): { size: number };
  readSync(
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
  ): number;
  writeSync(
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
  ): number;
  writevSync(fd: number, buffers: readonly NodeJS.ArrayBufferView[], position: number): number;
  ftruncateSync(fd: number, length: number): void;
  fsyncSync(fd: number): void;
  fdatasyncSync(fd: number): void;
  readdirSync(path: string): string[];
  mkdirSync(path: string, options: { recursive: true }): unknown;
  unlinkSync(path: string): void;
  renameSync(from: string, to: string): void;
  write(
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
    callback: WriteCallback,
  ): void;
  writev(
    fd: number,
    buffers: readonly NodeJS.ArrayBufferView[],
    position: number,
    callback: WriteCallback,
  ): void;
  fdatasync(fd: number, callback: SyncCallback): void;
  fsync(fd: number, callback: SyncCallback): void;
  unlink(path: string, callback: SyncCallback): void;
  rename(from: string, to: string, callback: SyncCallback): void;
  truncate(path: string, length: number, callback: SyncCallback): void;
}

export const nodeFileSystem: StorageFileSystem = fs;

export const openFlags = {
  readOnly: fs.constants.O_RDONLY,
  readWrite: fs.constants.O_RDWR,
  createReadWrite: fs.constants.O_RDWR | fs.constants.O_CREAT,
  truncate: fs.constants.O_TRUNC,
  createNewWriteOnly: fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC,
  createWriteOnly: fs.constants.O_WRONLY | fs.constants.O_CREAT,
  dataSync: fs.constants.O_DSYNC,
} as const;

/**
 * Makes the directory's entries durable: a created, renamed or deleted file survives a power
 * loss only once its directory has been synced, not when the file itself has.
 */
export function syncDirectory(fileSystem: StorageFileSystem, directory: string): void {
  const fd = fileSystem.openSync(directory, openFlags.readOnly);
  try {
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
}

/** Reads exactly length bytes at position, or fewer only at the end of the file. */
export function readFully(
  fileSystem: StorageFileSystem,
  fd: number,
  target: Buffer,
  targetStart: number,
  length: number,
  position: number,
): number {
  let done = 0;
  while (done < length) {
    const read = fileSystem.readSync(
      fd,
      target,
      targetStart + done,
      length - done,
      position + done,
    );
    if (read === 0) break;
    done += read;
  }
  return done;
}

/** Writes all of buffer at position, looping over short writes. */
export function writeFully(
  fileSystem: StorageFileSystem,
  fd: number,
  buffer: Buffer,
  position: number,
): void {
  let done = 0;
  while (done < buffer.length) {
    done += fileSystem.writeSync(fd, buffer, done, buffer.length - done, position + done);
  }
}

let zeros: Buffer | undefined;

/**
 * The end of the last non-zero byte in [from, fileBytes) of the file, or from if every byte
 * there is zero: tells zero-filled preallocation apart from a torn write. Reads backwards in
 * chunks, comparing whole chunks against zeros natively.
 */
export function nonZeroEnd(
  fileSystem: StorageFileSystem,
  fd: number,
  from: number,
  fileBytes: number,
  chunk: Buffer,
): number {
  let end = fileBytes;
  while (end > from) {
    const start = Math.max(from, end - chunk.length);
    const read = readFully(fileSystem, fd, chunk, 0, end - start, start);
    if (zeros === undefined || zeros.length < chunk.length) zeros = Buffer.alloc(chunk.length);
    if (!chunk.subarray(0, read).equals(zeros.subarray(0, read))) {
      for (let index = read - 1; index >= 0; index--) {
        if (chunk[index] !== 0) return start + index + 1;
      }
    }
    end = start;
  }
  return from;
}
