/**
 * The stateless rules of one message to send (SendMessage, or one SendMessageBatch entry): body,
 * message attributes, system attributes, size, delay and FIFO ids. Queue-dependent rules (the
 * queue's MaximumMessageSize, FIFO-only parameters) are the server's: see validateSendForQueue.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';
import type {
  MessageSystemAttributeMapForSends,
  SendMessageBatchRequestEntry,
} from './input-types.js';
import { messageSystemAttributeNamesForSends } from './attribute-names.js';
import { validateFifoId } from './validate-fifo.js';
import { validateMessageAttributes } from './validate-message-attributes.js';
import { messageSizeBytes, validateMessageBody, validateMessageSize } from './validate-message.js';
import { validateRange } from './validate-range.js';

export type MessageToSend = Omit<SendMessageBatchRequestEntry, 'Id'>;

/**
 * `xmlSafeText`: the request's bytes already rule out every character XML 1.0 refuses
 * (ParsedRequest.xmlSafeText), so the body and attribute values are not scanned for them.
 */
export function validateMessageToSend(message: MessageToSend, xmlSafeText = false): void {
  validateMessageBody(message.MessageBody, 'MessageBody', xmlSafeText);
  validateRange(
    'DelaySeconds',
    message.DelaySeconds,
    0,
    sqsLimits.delaySecondsMax,
    `DelaySeconds must be >= 0 and <= ${sqsLimits.delaySecondsMax}.`,
  );
  if (message.MessageAttributes !== undefined) {
    validateMessageAttributes(message.MessageAttributes, xmlSafeText);
  }
  if (message.MessageSystemAttributes !== undefined) {
    validateMessageSystemAttributes(message.MessageSystemAttributes);
  }
  validateMessageSize(messageSizeBytes(message.MessageBody, message.MessageAttributes));
  validateFifoId('MessageDeduplicationId', message.MessageDeduplicationId);
  validateFifoId('MessageGroupId', message.MessageGroupId);
}

/** Only AWSTraceHeader may be sent, as a non-empty String. */
export function validateMessageSystemAttributes(
  attributes: Readonly<MessageSystemAttributeMapForSends>,
): void {
  const allowed: readonly string[] = messageSystemAttributeNamesForSends;
  for (const name of Object.keys(attributes)) {
    if (!allowed.includes(name)) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message system attribute name '${name}' is invalid.`,
      );
    }
    const value = attributes[name];
    if (
      value?.DataType !== 'String' ||
      value.StringValue === undefined ||
      value.StringValue === ''
    ) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message system attribute '${name}' must contain a non-empty value of type 'String'.`,
      );
    }
  }
}
