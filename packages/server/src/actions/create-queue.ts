import { sqsLimits } from '@sluice/core';
import {
  SqsError,
  isFifoQueueRequested,
  type CreateQueueInput,
  type CreateQueueOutput,
} from '@sluice/protocol';
import type { RequestContext } from '../services.js';
import { queueUrl } from '../queues/queue-directory.js';
import { defaultAttributes, toQueueConfig } from '../queues/queue-attributes.js';
import { checkQueueAttributes } from '../queues/queue-validation.js';
import { syncDeadLetterTargets } from '../queues/dead-letter-targets.js';

/**
 * CreateQueue: creates the queue, or returns the URL of an existing one when every attribute the
 * request gives matches it (QueueNameExists otherwise). A name deleted less than 60 seconds ago
 * cannot be reused (QueueDeletedRecently).
 */
export async function createQueue(
  context: RequestContext,
  input: CreateQueueInput,
): Promise<CreateQueueOutput> {
  const { metadata, clock, partition } = context.services;
  const requested = input.Attributes ?? {};
  const fifo = isFifoQueueRequested(requested);
  checkQueueAttributes(context, requested, fifo, 'create');
  const existing = metadata.getQueue(context.accountId, input.QueueName);
  if (existing !== undefined) {
    for (const [name, value] of Object.entries(requested)) {
      const current = existing.attributes[name] ?? defaultAttributes(existing.fifo)[name];
      if (current !== value) {
        throw new SqsError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute ${name}`,
        );
      }
    }
    return { QueueUrl: queueUrl(context, existing) };
  }
  const nowMs = clock.nowMs();
  const deletedAtMs = metadata.deletedAtMs(context.accountId, input.QueueName);
  if (deletedAtMs !== undefined && nowMs - deletedAtMs < sqsLimits.queueDeletedRecentlyMs) {
    throw new SqsError('QueueDeletedRecently');
  }
  const attributes = { ...defaultAttributes(fifo), ...requested };
  const record = await metadata.createQueue({
    accountId: context.accountId,
    name: input.QueueName,
    fifo,
    attributes,
    tags: { ...(input.tags ?? {}) },
    createdAtMs: nowMs,
    lastModifiedAtMs: nowMs,
  });
  await partition.configureQueue(record.id, toQueueConfig(attributes, fifo));
  syncDeadLetterTargets(context.services);
  return { QueueUrl: queueUrl(context, record) };
}
