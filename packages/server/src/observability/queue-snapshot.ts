import type { Services } from '../services.js';

/** One queue's state at one moment, as metrics, history and the admin overview show it. */
export interface QueueSnapshot {
  readonly id: number;
  /** `account/name`: stable and unique, the key of labels and histories. */
  readonly key: string;
  readonly accountId: string;
  readonly name: string;
  readonly fifo: boolean;
  readonly visible: number;
  readonly inflight: number;
  readonly delayed: number;
  readonly oldestAgeSeconds: number;
}

/**
 * Reads every queue's counters from the partition (in memory; no disk access). Queues the
 * metadata lists but the partition does not hold yet (a CreateQueue between its two steps, or
 * one that restart reconciliation has not reached) are skipped rather than failing the read.
 */
export function queueSnapshots(services: Services): QueueSnapshot[] {
  const nowMs = services.clock.nowMs();
  const queues = services.metadata.listQueues();
  return queues
    .filter((queue) => services.partition.hasQueue(queue.id))
    .map((queue) => {
      const counters = services.partition.counters(queue.id);
      return {
        id: queue.id,
        key: `${queue.accountId}/${queue.name}`,
        accountId: queue.accountId,
        name: queue.name,
        fifo: queue.fifo,
        visible: counters.visible,
        inflight: counters.inflight,
        delayed: counters.delayed,
        oldestAgeSeconds:
          counters.oldestSentAtMs === undefined
            ? 0
            : Math.max(0, Math.floor((nowMs - counters.oldestSentAtMs) / 1000)),
      };
    });
}
