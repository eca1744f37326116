import type { QueueOverview } from '@sluice/core';
import type { Services } from '../services.js';

/**
 * One queue's state at one moment, as metrics, history and the admin overview show it: the
 * overview row's current numbers (@sluice/core's QueueOverview), plus the queue's id and key.
 */
export interface QueueSnapshot extends Pick<
  QueueOverview,
  'accountId' | 'name' | 'fifo' | 'visible' | 'inflight' | 'delayed' | 'oldestAgeSeconds'
> {
  readonly id: number;
  /** `account/name`: stable and unique, the key of labels and histories. */
  readonly key: string;
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
