import type { ListQueueTagsInput, ListQueueTagsOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';

/** ListQueueTags: every tag of the queue (SQS omits Tags when there are none). */
export function listQueueTags(
  context: RequestContext,
  input: ListQueueTagsInput,
): ListQueueTagsOutput {
  const record = resolveQueue(context, input.QueueUrl);
  return Object.keys(record.tags).length === 0 ? {} : { Tags: { ...record.tags } };
}
