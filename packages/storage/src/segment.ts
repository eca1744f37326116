/**
 * One segment file of the log: its records' offsets, where each record starts, and how much of
 * it is on disk. Offsets [baseOffset, nextOffset) live here; bytes [0, durableBytes) are written
 * and synced; bytes [durableBytes, bytes) are staged in memory, waiting for a group commit.
 */
import type { OffsetIndex } from './offset-index.js';
import { indexPath, segmentPath } from './segment-files.js';

export class Segment {
  readonly path: string;
  readonly indexPath: string;
  /** Bytes of every record appended so far, staged or written. */
  bytes: number;
  /** Bytes written and synced: reads below this go to the file. */
  durableBytes: number;
  /** No more appends go here; its index file is written once it is fully durable. */
  sealed = false;
  /** Whether the directory entry of a newly created file has been synced. */
  directoryEntryDurable: boolean;

  constructor(
    directory: string,
    readonly baseOffset: number,
    readonly fd: number,
    readonly index: OffsetIndex,
    durableBytes: number,
    directoryEntryDurable: boolean,
  ) {
    this.path = segmentPath(directory, baseOffset);
    this.indexPath = indexPath(directory, baseOffset);
    this.bytes = durableBytes;
    this.durableBytes = durableBytes;
    this.directoryEntryDurable = directoryEntryDurable;
  }

  /** The offset the next record appended to this segment would get. */
  get nextOffset(): number {
    return this.baseOffset + this.index.count;
  }

  /** The file position of the record with this offset (which must be in the segment). */
  positionOf(offset: number): number {
    return this.index.positionAt(offset - this.baseOffset);
  }

  /** The file position just past the record with this offset. */
  endPositionOf(offset: number): number {
    return offset + 1 < this.nextOffset ? this.positionOf(offset + 1) : this.bytes;
  }

  /**
   * The longest run of durable records starting at offset (which must be durable), ending
   * before endOffsetLimit and within bytesBudget (but always at least one record): what one
   * sequential read can return.
   */
  durableRun(
    offset: number,
    endOffsetLimit: number,
    bytesBudget: number,
  ): { endOffset: number; endPosition: number } {
    const start = this.positionOf(offset);
    const limit = Math.min(endOffsetLimit, this.nextOffset);
    let endOffset = offset;
    let endPosition = start;
    while (endOffset < limit) {
      const recordEnd = this.endPositionOf(endOffset);
      if (recordEnd > this.durableBytes) break;
      if (endOffset > offset && recordEnd - start > bytesBudget) break;
      endOffset += 1;
      endPosition = recordEnd;
    }
    return { endOffset, endPosition };
  }
}
