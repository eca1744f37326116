import type { EmptyOutput, SetQueueAttributesInput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { toQueueConfig } from '../queues/queue-attributes.js';
import { checkQueueAttributes } from '../queues/queue-validation.js';
import { syncDeadLetterTargets } from '../queues/dead-letter-targets.js';

/** SetQueueAttributes: stores the attributes; an empty value removes Policy/RedrivePolicy. */
export async function setQueueAttributes(
  context: RequestContext,
  input: SetQueueAttributesInput,
): Promise<EmptyOutput> {
  const record = resolveQueue(context, input.QueueUrl);
  checkQueueAttributes(context, input.Attributes, record.fifo, 'set');
  const attributes: Record<string, string> = { ...record.attributes };
  for (const [name, value] of Object.entries(input.Attributes)) {
    if (value === '') delete attributes[name];
    else attributes[name] = value;
  }
  await context.services.metadata.updateQueue({
    ...record,
    attributes,
    lastModifiedAtMs: context.services.clock.nowMs(),
  });
  await context.services.partition.configureQueue(
    record.id,
    toQueueConfig(attributes, record.fifo),
  );
  syncDeadLetterTargets(context.services);
  return {};
}
