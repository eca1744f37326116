import { formatKeyValues } from './table.js';
import { formatTimestampMs } from './units.js';

/** A received message as `--json` prints it: the SQS fields in camelCase, binary as base64. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, MessageAttributeDocument>;
}

export interface MessageAttributeDocument {
  dataType: string;
  stringValue?: string;
  /** Base64 of the bytes. */
  binaryValue?: string;
}

/**
 * `sluice receive` as text: one block of `Key: value` lines per message, blank-line separated.
 * Bodies are escaped to one line; `--json` has them verbatim.
 */
export function formatReceivedMessages(messages: readonly ReceivedMessage[]): string {
  if (messages.length === 0) return 'no messages\n';
  return messages.map(formatReceivedMessage).join('\n');
}

function formatReceivedMessage(message: ReceivedMessage): string {
  const pairs: [string, string][] = [['MessageId', message.messageId]];
  const sent = message.attributes['SentTimestamp'];
  if (sent !== undefined) pairs.push(['Sent', formatTimestampMs(Number(sent))]);
  const receiveCount = message.attributes['ApproximateReceiveCount'];
  if (receiveCount !== undefined) pairs.push(['ReceiveCount', receiveCount]);
  const group = message.attributes['MessageGroupId'];
  if (group !== undefined) pairs.push(['Group', group]);
  for (const name of Object.keys(message.messageAttributes).sort()) {
    const attribute = message.messageAttributes[name];
    if (attribute !== undefined) pairs.push(['Attribute', formatAttribute(name, attribute)]);
  }
  pairs.push(['Body', message.body]);
  return formatKeyValues(pairs);
}

function formatAttribute(name: string, attribute: MessageAttributeDocument): string {
  const value = attribute.stringValue ?? `base64:${attribute.binaryValue ?? ''}`;
  return `${name}=${value} (${attribute.dataType})`;
}
