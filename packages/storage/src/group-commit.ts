/**
 * Group commit: appends are staged into batches; whenever no write is in flight, the oldest
 * batch is written and synced as one unit. The first batch starts on the next tick after an
 * append (so every append made in the same tick shares it); while a batch is in flight, new
 * appends accumulate and the next batch starts the moment it completes. There is no timer.
 * Starting on setImmediate instead (after the whole poll phase, so a burst shares one batch)
 * was tried twice: 10.5 to 12 records per batch and about 6% more sends/s at saturation, but
 * the 5,000 msg/s latency point's p99 was worse in 5 of 8 pairs (medians 9.9 against 5.1 ms),
 * since the disk then waits for the whole turn's work (docs/benchmarks/analysis.md §1.6).
 *
 * A batch nobody waits for yet (standard queues answer receives, deletes and visibility changes
 * before their fsync) is held back while it is the newest batch, smaller than
 * `unwaitedBatchBytesMax` (and, as every batch, under `batchRecordCountMax` records), and every
 * loop turn stages more records into it: under a drain, one O_DSYNC write then carries thousands
 * of such records instead of a hundred, and each write's fixed cost (tens of µs of kernel time on
 * the server's core) is paid far less often. It starts as soon as something waits for it, a turn
 * of the loop stages nothing new, or it reaches a bound, so the window of records answered but
 * not yet durable stays bounded without a timer (docs/ARCHITECTURE.md, "Durability rules").
 *
 * Batches complete strictly in order, so durability advances in offset order, and all the
 * waiters of one batch share one promise: a million waiters cost a few thousand promises.
 */
import assert from 'node:assert/strict';
import { storageLimits } from '@sluice/core';
import type { DurableWriter } from './durable-writer.js';
import { LogFailedError } from './errors.js';
import type { Segment } from './segment.js';
import { createDeferred, StagingPool, WriteBatch } from './write-batch.js';

export interface GroupCommitHooks {
  /** A batch is durable; called before its waiters are resolved. */
  onBatchDurable(batch: WriteBatch): void;
  /** The first write or sync error. No batch is written after it. */
  onFailure(error: Error): void;
}

const resolved = Promise.resolve();

export class GroupCommitter {
  /** Batches not yet durable, oldest first; the first one is in flight while #writing. */
  readonly #batches: WriteBatch[] = [];
  readonly #pool = new StagingPool();
  #writing = false;
  #scheduled = false;
  #pumping = false;
  /** A check for a quiet loop turn is pending (setImmediate), for a held-back batch. */
  #quietCheckArmed = false;
  /** Records were staged since the last quiet check. */
  #stagedSinceCheck = false;
  #failure: LogFailedError | undefined;
  #durableOffset: number;
  #pendingBytes = 0;

  constructor(
    private readonly writer: DurableWriter,
    private readonly directoryFd: number,
    private readonly hooks: GroupCommitHooks,
    durableOffset: number,
  ) {
    this.#durableOffset = durableOffset;
  }

  /** Every offset below this is durable. */
  get durableOffset(): number {
    return this.#durableOffset;
  }

  /** Bytes staged or in flight, not yet durable. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  get failure(): LogFailedError | undefined {
    return this.#failure;
  }

  /**
   * Reserves space for the record with this offset at the end of segment and schedules a
   * flush. Returns where to encode it.
   */
  stage(segment: Segment, offset: number, recordBytes: number): { chunk: Buffer; at: number } {
    let batch = this.#batches[this.#batches.length - 1];
    if (
      batch === undefined ||
      batch.closed ||
      batch.segment !== segment ||
      batch.recordCount >= storageLimits.batchRecordCountMax ||
      batch.bytes + recordBytes > storageLimits.batchBytesMax
    ) {
      batch = new WriteBatch(segment, segment.bytes, offset);
      this.#batches.push(batch);
    }
    this.#pendingBytes += recordBytes;
    const reserved = batch.reserve(this.#pool, recordBytes);
    this.#stagedSinceCheck = true;
    this.#schedule();
    return reserved;
  }

  #schedule(): void {
    if (!this.#scheduled && !this.#writing) {
      this.#scheduled = true;
      process.nextTick(this.#flushFromTick);
    }
  }

  /** Resolves once offset is durable; rejects with LogFailedError if the log fails first. */
  whenDurable(offset: number): Promise<void> {
    if (offset < this.#durableOffset) return resolved;
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    for (let batchIndex = this.#batches.length - 1; batchIndex >= 0; batchIndex--) {
      const batch = this.#batches[batchIndex] as WriteBatch;
      if (offset < batch.firstOffset) continue;
      if (offset >= batch.endOffset) break;
      if (batch.waiters === undefined) {
        batch.waiters = createDeferred();
        // Failures are reported through onFatalError; a waiter nobody awaits must not add an
        // unhandled rejection on top. Callers that await still see the rejection.
        batch.waiters.promise.catch(() => undefined);
        // The batch may be held back for having had no waiter: it has one now.
        this.#schedule();
      }
      return batch.waiters.promise;
    }
    throw new RangeError(`offset ${offset} was never staged`);
  }

  /** The staged batch holding the byte at filePosition of segment, if any. */
  stagedBatchAt(segment: Segment, filePosition: number): WriteBatch | undefined {
    for (const batch of this.#batches) {
      const inBatch =
        filePosition >= batch.filePosition && filePosition < batch.filePosition + batch.bytes;
      if (batch.segment === segment && inBatch) return batch;
    }
    return undefined;
  }

  readonly #flushFromTick = (): void => {
    this.#scheduled = false;
    this.#pump(false);
  };

  /**
   * After a loop turn: hold the batch back another turn if records came since the last check
   * (the turn that armed the check staged some, so a batch waits at least one whole turn), else
   * start it.
   */
  readonly #onQuietCheck = (): void => {
    this.#quietCheckArmed = false;
    const quiet = !this.#stagedSinceCheck;
    this.#stagedSinceCheck = false;
    this.#pump(quiet);
  };

  /**
   * Starts the oldest batch unless one is in flight; loops when a writer completes inline.
   * Unless quiet, a batch nobody waits for may be held back (see the class comment).
   */
  #pump(quiet: boolean): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#writing && this.#failure === undefined) {
        const batch = this.#batches[0];
        if (batch === undefined) break;
        if (!quiet && this.#mayHoldBack(batch)) {
          this.#armQuietCheck();
          break;
        }
        this.#start(batch);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #mayHoldBack(batch: WriteBatch): boolean {
    return (
      batch.waiters === undefined &&
      this.#batches.length === 1 &&
      batch.bytes < storageLimits.unwaitedBatchBytesMax
    );
  }

  #armQuietCheck(): void {
    if (this.#quietCheckArmed) return;
    this.#quietCheckArmed = true;
    setImmediate(this.#onQuietCheck);
  }

  #start(batch: WriteBatch): void {
    this.#writing = true;
    batch.closed = true;
    batch.writeStartedAtMs = performance.now();
    const segment = batch.segment;
    const write = (): void => {
      this.writer.write(segment.fd, batch.buffers(), batch.filePosition, (error) =>
        this.#onWritten(batch, error),
      );
    };
    if (segment.directoryEntryDurable) {
      write();
      return;
    }
    // A new segment file is not there after a power loss until its directory is synced.
    this.writer.syncDirectory(this.directoryFd, (error) => {
      if (error !== null) return this.#onWritten(batch, error);
      segment.directoryEntryDurable = true;
      write();
    });
  }

  #onWritten(batch: WriteBatch, error: Error | null): void {
    this.#writing = false;
    if (error !== null) {
      this.fail(error);
      return;
    }
    this.#batches.shift();
    batch.segment.durableBytes = batch.filePosition + batch.bytes;
    this.#durableOffset = batch.endOffset;
    this.#pendingBytes -= batch.bytes;
    batch.release(this.#pool);
    this.hooks.onBatchDurable(batch);
    this.#pump(false);
    batch.waiters?.resolve();
  }

  /**
   * Fails the log: every waiter is rejected, nothing more is written, and the hook hears of the
   * error once. Returns the error that appends and waiters get from now on.
   */
  fail(error: Error): LogFailedError {
    if (this.#failure !== undefined) return this.#failure;
    const failure = new LogFailedError(error);
    this.#failure = failure;
    for (const batch of this.#batches) batch.waiters?.reject(failure);
    this.hooks.onFailure(error);
    return failure;
  }

  /** After a truncation of the (fully durable) tail: offsets from offset on are gone. */
  resetDurableOffset(offset: number): void {
    assert.ok(this.#batches.length === 0 && offset <= this.#durableOffset);
    this.#durableOffset = offset;
  }
}
