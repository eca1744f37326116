import { sqsLimits } from '@sluice/core';
import { SqsError, type EmptyOutput, type TagQueueInput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';

/** TagQueue: adds or replaces tags; a queue holds at most 50. */
export async function tagQueue(
  context: RequestContext,
  input: TagQueueInput,
): Promise<EmptyOutput> {
  const record = resolveQueue(context, input.QueueUrl);
  const tags = { ...record.tags, ...input.Tags };
  if (Object.keys(tags).length > sqsLimits.tagCountMax) {
    throw new SqsError('InvalidParameterValue', `Too many tags added for queue ${record.name}.`);
  }
  await context.services.metadata.updateQueue({ ...record, tags });
  return {};
}
