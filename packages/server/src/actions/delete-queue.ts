import type { DeleteQueueInput, EmptyOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { syncDeadLetterTargets } from '../queues/dead-letter-targets.js';

/**
 * DeleteQueue: the queue and its messages go at once; its name is held for 60 seconds
 * (QueueDeletedRecently). Long polls waiting on it end with no messages.
 */
export async function deleteQueue(
  context: RequestContext,
  input: DeleteQueueInput,
): Promise<EmptyOutput> {
  const record = resolveQueue(context, input.QueueUrl);
  const { metadata, partition, waiters, clock } = context.services;
  await metadata.deleteQueue(record.id, clock.nowMs());
  await partition.dropQueue(record.id);
  waiters.releaseAll(record.id);
  syncDeadLetterTargets(context.services);
  return {};
}
