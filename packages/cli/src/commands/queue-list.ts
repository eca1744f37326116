import { cliLimits, sqsLimits } from '@sluice/core';
import { stringFlag } from '../arguments.js';
import { CommandError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, type Command } from '../command.js';
import { formatQueueList, queueNameFromUrl, type ListedQueue } from '../format/format-queues.js';
import type { Sqs } from '../sqs-client.js';

export const queueListCommand: Command = {
  words: ['queue', 'list'],
  summary: 'list queues, optionally by name prefix',
  positionals: [],
  flags: {
    prefix: { type: 'string', value: 'P', description: 'only queues whose name starts with P' },
    ...clientFlags,
  },
  examples: ['sluice queue list', 'sluice queue list --prefix orders --json'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const prefix = stringFlag(invocation.flags, 'prefix');
      const urls = await listAllQueueUrls(await session.sqs(), prefix);
      const queues: ListedQueue[] = urls.map((url) => ({ name: queueNameFromUrl(url), url }));
      session.print({ queues }, () => formatQueueList(queues));
      return exitCodes.ok;
    }),
};

/** Follows NextToken until the last page (bounded: a server cannot keep us paging forever). */
async function listAllQueueUrls(
  { sdk, client }: Sqs,
  prefix: string | undefined,
): Promise<string[]> {
  const urls: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < cliLimits.listQueuesPageCountMax; page++) {
    const output = await client.send(
      new sdk.ListQueuesCommand({
        QueueNamePrefix: prefix,
        MaxResults: sqsLimits.listQueuesResultsMax,
        NextToken: nextToken,
      }),
    );
    urls.push(...(output.QueueUrls ?? []));
    nextToken = output.NextToken;
    if (nextToken === undefined || nextToken === '') return urls;
  }
  throw new CommandError(
    `the server was still returning NextToken after ${cliLimits.listQueuesPageCountMax} pages`,
  );
}
