/**
 * Zero-filled segment files, prepared ahead of need. Appending into blocks that are already
 * allocated and written changes no file metadata, so each O_DSYNC write is one data write
 * with no journal commit; an appending write must commit the journal every time, behind
 * whatever else the file system is committing (PostgreSQL zero-fills WAL segments for the same
 * reason). Measured here: p99 of a 6 KiB O_DSYNC write 0.5 ms instead of 0.7-2.2 ms, maximum
 * 1-4 ms instead of 2-41 ms.
 *
 * One spare file is filled in the background, in small synced steps so that it never holds
 * the disk for long, and renamed into place when the active segment rolls. A roll that finds
 * the spare unfinished creates an empty segment instead: slower appends, same correctness.
 * When to start a spare is the log's decision (LogOptions.preallocate). A spare whose fill
 * fails is dropped and no other is started in this run: it is a speed-up, never needed.
 */
import { storageLimits } from '@sluice/core';
import { openFlags, type StorageFileSystem } from './file-system.js';
import { sparePath } from './segment-files.js';
import { createDeferred, type Deferred } from './write-batch.js';

const zeros = Buffer.alloc(storageLimits.preallocationStepBytes);

export class SegmentPreallocator {
  readonly #path: string;
  #fd: number | undefined;
  /** Zero bytes written and synced into the spare so far. */
  #bytes = 0;
  #writing = false;
  #closed = false;
  #idle: Deferred | undefined;

  constructor(
    private readonly fileSystem: StorageFileSystem,
    directory: string,
    private readonly segmentBytes: number,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.#path = sparePath(directory);
  }

  /**
   * Creates the spare afresh and fills it in the background. A spare left by an earlier run is
   * emptied rather than trusted: whatever it holds would end up after the records of a
   * segment.
   */
  start(): void {
    const flags = openFlags.createNewWriteOnly | openFlags.dataSync;
    try {
      this.#fd = this.fileSystem.openSync(this.#path, flags, 0o644);
    } catch (error) {
      this.#closed = true;
      this.onFailure(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.#bytes = 0;
    this.#step();
  }

  /**
   * If the spare is complete, renames it to path (a new segment, whose directory entry the
   * caller syncs before writing to it) and returns true; the next spare is the caller's to
   * start.
   */
  claim(path: string): boolean {
    const fd = this.#fd;
    if (fd === undefined || !this.ready) return false;
    this.fileSystem.closeSync(fd);
    this.#fd = undefined;
    this.fileSystem.renameSync(this.#path, path);
    return true;
  }

  /** Zeros written into the spare so far: segmentBytes once it is ready, 0 without one. */
  get filledBytes(): number {
    return this.#fd === undefined ? 0 : this.#bytes;
  }

  /** A spare exists or is being filled. */
  get started(): boolean {
    return this.#fd !== undefined || this.#writing;
  }

  /** start() may be called: no spare exists, and filling has neither failed nor been closed. */
  get canStart(): boolean {
    return !this.started && !this.#closed;
  }

  /**
   * Whether the spare is complete, as claim() sees it: every zero written and its write's
   * callback run (the file reaches its full size on disk before that).
   */
  get ready(): boolean {
    return this.#fd !== undefined && !this.#writing && this.#bytes >= this.segmentBytes;
  }

  /** Stops filling after the step in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#writing) {
      this.#idle = createDeferred();
      await this.#idle.promise;
    }
    if (this.#fd !== undefined) this.fileSystem.closeSync(this.#fd);
    this.#fd = undefined;
  }

  #step(): void {
    const fd = this.#fd;
    if (this.#closed || fd === undefined || this.#bytes >= this.segmentBytes) return;
    const length = Math.min(zeros.length, this.segmentBytes - this.#bytes);
    this.#writing = true;
    this.fileSystem.write(fd, zeros, 0, length, this.#bytes, (error, written) => {
      this.#writing = false;
      if (error !== null) {
        // The spare is only a speed-up: drop it and stop preallocating for this run (a disk
        // that failed a write once, or is full, gets no second 64 MiB of zeros); appends go on
        // into growing files, as they do without preallocation.
        this.#closed = true;
        this.#abandon();
        this.onFailure(error);
      } else {
        this.#bytes += written;
      }
      if (this.#idle !== undefined) this.#idle.resolve();
      else this.#step();
    });
  }

  #abandon(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    try {
      if (fd !== undefined) this.fileSystem.closeSync(fd);
      this.fileSystem.unlinkSync(this.#path);
    } catch {
      // Best effort: the next open removes a leftover spare.
    }
  }
}
