import assert from 'node:assert/strict';
import { sqsLimits } from '@sluice/core';
import { DeduplicationWindow } from './deduplication-window.js';
import type { MoveInCommand, SendCommand } from './queue-commands.js';
import type { QueueCore } from './queue-core.js';
import type { MoveInResult, SendResult } from './queue-results.js';

const queueFull = { kind: 'throttled', reason: 'queueFull' } as const;
const deduplicationWindowFull = { kind: 'throttled', reason: 'deduplicationWindowFull' } as const;

/**
 * SendMessage. The key (and FIFO SequenceNumber) is the offset of the record carrying the send.
 * FIFO: a deduplication id seen within 5 minutes returns the original MessageId and queues
 * nothing; the queue's DelaySeconds applies (per-message delay is refused by the caller).
 * Standard: a per-message delay overrides the queue's
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html).
 */
export function applySend(core: QueueCore, command: SendCommand, offset: number): SendResult {
  if (core.liveCount >= sqsLimits.queueMessageCountMax) return queueFull;
  if (!core.fifo) {
    const slot = insertSent(core, offset, command.delayMs ?? core.config.delayMs);
    core.table.setBodyBytes(slot, command.bodyBytes);
    return { kind: 'sent', key: offset, sequenceNumber: offset };
  }
  const { groupId, deduplicationId } = command;
  assert.ok(groupId !== undefined && deduplicationId !== undefined, 'FIFO send without ids');
  assert.ok(command.delayMs === undefined || command.delayMs === 0, 'FIFO per-message delay');
  const deduplicationKey = DeduplicationWindow.keyOf(
    core.config.deduplicationScope,
    groupId,
    deduplicationId,
  );
  const original = core.deduplication.find(deduplicationKey, core.nowMs);
  if (original !== undefined) {
    const { messageId, key } = original;
    return { kind: 'duplicate', messageId, key, sequenceNumber: key };
  }
  if (core.deduplication.size >= sqsLimits.deduplicationEntryCountMax) {
    return deduplicationWindowFull;
  }
  const slot = insertSent(core, offset, core.config.delayMs, groupId);
  core.table.setBodyBytes(slot, command.bodyBytes);
  core.deduplication.record(deduplicationKey, {
    messageId: command.messageId,
    key: offset,
    expiresAtMs: core.nowMs + sqsLimits.deduplicationWindowMs,
  });
  return { kind: 'sent', key: offset, sequenceNumber: offset };
}

/**
 * A message arriving from another queue keeps its key, body position, sentAtMs (the caller
 * passes the move time for a FIFO dead-letter queue, where "the enqueue timestamp resets",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html)
 * and receive count, and is visible at once. Applying the same move twice is harmless.
 */
export function applyMoveIn(core: QueueCore, command: MoveInCommand, offset: number): MoveInResult {
  if (core.keys.find(command.key) !== -1) return { kind: 'alreadyPresent' };
  const sentAtMs = Math.min(command.sentAtMs, core.nowMs);
  if (sentAtMs + core.config.retentionMs <= core.nowMs) return { kind: 'expired' };
  if (core.liveCount >= sqsLimits.queueMessageCountMax) return queueFull;
  assert.ok(!core.fifo || command.groupId !== undefined, 'FIFO move without a group id');
  const slot = insertMessage(
    core,
    command.key,
    offset,
    command.bodyOffset,
    sentAtMs,
    0,
    command.groupId,
  );
  core.table.receiveCount[slot] = command.receiveCount;
  core.table.setBodyBytes(slot, command.bodyBytes);
  const { groupId, deduplicationId } = command;
  if (core.fifo && deduplicationId !== undefined) {
    const deduplicationKey = DeduplicationWindow.keyOf(
      core.config.deduplicationScope,
      groupId!,
      deduplicationId,
    );
    const tracked = core.deduplication.find(deduplicationKey, core.nowMs) !== undefined;
    if (!tracked && core.deduplication.size < sqsLimits.deduplicationEntryCountMax) {
      core.deduplication.record(deduplicationKey, {
        messageId: command.messageId,
        key: command.key,
        expiresAtMs: core.nowMs + sqsLimits.deduplicationWindowMs,
      });
    }
  }
  return { kind: 'movedIn' };
}

/** A sent message: its key, arrival and body are all at the offset of the send. */
function insertSent(core: QueueCore, offset: number, delayMs: number, groupId?: string): number {
  return insertMessage(core, offset, offset, offset, core.nowMs, delayMs, groupId);
}

function insertMessage(
  core: QueueCore,
  key: number,
  arrival: number,
  bodyOffset: number,
  sentAtMs: number,
  delayMs: number,
  groupId?: string,
): number {
  const slot = core.table.allocate();
  core.insert(slot, key, arrival, bodyOffset, sentAtMs, delayMs);
  if (core.fifo) core.groups.append(core.groups.intern(groupId!), slot);
  core.enqueue(slot, delayMs > 0);
  return slot;
}
