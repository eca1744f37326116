import type { EmptyOutput, UntagQueueInput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';

/** UntagQueue: removes the named tags; names that are not set are ignored, as in SQS. */
export async function untagQueue(
  context: RequestContext,
  input: UntagQueueInput,
): Promise<EmptyOutput> {
  const record = resolveQueue(context, input.QueueUrl);
  const tags: Record<string, string> = { ...record.tags };
  for (const key of input.TagKeys) delete tags[key];
  await context.services.metadata.updateQueue({ ...record, tags });
  return {};
}
