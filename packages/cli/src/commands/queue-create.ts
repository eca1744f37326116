import { booleanFlag, parseKeyValue, stringListFlag } from '../arguments.js';
import { CommandError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';

export const queueCreateCommand: Command = {
  words: ['queue', 'create'],
  summary: 'create a queue (NAME.fifo: a FIFO queue), print its URL',
  positionals: [{ name: 'NAME', description: 'queue name; FIFO queue names end in .fifo' }],
  flags: {
    fifo: { type: 'boolean', description: 'create a FIFO queue (FifoQueue=true)' },
    attribute: {
      type: 'string',
      multiple: true,
      value: 'K=V',
      description: 'queue attribute, e.g. VisibilityTimeout=60',
    },
    ...clientFlags,
  },
  examples: [
    'sluice queue create orders',
    'sluice queue create payments.fifo --attribute ContentBasedDeduplication=true',
  ],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const name = positional(invocation, 'NAME');
      const attributes = queueAttributesFromFlags(
        stringListFlag(invocation.flags, 'attribute'),
        booleanFlag(invocation.flags, 'fifo') || name.endsWith('.fifo'),
      );
      const sqs = await session.sqs();
      const output = await sqs.client.send(
        new sqs.sdk.CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      const queueUrl = output.QueueUrl;
      if (queueUrl === undefined) throw new CommandError('the server returned no queue URL');
      session.print({ queueUrl }, () => `${queueUrl}\n`);
      return exitCodes.ok;
    }),
};

/** `--attribute K=V` pairs as CreateQueue Attributes, with FifoQueue=true for FIFO queues. */
export function queueAttributesFromFlags(
  pairs: readonly string[],
  fifo: boolean,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of pairs) {
    const { key, value } = parseKeyValue(pair, 'attribute');
    attributes[key] = value;
  }
  if (fifo) attributes['FifoQueue'] = 'true';
  return attributes;
}
