import { historyFields, type HistoryColumns } from '@sluice/core';
import type { QueueActivityTotals } from './queue-activity.js';
import type { QueueSnapshot } from './queue-snapshot.js';

/** A fixed-size ring of samples: one Float64Array per field, so memory is allocated once. */
class SampleRing {
  readonly #columns: Float64Array[];
  #next = 0;
  #count = 0;

  constructor(readonly capacity: number) {
    this.#columns = historyFields.map(() => new Float64Array(capacity));
  }

  push(values: readonly number[]): void {
    values.forEach((value, field) => {
      (this.#columns[field] as Float64Array)[this.#next] = value;
    });
    this.#next = (this.#next + 1) % this.capacity;
    this.#count = Math.min(this.#count + 1, this.capacity);
  }

  /** The newest `countMax` samples (all by default), oldest first. */
  columns(countMax = this.capacity): HistoryColumns {
    const count = Math.min(countMax, this.#count);
    const start = (this.#next - count + this.capacity) % this.capacity;
    const result = {} as HistoryColumns;
    historyFields.forEach((name, field) => {
      const column = this.#columns[field] as Float64Array;
      const values: number[] = [];
      for (let index = 0; index < count; index++)
        values.push(column[(start + index) % this.capacity] as number);
      result[name] = values;
    });
    return result;
  }
}

/**
 * Per-queue time series for the dashboard: depth, age and cumulative activity sampled at a fixed
 * interval, in bounded rings (samplesMax per queue, queueCountMax queues; queues past the bound
 * have no history). Rates are differences of the cumulative columns, computed by the reader.
 */
export class QueueHistory {
  readonly #rings = new Map<string, SampleRing>();

  constructor(
    readonly samplesMax: number,
    readonly queueCountMax: number,
  ) {}

  record(
    atMs: number,
    snapshots: readonly QueueSnapshot[],
    totalsOf: (queueId: number) => Readonly<QueueActivityTotals>,
  ): void {
    const existing = new Set(snapshots.map((snapshot) => snapshot.key));
    for (const key of this.#rings.keys()) if (!existing.has(key)) this.#rings.delete(key);
    for (const snapshot of snapshots) {
      let ring = this.#rings.get(snapshot.key);
      if (ring === undefined) {
        if (this.#rings.size >= this.queueCountMax) continue;
        ring = new SampleRing(this.samplesMax);
        this.#rings.set(snapshot.key, ring);
      }
      const totals = totalsOf(snapshot.id);
      ring.push([
        atMs,
        snapshot.visible,
        snapshot.inflight,
        snapshot.delayed,
        snapshot.oldestAgeSeconds,
        totals.sent,
        totals.received,
        totals.deleted,
      ]);
    }
  }

  /**
   * The queue's newest `countMax` samples (all by default), or undefined when it has none
   * (unknown, or past the queue bound).
   */
  columnsOf(key: string, countMax?: number): HistoryColumns | undefined {
    return this.#rings.get(key)?.columns(countMax);
  }

  get queueCount(): number {
    return this.#rings.size;
  }
}
