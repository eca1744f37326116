/** The label every queue past the label bound is counted under. */
export const otherQueuesLabel = '_other';

/**
 * Bounds per-queue label cardinality. The first `labelCountMax` queues seen get their own label
 * and keep it while they exist (so their counters stay monotonic); every later queue is counted
 * under `_other`. A deleted queue's label is released and the next new queue takes it.
 */
export class QueueLabels {
  readonly #labelCountMax: number;
  readonly #labeled = new Set<string>();

  constructor(labelCountMax: number) {
    this.#labelCountMax = labelCountMax;
  }

  /** `key` is the queue's stable identity (`account/name`); the label to report it under. */
  labelOf(key: string): string {
    if (this.#labeled.has(key)) return key;
    if (this.#labeled.size >= this.#labelCountMax) return otherQueuesLabel;
    this.#labeled.add(key);
    return key;
  }

  /** Releases the labels of queues that no longer exist. */
  retainOnly(existingKeys: ReadonlySet<string>): void {
    for (const key of this.#labeled) if (!existingKeys.has(key)) this.#labeled.delete(key);
  }

  get labeledCount(): number {
    return this.#labeled.size;
  }
}
