/** How a batch entry that failed appears in a batch response's `Failed` list. */
import type { SqsError } from './errors.js';
import type { BatchResultErrorEntry } from './output-types.js';

export function batchResultErrorEntry(id: string, error: SqsError): BatchResultErrorEntry {
  const entry = error.entry;
  return {
    Id: id,
    SenderFault: entry.fault === 'Sender',
    Code: entry.queryCode,
    Message:
      entry.internal === true
        ? 'The request has failed due to a temporary failure of the server.'
        : error.message,
  };
}
