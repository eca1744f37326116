import { KeyIndex } from '@sluice/queue';

/**
 * The receipt handles a codec issued most recently, as raw bytes, so that a handle found here
 * skips its MAC check. A ring of fixed-size entries in one buffer, found through a KeyIndex
 * keyed by six bytes of each entry's MAC (uniform: they are MAC output). An entry whose key
 * another remembered entry already has is simply not indexed; it is then checked by its MAC.
 *
 * Everything lives in typed arrays allocated once, with no object per handle. The cache this
 * replaces kept a Map of strings and field objects; every entry lived long enough to be promoted
 * to the old generation, which at 5,000 receives a second made most of the old-space garbage,
 * and the major collections it caused stalled the event loop for 20-30 ms every few seconds
 * (docs/benchmarks/analysis.md §4).
 */
export class IssuedHandleCache {
  readonly #entryBytes: number;
  readonly #keyAt: number;
  /** Ring of entries, capacity × entryBytes; #next is the slot written next. */
  readonly #entries: Buffer;
  readonly #keys: Float64Array;
  /** Whether the entry in each slot is in #index (its key was not taken). */
  readonly #indexed: Uint8Array;
  readonly #index: KeyIndex;
  #next = 0;
  #size = 0;

  /**
   * @param capacity how many entries are kept (the oldest is forgotten first); 0 keeps none.
   * @param entryBytes the length of every entry.
   * @param keyAt where in an entry the six bytes used as its key start.
   */
  constructor(
    readonly capacity: number,
    entryBytes: number,
    keyAt: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`capacity ${capacity} must be a non-negative integer`);
    }
    if (keyAt < 0 || keyAt + 6 > entryBytes) throw new RangeError('key bytes outside the entry');
    this.#entryBytes = entryBytes;
    this.#keyAt = keyAt;
    this.#entries = Buffer.alloc(capacity * entryBytes);
    this.#keys = new Float64Array(capacity);
    this.#indexed = new Uint8Array(capacity);
    this.#index = new KeyIndex(this.#keys);
    this.#index.reserve(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Remembers the entryBytes bytes of source from `at` on, forgetting the oldest when full. */
  add(source: Buffer, at = 0): void {
    if (this.capacity === 0) return;
    const slot = this.#next;
    if (this.#size === this.capacity) {
      if (this.#indexed[slot] === 1) this.#index.remove(slot);
    } else {
      this.#size += 1;
    }
    // A byte loop: for a few dozen bytes, Buffer#copy's own set-up costs more than the copy.
    const entries = this.#entries;
    const into = slot * this.#entryBytes;
    for (let byte = 0; byte < this.#entryBytes; byte++) entries[into + byte] = source[at + byte]!;
    this.#keys[slot] = source.readUIntLE(at + this.#keyAt, 6);
    this.#indexed[slot] = this.#index.insert(slot) ? 1 : 0;
    this.#next = (slot + 1) % this.capacity;
  }

  /** Whether entry is remembered, byte for byte. */
  has(entry: Buffer): boolean {
    if (this.#size === 0 || entry.length !== this.#entryBytes) return false;
    const slot = this.#index.find(entry.readUIntLE(this.#keyAt, 6));
    if (slot < 0) return false;
    const entries = this.#entries;
    const start = slot * this.#entryBytes;
    for (let byte = 0; byte < this.#entryBytes; byte++) {
      if (entries[start + byte] !== entry[byte]) return false;
    }
    return true;
  }
}
