import { SqsError, type GetQueueUrlInput, type GetQueueUrlOutput } from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { queueUrl } from '../queues/queue-directory.js';

/** GetQueueUrl: by name, in the caller's account or the one named by QueueOwnerAWSAccountId. */
export function getQueueUrl(context: RequestContext, input: GetQueueUrlInput): GetQueueUrlOutput {
  const accountId = input.QueueOwnerAWSAccountId ?? context.accountId;
  const record = context.services.metadata.getQueue(accountId, input.QueueName);
  if (record === undefined) throw new SqsError('QueueDoesNotExist');
  return { QueueUrl: queueUrl(context, record) };
}
