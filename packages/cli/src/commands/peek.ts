import { cliLimits } from '@sluice/core';
import { parsePeekDocument } from '../admin-documents.js';
import { integerFlag, stringFlag } from '../arguments.js';
import { UsageError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { formatPeek } from '../format/format-peek.js';
import { queueAddress } from '../queue-reference.js';

export const accountIdDefault = '000000000000';
export const peekCountDefault = 10;

export const peekCommand: Command = {
  words: ['peek'],
  summary: 'show messages without receiving them',
  positionals: [{ name: 'QUEUE', description: 'queue name or URL' }],
  flags: {
    count: {
      type: 'string',
      value: 'N',
      description: `show up to N messages (1-${cliLimits.peekCountMax}, default ${peekCountDefault})`,
    },
    account: {
      type: 'string',
      value: 'ID',
      description: `account that owns a queue given by name (default ${accountIdDefault})`,
    },
    ...clientFlags,
  },
  examples: ['sluice peek orders', 'sluice peek orders --count 50 --json'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const { flags } = invocation;
      const count =
        integerFlag(flags, 'count', { minimum: 1, maximum: cliLimits.peekCountMax }) ??
        peekCountDefault;
      const accountId = stringFlag(flags, 'account') ?? accountIdDefault;
      if (!/^[0-9]{12}$/.test(accountId))
        throw new UsageError(`--account must be 12 digits, not "${accountId}"`);
      const queue = queueAddress(positional(invocation, 'QUEUE'), accountId);
      const path = `/admin/v1/queues/${encodeURIComponent(queue.accountId)}/${encodeURIComponent(queue.name)}/messages?limit=${count}`;
      const answer = await session.adminGet(path);
      const peek = parsePeekDocument(answer);
      session.print(answer, () => formatPeek(peek));
      return exitCodes.ok;
    }),
};
