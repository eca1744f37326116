import { exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { resolveQueueUrl } from '../queue-reference.js';

export const queuePurgeCommand: Command = {
  words: ['queue', 'purge'],
  summary: 'delete every message in a queue',
  positionals: [{ name: 'NAME', description: 'queue name or URL' }],
  flags: { ...clientFlags },
  examples: ['sluice queue purge orders'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'NAME'));
      await sqs.client.send(new sqs.sdk.PurgeQueueCommand({ QueueUrl: queueUrl }));
      session.print({ queueUrl, purged: true }, () => `purged ${queueUrl}\n`);
      return exitCodes.ok;
    }),
};
