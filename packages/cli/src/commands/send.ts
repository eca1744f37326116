import { sqsLimits } from '@sluice/core';
import { integerFlag, stringFlag, stringListFlag } from '../arguments.js';
import { CommandError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { parseMessageAttributes } from '../message-attributes.js';
import { resolveQueueUrl } from '../queue-reference.js';
import { readStdinText } from '../read-stdin.js';

export const sendCommand: Command = {
  words: ['send'],
  summary: 'send one message and print its MessageId',
  positionals: [
    { name: 'QUEUE', description: 'queue name or URL' },
    { name: 'BODY', description: 'message body; - reads it from stdin' },
  ],
  flags: {
    group: { type: 'string', value: 'G', description: 'MessageGroupId (FIFO queues)' },
    'dedup-id': { type: 'string', value: 'D', description: 'MessageDeduplicationId (FIFO queues)' },
    delay: {
      type: 'string',
      value: 'S',
      description: 'seconds before the message can be received (0-900)',
    },
    attribute: {
      type: 'string',
      multiple: true,
      value: 'K=V',
      description: 'message attribute: NAME=VALUE (String) or NAME:TYPE=VALUE',
    },
    ...clientFlags,
  },
  examples: [
    'sluice send orders \'{"id":42}\'',
    'sluice send payments.fifo "charge 42" --group customer-7 --dedup-id charge-42',
    'echo hello | sluice send orders - --attribute source=cli --attribute retries:Number=0',
  ],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const { flags, context } = invocation;
      const delaySeconds = integerFlag(flags, 'delay', {
        minimum: 0,
        maximum: sqsLimits.delaySecondsMax,
      });
      const attributes = parseMessageAttributes(stringListFlag(flags, 'attribute'));
      const bodyArgument = positional(invocation, 'BODY');
      const body =
        bodyArgument === '-'
          ? await readStdinText(context.stdin, sqsLimits.messageBytesMax)
          : bodyArgument;
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'QUEUE'));
      const output = await sqs.client.send(
        new sqs.sdk.SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageGroupId: stringFlag(flags, 'group'),
          MessageDeduplicationId: stringFlag(flags, 'dedup-id'),
          DelaySeconds: delaySeconds,
          MessageAttributes: Object.keys(attributes).length === 0 ? undefined : attributes,
        }),
      );
      const messageId = output.MessageId;
      if (messageId === undefined) throw new CommandError('the server returned no MessageId');
      const document = {
        messageId,
        md5OfMessageBody: output.MD5OfMessageBody,
        sequenceNumber: output.SequenceNumber,
      };
      session.print(document, () => `${messageId}\n`);
      return exitCodes.ok;
    }),
};
