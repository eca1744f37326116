import type { MetadataStore } from '../metadata/metadata-store.js';
import { storedRedrivePolicy } from './queue-attributes.js';
import { parseQueueArn } from '@sluice/protocol';

/**
 * The partition asks, per queue, where its dead letters go. The answer comes from each queue's
 * RedrivePolicy, resolved to a queue id; rebuilt whenever queues or policies change.
 */
export class DeadLetterTargets {
  #targets = new Map<number, number>();

  targetOf(queueId: number): number | undefined {
    return this.#targets.get(queueId);
  }

  rebuild(services: { readonly metadata: MetadataStore }): void {
    const targets = new Map<number, number>();
    for (const queue of services.metadata.listQueues()) {
      const redrive = storedRedrivePolicy(queue.attributes['RedrivePolicy']);
      if (redrive === undefined) continue;
      const arn = parseQueueArn(redrive.deadLetterTargetArn);
      if (arn === undefined) continue;
      const target = services.metadata.getQueue(arn.accountId, arn.queueName);
      if (target !== undefined) targets.set(queue.id, target.id);
    }
    this.#targets = targets;
  }
}

export function syncDeadLetterTargets(services: {
  readonly metadata: MetadataStore;
  readonly deadLetterTargets: DeadLetterTargets;
}): void {
  services.deadLetterTargets.rebuild(services);
}
