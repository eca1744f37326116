import { parseStatusDocument } from '../admin-documents.js';
import { exitCodes, ServerError } from '../cli-errors.js';
import { withClientSession, type ClientSession } from '../client-session.js';
import { clientFlags, type Command } from '../command.js';
import { formatStatus } from '../format/format-status.js';
import { parseOverviewDocument, vitalsSection, type OverviewView } from './top.js';

export const statusCommand: Command = {
  words: ['status'],
  summary: 'show the server and every queue with its depth',
  positionals: [],
  flags: { ...clientFlags },
  examples: ['sluice status', 'sluice status --endpoint http://10.0.0.5:9324 --json'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const answer = await session.adminGet('/admin/v1/status');
      const status = parseStatusDocument(answer);
      const overview = await overviewIfServed(session);
      session.print(answer, () => {
        const text = formatStatus(session.endpoint, status);
        return overview === undefined ? text : `${text}\n${vitalsSection(overview)}`;
      });
      return exitCodes.ok;
    }),
};

/** The server's vitals, when it serves /admin/v1/overview (servers before the dashboard do not). */
async function overviewIfServed(session: ClientSession): Promise<OverviewView | undefined> {
  try {
    return parseOverviewDocument(await session.adminGet('/admin/v1/overview'));
  } catch (error) {
    if (error instanceof ServerError) return undefined;
    throw error;
  }
}
