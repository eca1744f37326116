import { getAdminJson } from '../admin-client.js';
import { parseStatusDocument } from '../admin-documents.js';
import { exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, type Command } from '../command.js';
import { formatStatus } from '../format/format-status.js';

export const statusCommand: Command = {
  words: ['status'],
  summary: 'show the server and every queue with its depth',
  positionals: [],
  flags: { ...clientFlags },
  examples: ['sluice status', 'sluice status --endpoint http://10.0.0.5:9324 --json'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const answer = await getAdminJson(session.endpoint, '/admin/v1/status');
      const status = parseStatusDocument(answer);
      session.print(answer, () => formatStatus(session.endpoint, status));
      return exitCodes.ok;
    }),
};
