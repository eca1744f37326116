import { sqsLimits } from '@sluice/core';
import { SqsError, type ListQueuesInput, type ListQueuesOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { queueUrl } from '../queues/queue-directory.js';
import { decodePageToken, encodePageToken } from '../queues/page-token.js';

/**
 * ListQueues: the caller's queues whose names start with the prefix, sorted by name. Without
 * MaxResults SQS returns up to 1,000 and no token; with it, pages of MaxResults and a NextToken.
 */
export function listQueues(context: RequestContext, input: ListQueuesInput): ListQueuesOutput {
  const prefix = input.QueueNamePrefix ?? '';
  if (input.NextToken !== undefined && input.MaxResults === undefined) {
    throw new SqsError(
      'InvalidParameterValue',
      'MaxResults is a mandatory parameter when you provide a value for NextToken.',
    );
  }
  const names = context.services.metadata
    .listQueues(context.accountId)
    .filter((queue) => queue.name.startsWith(prefix))
    .sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const after =
    input.NextToken === undefined ? undefined : decodePageToken(input.NextToken, 'list-queues');
  const remaining = after === undefined ? names : names.filter((queue) => queue.name > after);
  const pageSize = input.MaxResults ?? sqsLimits.listQueuesResultsMax;
  const page = remaining.slice(0, pageSize);
  const output: ListQueuesOutput = { QueueUrls: page.map((queue) => queueUrl(context, queue)) };
  const last = page.at(-1);
  if (input.MaxResults !== undefined && remaining.length > page.length && last !== undefined) {
    output.NextToken = encodePageToken(last.name, 'list-queues');
  }
  return output;
}
