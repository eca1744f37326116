import { SqsError } from '@sluice/protocol';

/** The queue is at capacity: a retryable throttling error, so SDKs back off and retry. */
export function queueFull(queueName: string): SqsError {
  return new SqsError('ThrottlingException', `Queue ${queueName} is full; retry later.`);
}
