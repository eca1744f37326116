import { sqsLimits } from '@sluice/core';
import type {
  ListDeadLetterSourceQueuesInput,
  ListDeadLetterSourceQueuesOutput,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { arnOf, queueUrl, resolveQueue } from '../queues/queue-directory.js';
import { storedRedrivePolicy } from '../queues/queue-attributes.js';
import { decodePageToken, encodePageToken } from '../queues/page-token.js';

/** ListDeadLetterSourceQueues: queues whose RedrivePolicy names this queue, paged by name. */
export function listDeadLetterSourceQueues(
  context: RequestContext,
  input: ListDeadLetterSourceQueuesInput,
): ListDeadLetterSourceQueuesOutput {
  const target = resolveQueue(context, input.QueueUrl);
  const targetArn = arnOf(context, target);
  const sources = context.services.metadata
    .listQueues()
    .filter(
      (queue) =>
        storedRedrivePolicy(queue.attributes['RedrivePolicy'])?.deadLetterTargetArn === targetArn,
    )
    .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const after =
    input.NextToken === undefined
      ? undefined
      : decodePageToken(input.NextToken, 'dead-letter-sources');
  const remaining = after === undefined ? sources : sources.filter((queue) => queue.name > after);
  const page = remaining.slice(0, input.MaxResults ?? sqsLimits.listQueuesResultsMax);
  const output: ListDeadLetterSourceQueuesOutput = {
    queueUrls: page.map((queue) => queueUrl(context, queue)),
  };
  const last = page.at(-1);
  if (input.MaxResults !== undefined && remaining.length > page.length && last !== undefined) {
    output.NextToken = encodePageToken(last.name, 'dead-letter-sources');
  }
  return output;
}
