/**
 * ReceiveMessage: MaxNumberOfMessages 1-10, VisibilityTimeout 0-43200, WaitTimeSeconds 0-20,
 * known system attribute names, and a well-formed ReceiveRequestAttemptId.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError, invalidParameterValue } from './errors.js';
import type { ReceiveMessageInput } from './input-types.js';
import { isMessageSystemAttributeName } from './attribute-names.js';
import { validateFifoId } from './validate-fifo.js';
import { validateRange } from './validate-range.js';

export function validateReceiveMessage(input: ReceiveMessageInput): void {
  validateRange(
    'MaxNumberOfMessages',
    input.MaxNumberOfMessages,
    1,
    sqsLimits.receiveCountMax,
    `Must be between 1 and ${sqsLimits.receiveCountMax}, if provided.`,
  );
  validateRange(
    'VisibilityTimeout',
    input.VisibilityTimeout,
    0,
    sqsLimits.visibilityTimeoutSecondsMax,
  );
  validateRange('WaitTimeSeconds', input.WaitTimeSeconds, 0, sqsLimits.waitTimeSecondsMax);
  validateSystemAttributeNames(input.AttributeNames);
  validateSystemAttributeNames(input.MessageSystemAttributeNames);
  validateMessageAttributeNames(input.MessageAttributeNames);
  validateFifoId('ReceiveRequestAttemptId', input.ReceiveRequestAttemptId);
}

function validateSystemAttributeNames(names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    if (!isMessageSystemAttributeName(name)) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
}

/** Names, `All`, `.*` or a prefix ending in `.*`: only their length can be wrong. */
function validateMessageAttributeNames(names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    if (name.length === 0 || name.length > sqsLimits.messageAttributeNameLengthMax) {
      throw invalidParameterValue(
        'MessageAttributeName',
        name,
        `Message attribute names must be 1 to ${sqsLimits.messageAttributeNameLengthMax} characters long.`,
      );
    }
  }
}
