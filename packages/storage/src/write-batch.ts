/**
 * A group commit: consecutive records of one segment, staged in memory and written with one
 * write and one sync. Records are encoded straight into pooled staging chunks, so a batch is a
 * short list of buffers for writev, and a staged record can be read back before it is written.
 */
import assert from 'node:assert/strict';
import { storageLimits } from '@sluice/core';
import type { Segment } from './segment.js';

/** Reuses staging chunks: appending at 100 MB/s must not allocate 100 MB/s of buffers. */
export class StagingPool {
  readonly #free: Buffer[] = [];

  take(minimumBytes: number): Buffer {
    if (minimumBytes <= storageLimits.stagingChunkBytes) {
      return this.#free.pop() ?? Buffer.allocUnsafeSlow(storageLimits.stagingChunkBytes);
    }
    return Buffer.allocUnsafeSlow(minimumBytes);
  }

  give(chunk: Buffer): void {
    const reusable = chunk.length === storageLimits.stagingChunkBytes;
    if (reusable && this.#free.length < storageLimits.stagingChunkPoolCountMax) {
      this.#free.push(chunk);
    }
  }
}

/** A promise with its settle functions, created only when someone waits. */
export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export function createDeferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

export class WriteBatch {
  /** Offsets [firstOffset, endOffset) are in this batch. */
  endOffset: number;
  bytes = 0;
  /** Closed batches take no more records: they are being (or about to be) written. */
  closed = false;
  /** performance.now() when the batch's write started (for the durability observer). */
  writeStartedAtMs = 0;
  waiters: Deferred | undefined;
  readonly #chunks: Buffer[] = [];
  readonly #chunkStarts: number[] = [];
  readonly #chunkUsed: number[] = [];

  constructor(
    readonly segment: Segment,
    /** Where the batch's first byte goes in the segment file. */
    readonly filePosition: number,
    readonly firstOffset: number,
  ) {
    this.endOffset = firstOffset;
  }

  get recordCount(): number {
    return this.endOffset - this.firstOffset;
  }

  /**
   * Reserves recordBytes for the next record and returns the chunk to encode it into and the
   * position in that chunk. Records never straddle chunks, so each can be parsed in place.
   */
  reserve(pool: StagingPool, recordBytes: number): { chunk: Buffer; at: number } {
    assert.ok(!this.closed, 'appending to a closed batch');
    const last = this.#chunks.length - 1;
    let chunk = this.#chunks[last];
    let at = this.#chunkUsed[last] ?? 0;
    if (chunk === undefined || chunk.length - at < recordBytes) {
      chunk = pool.take(recordBytes);
      at = 0;
      this.#chunks.push(chunk);
      this.#chunkStarts.push(this.filePosition + this.bytes);
      this.#chunkUsed.push(0);
    }
    this.#chunkUsed[this.#chunkUsed.length - 1] = at + recordBytes;
    this.bytes += recordBytes;
    this.endOffset += 1;
    return { chunk, at };
  }

  /** The buffers to write, in order. */
  buffers(): Buffer[] {
    return this.#chunks.map((chunk, chunkIndex) => chunk.subarray(0, this.#chunkUsed[chunkIndex]));
  }

  /** The chunk holding the staged byte at a segment file position, and its index there. */
  locate(filePosition: number): { chunk: Buffer; at: number; end: number } {
    assert.ok(filePosition >= this.filePosition && filePosition < this.filePosition + this.bytes);
    let chunkIndex = this.#chunkStarts.length - 1;
    while ((this.#chunkStarts[chunkIndex] as number) > filePosition) chunkIndex -= 1;
    return {
      chunk: this.#chunks[chunkIndex] as Buffer,
      at: filePosition - (this.#chunkStarts[chunkIndex] as number),
      end: this.#chunkUsed[chunkIndex] as number,
    };
  }

  /** Returns the staging chunks to the pool once the batch is on disk. */
  release(pool: StagingPool): void {
    for (const chunk of this.#chunks) pool.give(chunk);
    this.#chunks.length = 0;
  }
}
