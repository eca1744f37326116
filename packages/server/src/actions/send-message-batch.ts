import {
  digestBodies,
  SqsError,
  type BatchResultErrorEntry,
  type SendMessageBatchInput,
  type SendMessageBatchOutput,
  type SendMessageBatchResultEntry,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { resolveQueue } from '../queues/queue-directory.js';
import { prepareSend, type PreparedSend } from '../messages/prepare-send.js';
import { batchFailure } from '../messages/batch-failure.js';
import { queueFull } from '../messages/queue-full.js';

/**
 * SendMessageBatch: entries that fail validation are reported in Failed; the rest are stored
 * together (one group commit) and answered once durable.
 */
export async function sendMessageBatch(
  context: RequestContext,
  input: SendMessageBatchInput,
): Promise<SendMessageBatchOutput> {
  const queue = resolveQueue(context, input.QueueUrl);
  const failed: BatchResultErrorEntry[] = [];
  const accepted: { id: string; prepared: PreparedSend }[] = [];
  // Every body that passed the protocol's checks is encoded and hashed in one pass; each is
  // copied into its payload below, before anything else can reuse digestBodies' scratch.
  const valid = input.Entries.filter((entry) => !context.failedEntries.has(entry.Id));
  const { md5s, utf8 } = digestBodies(valid.map((entry) => entry.MessageBody));
  let validIndex = 0;
  for (const entry of input.Entries) {
    const invalid = context.failedEntries.get(entry.Id);
    if (invalid !== undefined) {
      failed.push(batchFailure(entry.Id, invalid));
      continue;
    }
    const digested = { md5: md5s[validIndex]!, utf8: utf8[validIndex]! };
    validIndex++;
    try {
      const prepared = prepareSend(queue, entry, context.services.sealer, digested);
      accepted.push({ id: entry.Id, prepared });
    } catch (error) {
      failed.push(batchFailure(entry.Id, error));
    }
  }
  if (accepted.length > 0) {
    const bytes = accepted.reduce((total, entry) => total + entry.prepared.request.bodyBytes, 0);
    const { frontEnd, partition } = context.services;
    frontEnd.backPressure.check(
      queue.id,
      queue.name,
      partition.counters(queue.id),
      accepted.length,
      bytes,
    );
  }
  const results = await context.services.partition.send(
    queue.id,
    accepted.map((entry) => entry.prepared.request),
  );
  const successful: SendMessageBatchResultEntry[] = [];
  accepted.forEach(({ id, prepared }, index) => {
    const result = results[index];
    if (result === undefined) throw new SqsError('InternalError');
    if (result.kind === 'full') {
      failed.push(batchFailure(id, queueFull(queue.name)));
      return;
    }
    const entry: SendMessageBatchResultEntry = {
      Id: id,
      MessageId: result.messageId,
      MD5OfMessageBody: prepared.md5OfBody,
    };
    if (prepared.md5OfAttributes !== undefined)
      entry.MD5OfMessageAttributes = prepared.md5OfAttributes;
    if (prepared.md5OfSystemAttributes !== undefined) {
      entry.MD5OfMessageSystemAttributes = prepared.md5OfSystemAttributes;
    }
    if (result.sequenceNumber !== undefined) entry.SequenceNumber = result.sequenceNumber;
    successful.push(entry);
  });
  return { Successful: successful, Failed: failed };
}
