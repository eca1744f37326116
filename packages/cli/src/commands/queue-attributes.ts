import { exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { formatQueueAttributes } from '../format/format-queues.js';
import { resolveQueueUrl } from '../queue-reference.js';

export const queueAttributesCommand: Command = {
  words: ['queue', 'attributes'],
  summary: "print all of a queue's attributes",
  positionals: [{ name: 'NAME', description: 'queue name or URL' }],
  flags: { ...clientFlags },
  examples: ['sluice queue attributes orders'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'NAME'));
      const output = await sqs.client.send(
        new sqs.sdk.GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
      );
      const attributes = output.Attributes ?? {};
      session.print({ queueUrl, attributes }, () => formatQueueAttributes(attributes));
      return exitCodes.ok;
    }),
};
