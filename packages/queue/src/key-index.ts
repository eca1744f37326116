import { none } from './message-state.js';

const initialBucketCount = 1024;
const twoTo32 = 4294967296;

/**
 * Live message key -> slot, for the commands that name a message by key (deadLetter, moveOut,
 * reinsert, moveIn's idempotency check). Open addressing with linear probing over an Int32Array
 * of slot+1 (0 = empty): the key itself is read from the message table, so an entry costs 4
 * bytes and the table stays at most 3/4 full. Deletion shifts entries back (no tombstones).
 *
 * Keys are log offsets, so live keys are mostly a run of consecutive integers. A home bucket
 * that kept that locality (consecutive keys in consecutive buckets) turned the live keys into
 * one solid run of occupied buckets, and backward-shift deletion scans to the end of its run:
 * every delete cost O(backlog) (measured: a 30k-message drain ran at 1.4k msg/s, 27% of the
 * server's CPU in removal). The home bucket is therefore a full 64-bit mix of the key (murmur3's
 * finaliser over both halves), which keeps runs short at 3/4 load.
 */
export class KeyIndex {
  #buckets = new Int32Array(initialBucketCount);
  #count = 0;
  /**
   * No key above this was ever inserted (since the last clear). A send's key is the offset of its
   * record, above every key before it, so its insert skips the duplicate check: on a long backlog
   * that check read a random key of the message table for every bucket it probed.
   */
  #keyMax = -Infinity;

  constructor(private keys: Float64Array) {}

  /** The table's key array was replaced (growth). */
  rebind(keys: Float64Array): void {
    this.keys = keys;
  }

  get count(): number {
    return this.#count;
  }

  find(key: number): number {
    const buckets = this.#buckets;
    const mask = buckets.length - 1;
    for (let index = this.#home(key); ; index = (index + 1) & mask) {
      const entry = buckets[index]!;
      if (entry === 0) return none;
      if (this.keys[entry - 1] === key) return entry - 1;
    }
  }

  /** Adds `slot` under its key; false (and nothing added) if the key is present already. */
  insert(slot: number): boolean {
    if ((this.#count + 1) * 4 > this.#buckets.length * 3) this.#rehash(this.#buckets.length * 2);
    const key = this.keys[slot]!;
    if (key > this.#keyMax) {
      this.#keyMax = key;
      this.#placeNew(slot, key);
    } else if (!this.#place(slot)) {
      return false;
    }
    this.#count++;
    return true;
  }

  /** Sizes the table for `count` keys at once (restore), instead of doubling step by step. */
  reserve(count: number): void {
    let bucketCount = this.#buckets.length;
    while (count * 4 > bucketCount * 3) bucketCount *= 2;
    if (bucketCount !== this.#buckets.length) this.#rehash(bucketCount);
  }

  remove(slot: number): void {
    const buckets = this.#buckets;
    const mask = buckets.length - 1;
    let index = this.#home(this.keys[slot]!);
    while (buckets[index] !== slot + 1) index = (index + 1) & mask;
    // Backward-shift deletion: move later entries of the probe run into the hole when their
    // home position does not lie cyclically between the hole and themselves.
    let hole = index;
    for (let probe = (hole + 1) & mask; ; probe = (probe + 1) & mask) {
      const entry = buckets[probe]!;
      if (entry === 0) break;
      const home = this.#home(this.keys[entry - 1]!);
      const distanceToHome = (probe - home) & mask;
      const distanceToHole = (probe - hole) & mask;
      if (distanceToHome >= distanceToHole) {
        buckets[hole] = entry;
        hole = probe;
      }
    }
    buckets[hole] = 0;
    this.#count--;
  }

  clear(): void {
    this.#buckets.fill(0);
    this.#count = 0;
    this.#keyMax = -Infinity;
  }

  #place(slot: number): boolean {
    const buckets = this.#buckets;
    const keys = this.keys;
    const key = keys[slot]!;
    const mask = buckets.length - 1;
    let index = this.#home(key);
    for (let entry = buckets[index]!; entry !== 0; entry = buckets[index]!) {
      if (keys[entry - 1] === key) return false;
      index = (index + 1) & mask;
    }
    buckets[index] = slot + 1;
    return true;
  }

  /** #place for a key known to be absent: the first empty bucket of its run, no key compared. */
  #placeNew(slot: number, key: number): void {
    const buckets = this.#buckets;
    const mask = buckets.length - 1;
    let index = this.#home(key);
    while (buckets[index] !== 0) index = (index + 1) & mask;
    buckets[index] = slot + 1;
  }

  /** The longest run of occupied buckets (what a delete or a failed find may scan). */
  longestRun(): number {
    let longest = 0;
    let current = 0;
    for (const entry of this.#buckets) {
      current = entry === 0 ? 0 : current + 1;
      if (current > longest) longest = current;
    }
    return longest;
  }

  #home(key: number): number {
    const low = (key % twoTo32) | 0;
    const high = Math.floor(key / twoTo32) | 0;
    return mix32(low ^ Math.imul(high, 0x9e3779b1)) & (this.#buckets.length - 1);
  }

  #rehash(bucketCount: number): void {
    const old = this.#buckets;
    this.#buckets = new Int32Array(bucketCount);
    // The keys in the table are distinct already.
    for (const entry of old) if (entry !== 0) this.#placeNew(entry - 1, this.keys[entry - 1]!);
  }
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let mixed = value;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}
