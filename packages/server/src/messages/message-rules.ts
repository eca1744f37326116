import { createHash } from 'node:crypto';
import { sqsLimits } from '@sluice/core';
import {
  SqsError,
  messageSizeBytes,
  validateSendForQueue,
  type SendMessageBatchRequestEntry,
} from '@sluice/protocol';
import type { QueueRecord } from '../metadata/metadata-store.js';

/**
 * Send rules that depend on the queue (the protocol package has checked the message's own form):
 * its type's rules and its MaximumMessageSize. Returns the deduplication id to use on a FIFO
 * queue (explicit, or the SHA-256 of the body with content-based deduplication) and the size.
 */
export function checkSendForQueue(
  queue: QueueRecord,
  entry: Omit<SendMessageBatchRequestEntry, 'Id'>,
): { deduplicationId: string | undefined; sizeBytes: number } {
  const contentBasedDeduplication = queue.attributes['ContentBasedDeduplication'] === 'true';
  validateSendForQueue(entry, { fifo: queue.fifo, contentBasedDeduplication });
  const sizeBytes = messageSizeBytes(entry.MessageBody, entry.MessageAttributes);
  const maximum = Number(
    queue.attributes['MaximumMessageSize'] ?? sqsLimits.maximumMessageSizeDefault,
  );
  if (sizeBytes > maximum) {
    throw new SqsError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`,
    );
  }
  if (!queue.fifo) return { deduplicationId: undefined, sizeBytes };
  const deduplicationId =
    entry.MessageDeduplicationId ??
    createHash('sha256').update(entry.MessageBody, 'utf8').digest('hex');
  return { deduplicationId, sizeBytes };
}
