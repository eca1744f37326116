import { sqsLimits } from '@sluice/core';
import { messageState, none } from './message-state.js';
import type { QueueConfig } from './queue-config.js';
import type { QueueCore } from './queue-core.js';
import type {
  DeadLetterResult,
  MoveOutResult,
  PurgeResult,
  ReinsertResult,
} from './queue-results.js';

/**
 * SetQueueAttributes. Visibility timeout and standard DelaySeconds apply to later receives and
 * sends; retention applies to every message at once. "For FIFO queues, the per-queue delay
 * setting is retroactive—changing the setting affects the delay of messages already in the
 * queue" (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html):
 * messages still delayed are re-timed to sentAt + the new delay.
 */
export function applyConfigure(core: QueueCore, config: QueueConfig): void {
  const previous = core.config;
  core.config = config;
  if (core.fifo && config.delayMs !== previous.delayMs) {
    const table = core.table;
    for (let slot = 0; slot < table.highWater; slot++) {
      if (table.state[slot] !== messageState.delayed) continue;
      table.dueDeltaMs[slot] = config.delayMs;
      core.due.update(slot);
    }
  }
  core.advanceTo(core.nowMs);
}

/**
 * PurgeQueue: deletes every message sent before it, visible, delayed or in flight ("Deletes
 * available messages in a queue (including in-flight messages)"). "Only one PurgeQueue operation
 * on a queue is allowed every 60 seconds" (PurgeQueueInProgress)
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html).
 * Deduplication ids stay tracked: SQS tracks them independently of the messages.
 */
export function applyPurge(core: QueueCore): PurgeResult {
  if (core.nowMs - core.lastPurgeAtMs < sqsLimits.purgeIntervalMs) {
    return { kind: 'purgeInProgress' };
  }
  core.lastPurgeAtMs = core.nowMs;
  const purgedCount = core.liveCount;
  const table = core.table;
  core.ready.clear();
  core.due.clear();
  core.retention.clear();
  core.body.clear();
  core.keys.clear();
  core.groups.clear();
  core.attempts.clear();
  core.pendingDeadLetterGroups.clear();
  core.stateCounts.fill(0);
  // Highest slot first, so that the free list hands out the lowest slots first again.
  for (let slot = table.highWater - 1; slot >= 0; slot--) {
    if (table.state[slot] !== messageState.free) table.release(slot);
  }
  return { kind: 'purged', purgedCount };
}

export function applyDeadLetter(core: QueueCore, key: number): DeadLetterResult {
  const slot = core.keys.find(key);
  if (slot === none) return { outcome: 'alreadyGone' };
  if (core.table.state[slot] !== messageState.pendingDeadLetter) return { outcome: 'notPending' };
  core.remove(slot);
  return { outcome: 'deadLettered' };
}

export function applyMoveOut(core: QueueCore, key: number): MoveOutResult {
  const slot = core.keys.find(key);
  if (slot === none) return { kind: 'alreadyGone' };
  const table = core.table;
  const groupId = core.groupIdOf(slot);
  const moved = {
    kind: 'movedOut',
    bodyOffset: table.bodyOffset[slot]!,
    sentAtMs: table.sentAtMs[slot]!,
    receiveCount: table.receiveCount[slot]!,
    bodyBytes: table.bodyBytes[slot]!,
  } as const;
  core.remove(slot);
  return groupId === undefined ? moved : { ...moved, groupId };
}

/** Compaction re-appended the body at `offset`; the old segment no longer pins the message. */
export function applyReinsert(core: QueueCore, key: number, offset: number): ReinsertResult {
  const slot = core.keys.find(key);
  if (slot === none) return { outcome: 'alreadyGone' };
  core.table.bodyOffset[slot] = offset;
  core.body.update(slot);
  return { outcome: 'reinserted' };
}
