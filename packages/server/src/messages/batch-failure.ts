import { batchResultErrorEntry, isSqsError, type BatchResultErrorEntry } from '@sluice/protocol';

/** One failed batch entry. Only SQS errors become entries; anything else is a bug and propagates. */
export function batchFailure(id: string, error: unknown): BatchResultErrorEntry {
  if (!isSqsError(error)) throw error;
  return batchResultErrorEntry(id, error);
}
