/** Records dropped from the front before the order arrays are compacted. */
const compactAfterCount = 1024;

/**
 * Records by id that expire in the order they were added (a fixed window from a clock that never
 * goes backwards). Expiry pops from the front of an insertion-order list in O(1) per record;
 * iterating a Map from its start instead would skip every deleted entry each time (quadratic).
 * Re-recording an id leaves its old position stale, so order is that of the latest record.
 */
export class ExpiringRecords<Record extends { readonly expiresAtMs: number }> {
  readonly #byId = new Map<string, Record>();
  #ids: string[] = [];
  #records: Record[] = [];
  #head = 0;

  get size(): number {
    return this.#byId.size;
  }

  /** The record for `id` if it has not expired at `nowMs`. */
  find(id: string, nowMs: number): Record | undefined {
    const record = this.#byId.get(id);
    return record !== undefined && record.expiresAtMs > nowMs ? record : undefined;
  }

  record(id: string, record: Record): void {
    this.#byId.set(id, record);
    this.#ids.push(id);
    this.#records.push(record);
  }

  /** Drops records whose time has come. */
  expire(nowMs: number): void {
    while (this.#head < this.#ids.length) {
      const record = this.#records[this.#head]!;
      if (record.expiresAtMs > nowMs) break;
      this.#dropHead();
    }
    this.#compact();
  }

  /** Forgets the oldest live record (a bound was reached). */
  forgetOldest(): void {
    while (this.#head < this.#ids.length) {
      const live = this.#byId.get(this.#ids[this.#head]!) === this.#records[this.#head];
      this.#dropHead();
      if (live) break;
    }
    this.#compact();
  }

  clear(): void {
    this.#byId.clear();
    this.#ids = [];
    this.#records = [];
    this.#head = 0;
  }

  /** Live records, oldest first. */
  *entries(): IterableIterator<[string, Record]> {
    for (let index = this.#head; index < this.#ids.length; index++) {
      const id = this.#ids[index]!;
      const record = this.#records[index]!;
      if (this.#byId.get(id) === record) yield [id, record];
    }
  }

  #dropHead(): void {
    const id = this.#ids[this.#head]!;
    if (this.#byId.get(id) === this.#records[this.#head]) this.#byId.delete(id);
    this.#head++;
  }

  #compact(): void {
    if (this.#head < compactAfterCount || this.#head * 2 < this.#ids.length) return;
    this.#ids = this.#ids.slice(this.#head);
    this.#records = this.#records.slice(this.#head);
    this.#head = 0;
  }
}
