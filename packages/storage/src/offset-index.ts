/**
 * Offset -> file position for one segment. Offsets are dense, so the index is an array of
 * positions indexed by (offset - baseOffset): 4 bytes per record, no per-record objects.
 */
import assert from 'node:assert/strict';

const initialCapacity = 1024;

export class OffsetIndex {
  #positions: Uint32Array;
  #count: number;

  constructor(positions: Uint32Array = new Uint32Array(initialCapacity), count = 0) {
    assert.ok(count <= positions.length);
    this.#positions = positions;
    this.#count = count;
  }

  /** Records in the segment. */
  get count(): number {
    return this.#count;
  }

  push(position: number): void {
    if (this.#count === this.#positions.length) {
      const grown = new Uint32Array(Math.max(initialCapacity, this.#positions.length * 2));
      grown.set(this.#positions);
      this.#positions = grown;
    }
    this.#positions[this.#count++] = position;
  }

  /** The file position of the record at (offset - baseOffset) = recordIndex. */
  positionAt(recordIndex: number): number {
    assert.ok(recordIndex >= 0 && recordIndex < this.#count, `record ${recordIndex} not indexed`);
    return this.#positions[recordIndex] as number;
  }

  /** Forgets every record from recordIndex on (truncation). */
  truncate(recordIndex: number): void {
    assert.ok(recordIndex >= 0 && recordIndex <= this.#count);
    this.#count = recordIndex;
  }

  /** The live positions, for persisting; a view, not a copy. */
  positions(): Uint32Array {
    return this.#positions.subarray(0, this.#count);
  }
}
