/**
 * node:fs with counters and fault injection, for tests of group commit and failure handling.
 * Counts the calls that make data durable, whatever the durable write mode uses for them.
 */
import * as fs from 'node:fs';
import type { StorageFileSystem, SyncCallback, WriteCallback } from '../file-system.js';

export class InstrumentedFileSystem implements StorageFileSystem {
  /** writev calls (async and sync): one per group commit in every mode. */
  writeCount = 0;
  /** fdatasync calls (async and sync). */
  dataSyncCount = 0;
  /** Records how many bytes each write carried. */
  readonly writeBytes: number[] = [];
  /** When set, writes fail with this error instead of running. */
  failWritesWith: NodeJS.ErrnoException | undefined;
  /** When set, fdatasync calls fail with this error instead of running. */
  failSyncsWith: NodeJS.ErrnoException | undefined;
  /** When set, async fsync calls (directory syncs) fail with this error instead of running. */
  failDirectorySyncsWith: NodeJS.ErrnoException | undefined;
  /** When set, async writes wait for release() before they run. */
  holdWrites = false;
  readonly #held: Array<() => void> = [];

  openSync = (path: string, flags: number, mode?: number): number => fs.openSync(path, flags, mode);
  closeSync = (fd: number): void => fs.closeSync(fd);
  fstatSync = (fd: number): { size: number } => fs.fstatSync(fd);
  /** readSync calls. */
  readCount = 0;
  readSync = (
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
  ): number => {
    this.readCount += 1;
    return fs.readSync(fd, buffer, offset, length, position);
  };
  writeSync = (
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
  ): number => fs.writeSync(fd, buffer, offset, length, position);
  ftruncateSync = (fd: number, length: number): void => fs.ftruncateSync(fd, length);
  fsyncSync = (fd: number): void => fs.fsyncSync(fd);
  readdirSync = (path: string): string[] => fs.readdirSync(path);
  mkdirSync = (path: string, options: { recursive: true }): unknown => fs.mkdirSync(path, options);
  unlinkSync = (path: string): void => fs.unlinkSync(path);
  /** Async renames, truncates and unlinks (segment removal), in order, as [call, path, length?]. */
  readonly removalCalls: Array<[string, string, number?]> = [];
  /** When set, truncates and unlinks of deleted segment files wait for releaseDisposal(). */
  holdDisposal = false;
  /** When set, async truncates fail with this error instead of running. */
  failTruncatesWith: NodeJS.ErrnoException | undefined;
  /** When set, async renames fail with this error instead of running. */
  failRenamesWith: NodeJS.ErrnoException | undefined;
  readonly #heldDisposal: Array<() => void> = [];
  unlink = (path: string, callback: SyncCallback): void => {
    this.#disposalCall(path, () => {
      this.removalCalls.push(['unlink', path]);
      fs.unlink(path, callback);
    });
  };
  truncate = (path: string, length: number, callback: SyncCallback): void => {
    this.#disposalCall(path, () => {
      this.removalCalls.push(['truncate', path, length]);
      const failure = this.failTruncatesWith;
      if (failure !== undefined) process.nextTick(() => callback(failure));
      else fs.truncate(path, length, callback);
    });
  };
  rename = (from: string, to: string, callback: SyncCallback): void => {
    this.removalCalls.push(['rename', from]);
    const failure = this.failRenamesWith;
    if (failure !== undefined) process.nextTick(() => callback(failure));
    else fs.rename(from, to, callback);
  };
  /** Lets every held truncate and unlink run, and later ones run at once. */
  releaseDisposal(): void {
    this.holdDisposal = false;
    for (const run of this.#heldDisposal.splice(0)) run();
  }
  #disposalCall(path: string, run: () => void): void {
    if (this.holdDisposal && path.endsWith('.deleted.tmp')) this.#heldDisposal.push(run);
    else run();
  }
  renameSync = (from: string, to: string): void => fs.renameSync(from, to);
  /** Used only to zero-fill spare segments; not a group commit, so not counted. */
  /** When set, async single-buffer writes (the spare segment's zero-fill) fail with this. */
  failSingleWritesWith: NodeJS.ErrnoException | undefined;
  write = (
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
    callback: WriteCallback,
  ): void => {
    const failure = this.failSingleWritesWith;
    if (failure !== undefined) process.nextTick(() => callback(failure, 0));
    else fs.write(fd, buffer, offset, length, position, callback);
  };
  fsync = (fd: number, callback: SyncCallback): void => {
    const failure = this.failDirectorySyncsWith;
    if (failure !== undefined) process.nextTick(() => callback(failure));
    else fs.fsync(fd, callback);
  };

  writevSync = (
    fd: number,
    buffers: readonly NodeJS.ArrayBufferView[],
    position: number,
  ): number => {
    this.#countWrite(buffers);
    if (this.failWritesWith !== undefined) throw this.failWritesWith;
    return fs.writevSync(fd, buffers, position);
  };

  fdatasyncSync = (fd: number): void => {
    this.dataSyncCount += 1;
    if (this.failSyncsWith !== undefined) throw this.failSyncsWith;
    fs.fdatasyncSync(fd);
  };

  writev = (
    fd: number,
    buffers: readonly NodeJS.ArrayBufferView[],
    position: number,
    callback: WriteCallback,
  ): void => {
    this.#countWrite(buffers);
    const run = (): void => {
      const failure = this.failWritesWith;
      if (failure !== undefined) process.nextTick(() => callback(failure, 0));
      else fs.writev(fd, buffers, position, callback);
    };
    if (this.holdWrites) this.#held.push(run);
    else run();
  };

  fdatasync = (fd: number, callback: SyncCallback): void => {
    this.dataSyncCount += 1;
    const failure = this.failSyncsWith;
    if (failure !== undefined) process.nextTick(() => callback(failure));
    else fs.fdatasync(fd, callback);
  };

  /** Lets held writes run. */
  release(): void {
    this.holdWrites = false;
    for (const run of this.#held.splice(0)) run();
  }

  get heldWriteCount(): number {
    return this.#held.length;
  }

  #countWrite(buffers: readonly NodeJS.ArrayBufferView[]): void {
    this.writeCount += 1;
    this.writeBytes.push(buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0));
  }
}

export function ioError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected failure`);
  error.code = code;
  return error;
}
