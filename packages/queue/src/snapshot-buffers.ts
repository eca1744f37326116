/**
 * The memory a queue's snapshot copies its slot arrays into, kept from one snapshot to the next.
 *
 * A snapshot copies every slot array, about 50 bytes a slot, synchronously, because the state
 * changes as soon as the event loop moves on. Copying into new memory makes the kernel hand out
 * a zeroed page for every 4 KiB: 48 MB took 29 to 33 ms here, against 8 ms into memory reused
 * from the previous copy (docs/benchmarks/analysis.md §1.5). The owner leases the buffers for one
 * snapshot and releases them once that snapshot is written, since the write reads them
 * asynchronously: the chunks of a leased snapshot stay valid until release, and a second lease
 * before it throws.
 */
export class SnapshotBuffers {
  #buffers: Uint8Array[] = [];
  #leased = false;

  /**
   * @param budget shared by every SnapshotBuffers of one owner: bytes all of them may keep
   *   between snapshots. A copy that would pass it goes into memory of its own, not kept (the
   *   cost of a snapshot without reuse), so the memory kept is bounded however large the queues.
   */
  constructor(private readonly budget: SnapshotBufferBudget) {}

  /** Takes the buffers for one snapshot. */
  lease(): void {
    if (this.#leased) throw new Error('the snapshot buffers are still in use by a snapshot');
    this.#leased = true;
  }

  /** The snapshot made with the buffers is written; the next one may overwrite them. */
  release(): void {
    this.#leased = false;
  }

  /** Bytes held between snapshots. */
  get bytes(): number {
    return this.#buffers.reduce((total, buffer) => total + buffer.length, 0);
  }

  /**
   * A copy of source in buffer `index`. The buffer grows with a quarter to spare when too small,
   * and is replaced by a smaller one when source needs under a quarter of it (a drained backlog
   * does not keep its peak's memory).
   */
  copy(index: number, source: Uint8Array): Uint8Array {
    if (!this.#leased) throw new Error('lease the snapshot buffers before copying into them');
    let buffer = this.#buffers[index];
    if (
      buffer === undefined ||
      buffer.length < source.length ||
      source.length < buffer.length / 4
    ) {
      if (buffer !== undefined) {
        this.budget.bytesKept -= buffer.length;
        this.#buffers[index] = emptyBuffer;
      }
      const length = Math.ceil(source.length * 1.25);
      if (this.budget.bytesKept + length > this.budget.bytesMax) return source.slice();
      buffer = new Uint8Array(length);
      this.budget.bytesKept += length;
      this.#buffers[index] = buffer;
    }
    const copy = buffer.subarray(0, source.length);
    copy.set(source);
    return copy;
  }

  /** Gives back what these buffers keep (their queue is gone). */
  discard(): void {
    this.budget.bytesKept -= this.bytes;
    this.#buffers = [];
  }
}

/** The memory the snapshot buffers of one owner may keep between snapshots, and keep now. */
export interface SnapshotBufferBudget {
  readonly bytesMax: number;
  bytesKept: number;
}

const emptyBuffer = new Uint8Array(0);
