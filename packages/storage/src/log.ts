/**
 * The durable segmented log of one partition: synchronous appends that become durable through
 * group commit, reads by offset, retention by whole segments, truncation of the tail.
 * One writer per log; all methods run on the event loop that opened it.
 */
import assert from 'node:assert/strict';
import { writeSync } from 'node:fs';
import { storageLimits } from '@sluice/core';
import {
  createDurableWriter,
  type DurableWriter,
  type DurableWriteMode,
} from './durable-writer.js';
import {
  LogBackPressureError,
  LogBusyError,
  LogClosedError,
  OffsetOutOfRangeError,
  RecordTooLargeError,
  RecordTypeInvalidError,
  StorageError,
} from './errors.js';
import { nodeFileSystem, openFlags, type StorageFileSystem } from './file-system.js';
import { GroupCommitter } from './group-commit.js';
import { writeIndexFile } from './index-file.js';
import {
  readRecordFromFile,
  readRecordSpan,
  readRecordsFromFile,
  readStagedRecord,
  type LogRecord,
} from './record-reader.js';
import { encodeRecord, isRecordTypeValid, recordBytesFor } from './record-format.js';
import { createSegment, recoverLog } from './recovery.js';
import type { RecoveryReport, SegmentContext } from './recovery-context.js';
import { SegmentPreallocator } from './segment-preallocator.js';
import type { Segment } from './segment.js';
import { disposalPath, segmentPath, sparePath } from './segment-files.js';
import { truncateSegment } from './segment-truncation.js';
import type { WriteBatch } from './write-batch.js';

export interface LogOptions {
  /** The log's own directory; created if missing. */
  directory: string;
  /** Roll to a new segment once a segment would pass this size. */
  segmentBytes?: number;
  /** The first offset of a log created in an empty directory (a replica starting mid-log). */
  initialOffset?: number;
  /**
   * Called once when a write or sync fails. The log never retries and refuses all further
   * appends. The default writes the error to stderr and aborts the process.
   */
  onFatalError?: (error: Error) => void;
  /**
   * Told once per durable group-commit batch: its record count, bytes and the time from the
   * start of its write to the end of its sync. For metrics; must be cheap and must not throw.
   */
  onBatchDurable?: (recordCount: number, bytes: number, writeAndSyncMs: number) => void;
  /**
   * Told when freeing the disk space of deleted segments fails. Not fatal: the segments are
   * already out of the log, and the next open removes the file. Defaults to a process warning.
   */
  onBackgroundError?: (error: Error) => void;
  /** Shrink step for deleted segment files; storageLimits.segmentDisposalStepBytes by default. */
  segmentDisposalStepBytes?: number;
  /** Pause between shrink steps; storageLimits.segmentDisposalPauseMs by default. */
  segmentDisposalPauseMs?: number;
  /** A test seam; node:fs by default. */
  fileSystem?: StorageFileSystem;
  /** How batches reach the disk; see durable-writer.ts for the measurements. */
  durableWriteMode?: DurableWriteMode;
  /**
   * Zero-fill the next segment file in the background, so appends overwrite allocated blocks
   * and each O_DSYNC write needs no journal commit (segment-preallocator.ts). It writes every
   * byte twice while the log grows, which pays only when writes are small: on the benchmark
   * machine it took about 40 µs of kernel time off each write, and the zeros cost about 0.45 µs
   * of it per KiB (docs/benchmarks/analysis.md §1.19 and §1.27: single sends 4 to 10% faster,
   * batches of ten 8 to 16% slower). `true`: always; `'auto'`: only while the writes of the
   * active segment average under storageLimits.preallocationWriteBytesMax, judged after
   * storageLimits.preallocationDecisionWritesMin of them; `false` (the default): never.
   */
  preallocate?: PreallocationMode;
}

/** A segment as the retention and compaction policy above sees it. */
export interface SegmentInfo {
  baseOffset: number;
  /** One past the offset of its last record. */
  nextOffset: number;
  bytes: number;
}

type LogState = 'open' | 'truncating' | 'closing' | 'closed';

/** When the log zero-fills its next segment ahead (LogOptions.preallocate). */
export type PreallocationMode = boolean | 'auto';

export class Log {
  /** What recovery found and did when the log was opened. */
  readonly recovery: RecoveryReport;
  readonly #context: SegmentContext;
  readonly #segmentBytes: number;
  readonly #segments: Segment[];
  readonly #committer: GroupCommitter;
  readonly #writer: DurableWriter;
  readonly #preallocator: SegmentPreallocator | undefined;
  readonly #preallocation: PreallocationMode;
  /** Writes made durable into the active segment, and their bytes: 'auto' decides by them. */
  #activeSegmentWrites = 0;
  #activeSegmentWriteBytes = 0;
  readonly #directoryFd: number;
  readonly #onFatalError: (error: Error) => void;
  readonly #observeBatch: LogOptions['onBatchDurable'];
  #nextOffset: number;
  #state: LogState = 'open';
  #closing: Promise<void> | undefined;
  /** Segment removals still renaming files out of the log; close waits for them. */
  readonly #removals = new Set<Promise<void>>();
  /** Deleted segment files still being shrunk and unlinked, one after another. */
  #disposal: Promise<void> = Promise.resolve();
  readonly #disposalStepBytes: number;
  readonly #disposalPauseMs: number;
  readonly #onBackgroundError: (error: Error) => void;

  /**
   * Opens (recovering) or creates the log in options.directory. Synchronous: it blocks the
   * event loop for the recovery, which reads the index files of sealed segments and scans only
   * the active one. Throws LogCorruptionError if the log is damaged anywhere but a torn tail.
   */
  static open(options: LogOptions): Log {
    return new Log(options);
  }

  private constructor(options: LogOptions) {
    const segmentBytes = options.segmentBytes ?? storageLimits.segmentBytesDefault;
    assert.ok(
      Number.isInteger(segmentBytes) &&
        segmentBytes >= storageLimits.segmentBytesMin &&
        segmentBytes <= storageLimits.segmentBytesMax,
      `segmentBytes ${segmentBytes} outside [${storageLimits.segmentBytesMin}, ${storageLimits.segmentBytesMax}]`,
    );
    const initialOffset = options.initialOffset ?? 0;
    assert.ok(Number.isSafeInteger(initialOffset) && initialOffset >= 0, 'initialOffset');
    this.#disposalStepBytes =
      options.segmentDisposalStepBytes ?? storageLimits.segmentDisposalStepBytes;
    this.#disposalPauseMs = options.segmentDisposalPauseMs ?? storageLimits.segmentDisposalPauseMs;
    assert.ok(
      Number.isInteger(this.#disposalStepBytes) && this.#disposalStepBytes > 0,
      'segmentDisposalStepBytes',
    );
    assert.ok(this.#disposalPauseMs >= 0, 'segmentDisposalPauseMs');
    const fileSystem = options.fileSystem ?? nodeFileSystem;
    const writer = createDurableWriter(options.durableWriteMode ?? 'dsync', fileSystem);
    this.#writer = writer;
    this.#segmentBytes = segmentBytes;
    this.#onFatalError = options.onFatalError ?? crashProcess;
    this.#observeBatch = options.onBatchDurable;
    this.#onBackgroundError = options.onBackgroundError ?? warnOfBackgroundError;
    this.#context = {
      fileSystem,
      directory: options.directory,
      initialOffset,
      segmentOpenFlags: writer.segmentOpenFlags,
    };
    let recovered: ReturnType<typeof recoverLog>;
    try {
      const scratch = Buffer.allocUnsafe(storageLimits.readChunkBytes);
      recovered = recoverLog({ ...this.#context, scratch });
    } catch (error) {
      void writer.close();
      throw error;
    }
    this.recovery = recovered.report;
    this.#segments = recovered.segments;
    this.#directoryFd = fileSystem.openSync(options.directory, openFlags.readOnly);
    this.#nextOffset = this.#active.nextOffset;
    this.#committer = new GroupCommitter(
      writer,
      this.#directoryFd,
      {
        onBatchDurable: (batch) => this.#onBatchDurable(batch),
        onFailure: (error) => this.#onFatalError(error),
      },
      this.#nextOffset,
    );
    this.#preallocation = options.preallocate ?? false;
    // A spare left by an earlier run is never trusted; with `true` it is refilled right away.
    removeLeftoverSpare(fileSystem, options.directory);
    if (this.#preallocation === false) {
      this.#preallocator = undefined;
    } else {
      this.#preallocator = new SegmentPreallocator(
        fileSystem,
        options.directory,
        segmentBytes,
        (error) => this.#onBackgroundError(error),
      );
      if (this.#preallocation === true) this.#preallocator.start();
    }
  }

  get directory(): string {
    return this.#context.directory;
  }

  /** With preallocation on: whether the next roll will find a complete spare segment. */
  get spareSegmentReady(): boolean {
    return this.#preallocator?.ready ?? false;
  }

  /** Zeros written so far into the next segment, filled ahead (0 without one). */
  get spareSegmentBytes(): number {
    return this.#preallocator?.filledBytes ?? 0;
  }

  /** With preallocation on: whether a spare segment exists or is being filled. */
  get spareSegmentStarted(): boolean {
    return this.#preallocator?.started ?? false;
  }

  /** The offset the next append gets. */
  get nextOffset(): number {
    return this.#nextOffset;
  }

  /** The first offset not yet durable: every offset below it has been written and synced. */
  get durableOffset(): number {
    return this.#committer.durableOffset;
  }

  /** The oldest offset still in the log (retention deletes whole segments below it). */
  get firstOffset(): number {
    return (this.#segments[0] as Segment).baseOffset;
  }

  get #active(): Segment {
    return this.#segments[this.#segments.length - 1] as Segment;
  }

  /**
   * Stages a record and returns its offset. Synchronous: the record is durable once
   * whenDurable(offset) resolves, and readable right away. Throws RecordTypeInvalidError,
   * RecordTooLargeError, LogBackPressureError, LogBusyError, LogClosedError or LogFailedError.
   *
   * The record's payload is `payload` followed by `payloadTail` when given: a caller that frames
   * a large body with a small header of its own passes both, and the body is copied once, into
   * the staging buffer, instead of first into a framed copy.
   */
  append(type: number, payload: Uint8Array, epoch: number, payloadTail?: Uint8Array): number {
    this.#checkAppendable();
    if (!isRecordTypeValid(type)) throw new RecordTypeInvalidError(type);
    const payloadBytes = payload.length + (payloadTail?.length ?? 0);
    if (payloadBytes > storageLimits.recordPayloadBytesMax) {
      throw new RecordTooLargeError(payloadBytes, storageLimits.recordPayloadBytesMax);
    }
    assert.ok(Number.isSafeInteger(epoch) && epoch >= 0, `epoch ${epoch} is not a safe integer`);
    const recordBytes = recordBytesFor(payloadBytes);
    this.#checkBackPressure(recordBytes);
    let segment = this.#active;
    if (segment.bytes > 0 && segment.bytes + recordBytes > this.#segmentBytes) {
      segment = this.#roll();
    }
    const offset = this.#nextOffset;
    const { chunk, at } = this.#committer.stage(segment, offset, recordBytes);
    encodeRecord(chunk, at, offset, epoch, type, payload, payloadTail);
    segment.index.push(segment.bytes);
    segment.bytes += recordBytes;
    this.#nextOffset = offset + 1;
    return offset;
  }

  /**
   * Resolves once offset is durable. Waiters resolve in offset order, and the waiters of one
   * batch share a promise, so waiting is cheap. Rejects with LogFailedError if the log fails.
   */
  whenDurable(offset: number): Promise<void> {
    if (!(offset < this.#nextOffset)) {
      const error = new OffsetOutOfRangeError(offset, this.firstOffset, this.#nextOffset);
      return Promise.reject(error);
    }
    return this.#committer.whenDurable(offset);
  }

  /** The record at offset, staged or on disk, its checksum verified. */
  read(offset: number): LogRecord {
    this.#checkReadable();
    this.#checkInRange(offset);
    const segment = this.#segmentFor(offset);
    const position = segment.positionOf(offset);
    if (position < segment.durableBytes) {
      const end = segment.endPositionOf(offset);
      return readRecordFromFile(this.#context.fileSystem, segment, offset, position, end);
    }
    const batch = this.#committer.stagedBatchAt(segment, position);
    assert.ok(batch !== undefined, `offset ${offset} is neither durable nor staged`);
    return readStagedRecord(segment, batch, offset, position);
  }

  /**
   * The records at offsets, in that order. Durable records close together in one segment, in
   * ascending order, come from one read spanning them (storageLimits.readSpanBytesMax): the
   * messages one receive delivers were mostly sent together, and a read each was a syscall
   * and a buffer each.
   */
  readEach(offsets: readonly number[]): LogRecord[] {
    this.#checkReadable();
    const records = new Array<LogRecord>(offsets.length);
    let first = 0;
    while (first < offsets.length) {
      const offset = offsets[first] as number;
      this.#checkInRange(offset);
      const segment = this.#segmentFor(offset);
      const position = segment.positionOf(offset);
      let endPosition = segment.endPositionOf(offset);
      if (endPosition > segment.durableBytes) {
        records[first] = this.read(offset);
        first += 1;
        continue;
      }
      let last = first;
      while (last + 1 < offsets.length) {
        const next = offsets[last + 1] as number;
        if (!(Number.isInteger(next) && next > (offsets[last] as number))) break;
        if (next >= segment.nextOffset) break;
        const nextEnd = segment.endPositionOf(next);
        if (nextEnd > segment.durableBytes) break;
        if (nextEnd - position > storageLimits.readSpanBytesMax) break;
        endPosition = nextEnd;
        last += 1;
      }
      readRecordSpan(
        this.#context.fileSystem,
        segment,
        offsets.slice(first, last + 1),
        position,
        endPosition,
        records,
        first,
      );
      first = last + 1;
    }
    return records;
  }

  /**
   * Up to countMax records from offset on, read in large sequential chunks for replay. Returns
   * fewer when the log ends or storageLimits.readBatchBytesMax is reached (always at least one
   * record unless offset === nextOffset, which returns none). Payloads share read buffers.
   */
  readFrom(offset: number, countMax: number): LogRecord[] {
    this.#checkReadable();
    assert.ok(Number.isInteger(countMax) && countMax >= 1, `countMax ${countMax}`);
    if (offset === this.#nextOffset) return [];
    this.#checkInRange(offset);
    const records: LogRecord[] = [];
    let bytes = 0;
    let next = offset;
    while (records.length < countMax && next < this.#nextOffset) {
      if (bytes >= storageLimits.readBatchBytesMax) break;
      const segment = this.#segmentFor(next);
      const position = segment.positionOf(next);
      if (position >= segment.durableBytes) {
        const record = this.read(next);
        records.push(record);
        bytes += record.payload.length;
        next += 1;
        continue;
      }
      const countLimit = next + countMax - records.length;
      const budget = storageLimits.readBatchBytesMax - bytes;
      const tail = segment.durableRun(next, countLimit, budget);
      readRecordsFromFile(
        this.#context.fileSystem,
        segment,
        next,
        tail.endOffset,
        position,
        tail.endPosition,
        records,
      );
      bytes += tail.endPosition - position;
      next = tail.endOffset;
    }
    return records;
  }

  /** Every record from fromOffset to the end of the log, read page by page with readFrom. */
  *records(fromOffset: number = this.firstOffset): Generator<LogRecord, void, undefined> {
    let next = fromOffset;
    while (next < this.#nextOffset) {
      const page = this.readFrom(next, storageLimits.batchRecordCountMax);
      yield* page;
      next += page.length;
    }
  }

  /** The segments, oldest first; the last one is the active segment. */
  segments(): SegmentInfo[] {
    return this.#segments.map((segment) => ({
      baseOffset: segment.baseOffset,
      nextOffset: segment.nextOffset,
      bytes: segment.bytes,
    }));
  }

  /**
   * Deletes every sealed, durable segment whose records all have offsets below offset, oldest
   * first; never the active segment. firstOffset moves at once; the promise resolves when the
   * deletions are durable (the files renamed out of the log), before their space is freed
   * (segmentFilesDisposed). Returns how many segments were deleted.
   */
  async deleteSegmentsBefore(offset: number): Promise<number> {
    this.#checkReadable();
    const removed: Segment[] = [];
    while (this.#segments.length > 1) {
      const oldest = this.#segments[0] as Segment;
      if (oldest.nextOffset > offset || oldest.nextOffset > this.durableOffset) break;
      this.#segments.shift();
      removed.push(oldest);
    }
    if (removed.length === 0) return 0;
    const removal = this.#takeOutSegmentFiles(removed);
    this.#removals.add(removal);
    try {
      await removal;
    } catch (error) {
      throw this.#fail(error);
    } finally {
      this.#removals.delete(removal);
    }
    return removed.length;
  }

  /** Resolves once every deleted segment file is unlinked (or its disposal was given up). */
  segmentFilesDisposed(): Promise<void> {
    return this.#disposal;
  }

  /**
   * Takes the segments' files out of the log without waiting for their space to be freed: each
   * is renamed to its disposal name and the renames are synced, then the files are shrunk step
   * by step and unlinked in the background (#dispose). Unlinking a full 64 MiB segment at once
   * holds ext4's journal for about 40 ms on the benchmark machine; a snapshot that trimmed 16
   * segments that way delayed every append behind it, and sends waited up to 0.8 s.
   * Everything runs on the thread pool, so the event loop never waits on it either.
   */
  async #takeOutSegmentFiles(segments: readonly Segment[]): Promise<void> {
    const fileSystem = this.#context.fileSystem;
    const disposals = segments.map((segment) => {
      const bytes = fileSystem.fstatSync(segment.fd).size;
      fileSystem.closeSync(segment.fd);
      return { segment, path: disposalPath(segment.path), bytes };
    });
    for (const { segment, path } of disposals) {
      await callback((done) => fileSystem.rename(segment.path, path, done));
      // An index file is optional: writing it may have failed, or the segment was never sealed.
      await callback((done) => fileSystem.unlink(segment.indexPath, done)).catch(() => undefined);
    }
    await this.#syncDirectory();
    this.#disposal = this.#disposal.then(() => this.#dispose(disposals));
  }

  /** Shrinks each file by a step at a time with a pause between, then unlinks it. */
  async #dispose(
    files: readonly { readonly path: string; readonly bytes: number }[],
  ): Promise<void> {
    const fileSystem = this.#context.fileSystem;
    const step = this.#disposalStepBytes;
    for (const { path, bytes } of files) {
      try {
        for (let length = Math.ceil(bytes / step) * step - step; length > 0; length -= step) {
          // Closing stops here: the file keeps its disposal name, and the next open removes it.
          if (this.#state === 'closing' || this.#state === 'closed') return;
          await callback((done) => fileSystem.truncate(path, length, done));
          await new Promise((resolve) => setTimeout(resolve, this.#disposalPauseMs));
        }
        await callback((done) => fileSystem.unlink(path, done));
      } catch (error) {
        this.#onBackgroundError(error as Error);
      }
    }
  }

  /**
   * Drops every record with an offset >= offset (replication truncating a divergent suffix),
   * after waiting for staged records to be durable; appends meanwhile throw LogBusyError.
   * Afterwards nextOffset === offset. offset must be in [firstOffset, nextOffset].
   */
  async truncateAfter(offset: number): Promise<void> {
    this.#checkAppendable();
    if (offset === this.#nextOffset) return;
    this.#checkInRange(offset);
    this.#state = 'truncating';
    try {
      if (this.durableOffset < this.#nextOffset) await this.whenDurable(this.#nextOffset - 1);
      if (this.#state !== 'truncating') throw new LogClosedError();
      this.#checkInRange(offset);
      try {
        while (this.#segments.length > 1 && this.#active.baseOffset >= offset) {
          this.#removeSegmentFiles(this.#segments.pop() as Segment);
        }
        const active = truncateSegment(this.#context, this.#active, offset);
        this.#segments[this.#segments.length - 1] = active;
      } catch (error) {
        throw this.#fail(error);
      }
      this.#nextOffset = offset;
      this.#committer.resetDurableOffset(offset);
    } finally {
      if (this.#state === 'truncating') this.#state = 'open';
    }
  }

  /** Waits for every staged record to be durable, then closes every file. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#state = 'closing';
    if (this.#committer.failure === undefined && this.durableOffset < this.#nextOffset) {
      await this.#committer.whenDurable(this.#nextOffset - 1).catch(() => undefined);
    }
    // Their last step syncs the directory through #directoryFd, closed below.
    await Promise.allSettled(this.#removals);
    await this.#disposal;
    this.#state = 'closed';
    const fileSystem = this.#context.fileSystem;
    for (const segment of this.#segments) fileSystem.closeSync(segment.fd);
    fileSystem.closeSync(this.#directoryFd);
    await this.#preallocator?.close();
    await this.#writer.close();
  }

  #roll(): Segment {
    const previous = this.#active;
    let next: Segment;
    try {
      const path = segmentPath(this.#context.directory, this.#nextOffset);
      const preallocated = this.#preallocator?.claim(path) ?? false;
      next = createSegment(this.#context, this.#nextOffset, preallocated);
      this.#activeSegmentWrites = 0;
      this.#activeSegmentWriteBytes = 0;
      if (this.#preallocation === true && this.#preallocator?.canStart === true) {
        this.#preallocator.start();
      }
    } catch (error) {
      throw this.#fail(error);
    }
    previous.sealed = true;
    this.#segments.push(next);
    if (previous.durableBytes === previous.bytes) this.#writeIndex(previous);
    return next;
  }

  /**
   * A file operation on the log's files failed: the files may no longer match what the log
   * believes, so it fails like after a write error. Returns the error to throw.
   */
  #fail(error: unknown): Error {
    if (error instanceof StorageError) return error;
    return this.#committer.fail(error instanceof Error ? error : new Error(String(error)));
  }

  #onBatchDurable(batch: WriteBatch): void {
    this.#observeBatch?.(
      batch.recordCount,
      batch.bytes,
      performance.now() - batch.writeStartedAtMs,
    );
    const segment = batch.segment;
    if (segment.sealed && segment.durableBytes === segment.bytes) this.#writeIndex(segment);
    if (this.#preallocation === 'auto' && segment === this.#active) this.#judgeWrites(batch);
  }

  /**
   * 'auto' preallocation: once the active segment has seen enough writes, starts filling the
   * next spare if they were small on average. A spare once started is kept, whatever comes.
   */
  #judgeWrites(batch: WriteBatch): void {
    this.#activeSegmentWrites += 1;
    this.#activeSegmentWriteBytes += batch.bytes;
    const preallocator = this.#preallocator;
    if (preallocator === undefined || !preallocator.canStart) return;
    if (this.#activeSegmentWrites < storageLimits.preallocationDecisionWritesMin) return;
    const meanBytes = this.#activeSegmentWriteBytes / this.#activeSegmentWrites;
    if (meanBytes < storageLimits.preallocationWriteBytesMax) preallocator.start();
  }

  /** Best effort: an index file is a cache that the next open verifies or rebuilds. */
  #writeIndex(segment: Segment): void {
    const { fileSystem } = this.#context;
    try {
      writeIndexFile(fileSystem, segment.indexPath, {
        baseOffset: segment.baseOffset,
        dataBytes: segment.bytes,
        fileBytes: fileSystem.fstatSync(segment.fd).size,
        index: segment.index,
      });
    } catch {
      // writeIndexFile already swallows its own errors; only fstat could get here.
    }
  }

  #removeSegmentFiles(segment: Segment): void {
    const { fileSystem } = this.#context;
    fileSystem.closeSync(segment.fd);
    fileSystem.unlinkSync(segment.path);
    try {
      fileSystem.unlinkSync(segment.indexPath);
    } catch {
      // An index file is optional: writing it may have failed, or the segment was never sealed.
    }
  }

  #syncDirectory(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#context.fileSystem.fsync(this.#directoryFd, (error) =>
        error === null ? resolve() : reject(error),
      );
    });
  }

  #segmentFor(offset: number): Segment {
    const segments = this.#segments;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((segments[middle] as Segment).baseOffset <= offset) low = middle;
      else high = middle - 1;
    }
    return segments[low] as Segment;
  }

  #checkAppendable(): void {
    const failure = this.#committer.failure;
    if (failure !== undefined) throw failure;
    if (this.#state === 'truncating') throw new LogBusyError('truncateAfter');
    if (this.#state !== 'open') throw new LogClosedError();
  }

  #checkReadable(): void {
    if (this.#state === 'closed') throw new LogClosedError();
  }

  #checkInRange(offset: number): void {
    if (!(Number.isInteger(offset) && offset >= this.firstOffset && offset < this.#nextOffset)) {
      throw new OffsetOutOfRangeError(offset, this.firstOffset, this.#nextOffset);
    }
  }

  #checkBackPressure(recordBytes: number): void {
    const pendingCount = this.#nextOffset - this.durableOffset;
    const pendingBytes = this.#committer.pendingBytes;
    if (
      pendingCount >= storageLimits.pendingAppendCountMax ||
      pendingBytes + recordBytes > storageLimits.pendingAppendBytesMax
    ) {
      throw new LogBackPressureError(pendingCount, pendingBytes);
    }
  }
}

/** A spare from a run with preallocation would only take space: remove it. */
function removeLeftoverSpare(fileSystem: StorageFileSystem, directory: string): void {
  try {
    fileSystem.unlinkSync(sparePath(directory));
  } catch {
    // None there, the usual case.
  }
}

/** Runs a node-style call and resolves or rejects with its callback. */
function callback(call: (done: (error: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    call((error) => (error === null ? resolve() : reject(error)));
  });
}

function warnOfBackgroundError(error: Error): void {
  process.emitWarning(`sluice storage: freeing a deleted segment failed: ${error.message}`);
}

/** The default fatal-error handler: a storage engine that cannot sync must not limp on. */
function crashProcess(error: Error): void {
  writeSync(2, `sluice storage: fatal write or sync error: ${error.stack ?? String(error)}\n`);
  process.abort();
}
