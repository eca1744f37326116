import type { GetQueueAttributesInput, GetQueueAttributesOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, resolveQueue } from '../queues/queue-directory.js';
import { defaultAttributes } from '../queues/queue-attributes.js';

/**
 * GetQueueAttributes: the named attributes ("All" for every one). Counts come from the partition
 * now; SQS calls them approximate, ours are exact at the moment of the call.
 */
export function getQueueAttributes(
  context: RequestContext,
  input: GetQueueAttributesInput,
): GetQueueAttributesOutput {
  const record = resolveQueue(context, input.QueueUrl);
  const requested = input.AttributeNames ?? [];
  if (requested.length === 0) return {};
  const all = requested.includes('All');
  const counters = context.services.partition.counters(record.id);
  const values: Record<string, string> = {
    ...defaultAttributes(record.fifo),
    ...record.attributes,
    QueueArn: arnOf(context, record),
    ApproximateNumberOfMessages: String(counters.visible),
    ApproximateNumberOfMessagesNotVisible: String(counters.inflight),
    ApproximateNumberOfMessagesDelayed: String(counters.delayed),
    CreatedTimestamp: String(Math.floor(record.createdAtMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(record.lastModifiedAtMs / 1000)),
  };
  const attributes: Record<string, string> = {};
  for (const name of all ? Object.keys(values) : requested) {
    const value = values[name];
    // Unset optional attributes (Policy, RedrivePolicy, ...) are omitted, as SQS omits them.
    if (value !== undefined && value !== '') attributes[name] = value;
  }
  return { Attributes: attributes };
}
