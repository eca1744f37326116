import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { sqsLimits } from '@sluice/core';
import { booleanFlag, integerFlag } from '../arguments.js';
import { ServerError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import {
  formatReceivedMessages,
  type MessageAttributeDocument,
  type ReceivedMessage,
} from '../format/format-messages.js';
import { resolveQueueUrl } from '../queue-reference.js';
import type { Sqs } from '../sqs-client.js';

export const receiveCommand: Command = {
  words: ['receive'],
  summary: 'receive, print and delete messages (--keep: do not delete)',
  positionals: [{ name: 'QUEUE', description: 'queue name or URL' }],
  flags: {
    count: {
      type: 'string',
      value: 'N',
      description: 'receive up to N messages (1-10, default 1)',
    },
    wait: {
      type: 'string',
      value: 'S',
      description: 'long-poll up to S seconds for a message (0-20)',
    },
    visibility: { type: 'string', value: 'S', description: 'hide received messages for S seconds' },
    keep: { type: 'boolean', description: 'do not delete what was received (it reappears later)' },
    ...clientFlags,
  },
  examples: ['sluice receive orders', 'sluice receive orders --count 10 --wait 20 --json'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const { flags } = invocation;
      const request = {
        MaxNumberOfMessages: integerFlag(flags, 'count', {
          minimum: 1,
          maximum: sqsLimits.receiveCountMax,
        }),
        WaitTimeSeconds: integerFlag(flags, 'wait', {
          minimum: 0,
          maximum: sqsLimits.waitTimeSecondsMax,
        }),
        VisibilityTimeout: integerFlag(flags, 'visibility', {
          minimum: 0,
          maximum: sqsLimits.visibilityTimeoutSecondsMax,
        }),
      };
      const keep = booleanFlag(flags, 'keep');
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'QUEUE'));
      const output = await sqs.client.send(
        new sqs.sdk.ReceiveMessageCommand({
          QueueUrl: queueUrl,
          ...request,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const messages = (output.Messages ?? []).map(toReceivedMessage);
      // Printed even when the delete fails: they were received, and will reappear later.
      let deleteError: Error | undefined;
      if (!keep && messages.length > 0) {
        deleteError = await deleteMessages(sqs, queueUrl, messages).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
      }
      const deleted = !keep && messages.length > 0 && deleteError === undefined;
      session.print({ messages, deleted }, () => formatReceivedMessages(messages));
      if (deleteError !== undefined) throw deleteError;
      return exitCodes.ok;
    }),
};

/** Deletes what was received in one batch (a receive returns at most 10, a batch's maximum). */
async function deleteMessages(
  { sdk, client }: Sqs,
  queueUrl: string,
  messages: readonly ReceivedMessage[],
): Promise<void> {
  const output = await client.send(
    new sdk.DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((message, index) => ({
        Id: String(index),
        ReceiptHandle: message.receiptHandle,
      })),
    }),
  );
  const failure = output.Failed?.[0];
  if (failure !== undefined) {
    const message = messages[Number(failure.Id)];
    throw new ServerError(
      failure.Code ?? 'DeleteFailed',
      `could not delete message ${message?.messageId ?? failure.Id ?? ''}: ${failure.Message ?? ''}`,
    );
  }
}

export function toReceivedMessage(message: Message): ReceivedMessage {
  const messageAttributes: Record<string, MessageAttributeDocument> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = toAttributeDocument(value);
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    md5OfBody: message.MD5OfBody ?? '',
    attributes: { ...message.Attributes },
    messageAttributes,
  };
}

function toAttributeDocument(value: MessageAttributeValue): MessageAttributeDocument {
  const document: MessageAttributeDocument = { dataType: value.DataType ?? 'String' };
  if (value.StringValue !== undefined) document.stringValue = value.StringValue;
  if (value.BinaryValue !== undefined) {
    document.binaryValue = Buffer.from(value.BinaryValue).toString('base64');
  }
  return document;
}
