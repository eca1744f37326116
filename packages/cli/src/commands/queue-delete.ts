import { exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { resolveQueueUrl } from '../queue-reference.js';

export const queueDeleteCommand: Command = {
  words: ['queue', 'delete'],
  summary: 'delete a queue and its messages',
  positionals: [{ name: 'NAME', description: 'queue name or URL' }],
  flags: { ...clientFlags },
  examples: ['sluice queue delete orders'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'NAME'));
      await sqs.client.send(new sqs.sdk.DeleteQueueCommand({ QueueUrl: queueUrl }));
      session.print({ queueUrl, deleted: true }, () => `deleted ${queueUrl}\n`);
      return exitCodes.ok;
    }),
};
