import { SqsError, type EmptyOutput, type PurgeQueueInput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';

/** PurgeQueue: deletes every message sent before it; once per 60 seconds per queue. */
export async function purgeQueue(
  context: RequestContext,
  input: PurgeQueueInput,
): Promise<EmptyOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const outcome = await context.services.partition.purge(queue.id);
  if (outcome === 'inProgress') {
    throw new SqsError(
      'PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
    );
  }
  return {};
}
