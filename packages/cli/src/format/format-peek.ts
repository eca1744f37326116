import type { PeekDocument } from '../admin-documents.js';
import { formatTable } from './table.js';
import { truncate } from './text.js';
import { formatTimestampMs } from './units.js';

/** Characters of a body shown in the peek table; `--json` has the whole body. */
export const peekBodyPreviewLengthMax = 60;

/** `sluice peek` as text: one row per message with a one-line preview of its body. */
export function formatPeek(peek: PeekDocument): string {
  if (peek.messages.length === 0) return 'no messages\n';
  const grouped = peek.messages.some((message) => message.messageGroupId !== undefined);
  const columns = [
    { title: 'message id' },
    { title: 'sent' },
    { title: 'receives', align: 'right' as const },
    ...(grouped ? [{ title: 'group' }] : []),
    { title: 'body' },
  ];
  const rows = peek.messages.map((message) => [
    message.messageId,
    formatTimestampMs(message.sentTimestamp),
    String(message.receiveCount),
    ...(grouped ? [message.messageGroupId ?? '-'] : []),
    truncate(message.body, peekBodyPreviewLengthMax),
  ]);
  return formatTable(columns, rows);
}
