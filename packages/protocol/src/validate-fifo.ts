/**
 * FIFO message parameters. Stateless rules (the ids' syntax) are checked for every request;
 * rules that depend on the queue's type are exported for the server, which knows the queue.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError, invalidParameterValue, missingParameter } from './errors.js';

/**
 * MessageDeduplicationId, MessageGroupId and ReceiveRequestAttemptId: 1 to 128 characters, each
 * alphanumeric or punctuation (printable ASCII, #x21 to #x7E).
 */
export function validateFifoId(parameterName: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value.length === 0 || value.length > sqsLimits.fifoIdLengthMax || !isPrintableAscii(value)) {
    throw invalidParameterValue(
      parameterName,
      value,
      `${parameterName} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}

function isPrintableAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

export interface QueueKind {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
}

export interface SendParameters {
  readonly DelaySeconds?: number;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

/**
 * The queue-dependent rules of SendMessage and of each SendMessageBatch entry. Standard queues
 * take a MessageGroupId (fair queues) but no MessageDeduplicationId; FIFO queues require a
 * MessageGroupId, a MessageDeduplicationId unless content-based deduplication is on, and take no
 * per-message delay.
 */
export function validateSendForQueue(parameters: SendParameters, queue: QueueKind): void {
  if (!queue.fifo) {
    if (parameters.MessageDeduplicationId !== undefined) {
      throw notValidForQueueType('MessageDeduplicationId', parameters.MessageDeduplicationId);
    }
    return;
  }
  if (parameters.MessageGroupId === undefined) throw missingParameter('MessageGroupId');
  if (parameters.MessageDeduplicationId === undefined && !queue.contentBasedDeduplication) {
    throw new SqsError(
      'InvalidParameterValue',
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
  if (parameters.DelaySeconds !== undefined && parameters.DelaySeconds !== 0) {
    throw notValidForQueueType('DelaySeconds', parameters.DelaySeconds);
  }
}

function notValidForQueueType(name: string, value: unknown): SqsError {
  return invalidParameterValue(
    name,
    value,
    'The request include parameter that is not valid for this queue type.',
  );
}
