/**
 * The memory a queue's snapshot copies its slot arrays into, kept from one snapshot to the next.
 *
 * A snapshot copies every slot array, 54 bytes a slot, synchronously, because the state
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

  get leased(): boolean {
    return this.#leased;
  }

  /** Bytes held between snapshots. */
  get bytes(): number {
    return this.#buffers.reduce((total, buffer) => total + buffer.length, 0);
  }

  /** A copy of source in buffer `index` (sized as #fit says), or in memory of its own. */
  copy(index: number, source: Uint8Array): Uint8Array {
    if (!this.#leased) throw new Error('lease the snapshot buffers before copying into them');
    const buffer = this.#fit(index, source.length)?.buffer;
    if (buffer === undefined) return source.slice();
    const copy = buffer.subarray(0, source.length);
    copy.set(source);
    return copy;
  }

  /**
   * Sizes buffer `index` for a copy of `bytes` ahead of a snapshot, as copy() would. Returns the
   * buffer when it is new memory, whose pages the kernel has not handed out yet: the caller may
   * prefault them (prefaultPages) in small steps, so that the snapshot's synchronous copy does
   * not take a page fault per 4 KiB. Undefined when the buffer kept already fits, or the budget
   * has no room for it.
   */
  reserve(index: number, bytes: number): Uint8Array | undefined {
    if (this.#leased) throw new Error('the snapshot buffers are in use by a snapshot');
    const fitted = this.#fit(index, bytes);
    return fitted?.fresh === true ? fitted.buffer : undefined;
  }

  /**
   * The buffer kept at `index` if it holds `bytes`. It grows with a quarter to spare when too
   * small, and is replaced by a smaller one when `bytes` is under a quarter of it (a drained
   * backlog does not keep its peak's memory). Undefined when a new one would pass the budget.
   */
  #fit(index: number, bytes: number): { buffer: Uint8Array; fresh: boolean } | undefined {
    const kept = this.#buffers[index];
    if (kept !== undefined && kept.length >= bytes && bytes >= kept.length / 4) {
      return { buffer: kept, fresh: false };
    }
    if (kept !== undefined) {
      this.budget.bytesKept -= kept.length;
      this.#buffers[index] = emptyBuffer;
    }
    const length = Math.ceil(bytes * 1.25);
    if (this.budget.bytesKept + length > this.budget.bytesMax) return undefined;
    const buffer = new Uint8Array(length);
    this.budget.bytesKept += length;
    this.#buffers[index] = buffer;
    return { buffer, fresh: true };
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
const pageBytes = 4096;

/**
 * Makes the kernel map the pages of buffer[from, from + stepBytes) by storing each page's first
 * byte back into it (a write faults a page in; the value does not change, so a buffer already
 * holding a snapshot is left as it is). Returns where the next step starts.
 */
export function prefaultPages(buffer: Uint8Array, from: number, stepBytes: number): number {
  const end = Math.min(buffer.length, from + stepBytes);
  for (let at = from; at < end; at += pageBytes) buffer[at] = buffer[at]!;
  return end;
}
