/**
 * Batch requests (SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch): 1 to 10
 * entries, each Id 1-80 alphanumeric, hyphen or underscore characters and distinct; a send batch
 * no larger in total than the 1 MiB message maximum.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';
import type { SendMessageBatchRequestEntry } from './input-types.js';
import { hasOnlyNameCharacters } from './validate-queue-name.js';
import { messageSizeBytes } from './validate-message.js';

export function validateBatchEntries(
  entries: readonly { readonly Id: string }[],
  entryName: string,
): void {
  if (entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      `There should be at least one ${entryName} in the request.`,
    );
  }
  if (entries.length > sqsLimits.batchEntryCountMax) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${sqsLimits.batchEntryCountMax}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!isValidBatchEntryId(entry.Id)) throw new SqsError('InvalidBatchEntryId');
    if (seen.has(entry.Id)) {
      throw new SqsError('BatchEntryIdsNotDistinct', `Id ${entry.Id} repeated.`);
    }
    seen.add(entry.Id);
  }
}

export function isValidBatchEntryId(id: string): boolean {
  return id.length > 0 && id.length <= sqsLimits.batchEntryIdLengthMax && hasOnlyNameCharacters(id);
}

/** The whole batch's messages, with their attributes, may not exceed the message maximum. */
export function validateBatchSize(entries: readonly SendMessageBatchRequestEntry[]): void {
  let total = 0;
  for (const entry of entries)
    total += messageSizeBytes(entry.MessageBody, entry.MessageAttributes);
  if (total > sqsLimits.batchRequestBytesMax) {
    throw new SqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${sqsLimits.batchRequestBytesMax} bytes. You have sent ${total} bytes.`,
    );
  }
}
