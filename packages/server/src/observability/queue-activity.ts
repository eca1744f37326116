/** What the action layer counts per queue (the partition's gauges cover the rest). */
export const queueActivityKinds = [
  'sent',
  'received',
  'deleted',
  'deadLettered',
  'throttled',
  'rejected',
] as const;
export type QueueActivityKind = (typeof queueActivityKinds)[number];

export type QueueActivityTotals = Record<QueueActivityKind, number>;

function emptyTotals(): QueueActivityTotals {
  return { sent: 0, received: 0, deleted: 0, deadLettered: 0, throttled: 0, rejected: 0 };
}

/**
 * Running totals per queue id since the server started. Bounded by the number of queues the
 * metadata store holds: totals of a deleted queue are dropped by `retainOnly`.
 */
export class QueueActivity {
  readonly #totals = new Map<number, QueueActivityTotals>();

  add(queueId: number, kind: QueueActivityKind, count: number): void {
    if (count <= 0) return;
    let totals = this.#totals.get(queueId);
    if (totals === undefined) {
      totals = emptyTotals();
      this.#totals.set(queueId, totals);
    }
    totals[kind] += count;
  }

  totalsOf(queueId: number): Readonly<QueueActivityTotals> {
    return this.#totals.get(queueId) ?? emptyTotals();
  }

  retainOnly(existingQueueIds: ReadonlySet<number>): void {
    for (const queueId of this.#totals.keys())
      if (!existingQueueIds.has(queueId)) this.#totals.delete(queueId);
  }
}
