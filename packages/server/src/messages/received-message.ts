import { md5OfMessageAttributes, type Message, type MessageAttributeMap } from '@sluice/protocol';
import type { DeliveredMessage } from '@sluice/partition';
import type { RequestContext } from '../services.js';
import { decodeMessagePayload, type StoredAttributes } from './message-payload.js';
import { plainPayload } from '../encryption/message-sealer.js';
import { arnOf } from '../queues/queue-directory.js';

/** Which attributes a ReceiveMessage asked for. */
export interface AttributeSelection {
  readonly systemNames: readonly string[];
  readonly messageAttributeNames: readonly string[];
}

/** Turns a delivered message into the SQS Message shape, with only the attributes asked for. */
export function toSqsMessage(
  context: RequestContext,
  queueId: number,
  delivered: DeliveredMessage,
  selection: AttributeSelection,
): Message {
  const content = decodeMessagePayload(plainPayload(context.services.sealer, delivered.payload));
  const message: Message = {
    MessageId: delivered.messageId,
    ReceiptHandle: delivered.receiptHandle,
    MD5OfBody: content.md5OfBody,
    Body: content.body,
  };
  const system = systemAttributes(
    context,
    queueId,
    delivered,
    content.systemAttributes,
    selection.systemNames,
  );
  if (system !== undefined) message.Attributes = system;
  const attributes = selectMessageAttributes(content.attributes, selection.messageAttributeNames);
  if (attributes !== undefined) {
    message.MessageAttributes = attributes;
    // The digest covers the attributes returned, so SDKs can verify what they received.
    const complete =
      Object.keys(attributes).length === Object.keys(content.attributes ?? {}).length;
    const digest =
      complete && content.md5OfAttributes !== undefined
        ? content.md5OfAttributes
        : md5OfMessageAttributes(attributes);
    if (digest !== undefined) message.MD5OfMessageAttributes = digest;
  }
  return message;
}

function systemAttributes(
  context: RequestContext,
  queueId: number,
  delivered: DeliveredMessage,
  stored: StoredAttributes | undefined,
  names: readonly string[],
): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const all = names.includes('All');
  const wanted = (name: string): boolean => all || names.includes(name);
  const attributes: Record<string, string> = {};
  if (wanted('SenderId')) attributes['SenderId'] = context.accountId;
  if (wanted('SentTimestamp')) attributes['SentTimestamp'] = String(delivered.sentAtMs);
  if (wanted('ApproximateReceiveCount'))
    attributes['ApproximateReceiveCount'] = String(delivered.receiveCount);
  if (wanted('ApproximateFirstReceiveTimestamp')) {
    attributes['ApproximateFirstReceiveTimestamp'] = String(delivered.firstReceiveAtMs);
  }
  if (delivered.groupId !== undefined) {
    if (wanted('MessageGroupId')) attributes['MessageGroupId'] = delivered.groupId;
  }
  if (delivered.deduplicationId !== undefined && wanted('MessageDeduplicationId')) {
    attributes['MessageDeduplicationId'] = delivered.deduplicationId;
  }
  // The partition gives a SequenceNumber for messages of FIFO queues only.
  if (delivered.sequenceNumber !== undefined && wanted('SequenceNumber'))
    attributes['SequenceNumber'] = delivered.sequenceNumber;
  const trace = stored?.['AWSTraceHeader']?.StringValue;
  if (trace !== undefined && wanted('AWSTraceHeader')) attributes['AWSTraceHeader'] = trace;
  if (delivered.originQueueId !== queueId && wanted('DeadLetterQueueSourceArn')) {
    const origin = context.services.metadata.getQueueById(delivered.originQueueId);
    if (origin !== undefined) attributes['DeadLetterQueueSourceArn'] = arnOf(context, origin);
  }
  return attributes;
}

/** `All` or `.*` selects every attribute; `prefix.*` selects by prefix; other names exactly. */
function selectMessageAttributes(
  stored: StoredAttributes | undefined,
  names: readonly string[],
): MessageAttributeMap | undefined {
  if (stored === undefined || names.length === 0) return undefined;
  const selected: MessageAttributeMap = {};
  for (const [name, value] of Object.entries(stored)) {
    const match = names.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '.*' ||
        pattern === name ||
        (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
    );
    if (match) {
      selected[name] = {
        DataType: value.DataType,
        ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
        ...(value.BinaryValue === undefined ? {} : { BinaryValue: value.BinaryValue }),
      };
    }
  }
  return Object.keys(selected).length === 0 ? undefined : selected;
}
