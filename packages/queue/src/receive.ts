import assert from 'node:assert/strict';
import { sqsLimits } from '@sluice/core';
import { visibilityTimeoutMsMax } from './queue-config.js';
import type { ReceiveCommand } from './queue-commands.js';
import type { QueueCore } from './queue-core.js';
import type { DeadLetterMessage, ReceiveResult, ReceivedMessage } from './queue-results.js';
import type { AttemptMessage } from './receive-attempts.js';
import { messageState, none } from './message-state.js';

/** What one receive is collecting. */
interface Collection {
  readonly countMax: number;
  readonly deadlineMs: number;
  readonly messages: ReceivedMessage[];
  readonly deadLetters: DeadLetterMessage[];
}

/**
 * ReceiveMessage. A message already received maxReceiveCount times is not delivered again: the
 * receive that finds it marks it for the dead-letter queue ("after the value of maxReceiveCount
 * is exceeded", https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html),
 * so a message received exactly maxReceiveCount times stays in the source until the next
 * receive attempt finds it. At the in-flight limit nothing is delivered (`overLimit`).
 */
export function applyReceive(core: QueueCore, command: ReceiveCommand): ReceiveResult {
  assert.ok(command.countMax >= 1 && command.countMax <= sqsLimits.receiveCountMax, 'countMax');
  const visibilityTimeoutMs = command.visibilityTimeoutMs ?? core.config.visibilityTimeoutMs;
  assert.ok(visibilityTimeoutMs >= 0 && visibilityTimeoutMs <= visibilityTimeoutMsMax);
  const deadlineMs = core.nowMs + visibilityTimeoutMs;
  const attemptId = core.fifo ? command.receiveRequestAttemptId : undefined;
  if (attemptId !== undefined) {
    const attempt = core.attempts.find(attemptId, core.nowMs);
    if (attempt !== undefined) return replayAttempt(core, attempt.messages, deadlineMs);
  }
  const inflightMax = core.fifo ? sqsLimits.inflightFifoMax : sqsLimits.inflightStandardMax;
  const inflightRoom = inflightMax - core.stateCounts[messageState.inflight]!;
  if (inflightRoom <= 0)
    return { messages: [], deadLetters: [], overLimit: true, attempt: 'fresh' };
  const collection: Collection = {
    countMax: Math.min(command.countMax, inflightRoom),
    deadlineMs,
    messages: [],
    deadLetters: [],
  };
  if (core.fifo) collectFifo(core, collection);
  else collectStandard(core, collection);
  if (attemptId !== undefined && collection.messages.length > 0) {
    core.attempts.record(attemptId, {
      expiresAtMs: core.nowMs + sqsLimits.receiveRequestAttemptWindowMs,
      messages: collection.messages.map((message) => message.receipt),
    });
  }
  const { messages, deadLetters } = collection;
  return { messages, deadLetters, overLimit: false, attempt: 'fresh' };
}

/** Standard: visible messages oldest key first. */
function collectStandard(core: QueueCore, collection: Collection): void {
  const ready = core.ready;
  while (collection.messages.length < collection.countMax && ready.size > 0) {
    if (!takeMessage(core, ready.peek(), collection)) return;
  }
}

/**
 * FIFO: "SQS returns as many messages with the same message group ID as possible. The
 * ReceiveMessage API call can also return messages from other available message groups"
 * (https://repost.aws/knowledge-center/sqs-fifo-messages-not-returned). Groups are served oldest
 * head first; within a group, visible messages are taken in order from the head until a
 * delayed one. Dead-lettering follows the same order, so it never overtakes a group's order.
 */
function collectFifo(core: QueueCore, collection: Collection): void {
  const groups = core.groups;
  while (collection.messages.length < collection.countMax && groups.ready.size > 0) {
    const group = groups.ready.peek();
    let slot = groups.head[group]!;
    let boundReached = false;
    while (slot !== none && collection.messages.length < collection.countMax) {
      if (core.table.state[slot] !== messageState.visible) break;
      const next = core.table.next[slot]!;
      boundReached = !takeMessage(core, slot, collection);
      if (boundReached) break;
      slot = next;
    }
    groups.refresh(group);
    if (boundReached) return;
  }
}

/** Delivers or dead-letters one visible message; false once the dead-letter bound is hit. */
function takeMessage(core: QueueCore, slot: number, collection: Collection): boolean {
  const table = core.table;
  if (core.shouldDeadLetter(slot)) {
    if (collection.deadLetters.length === sqsLimits.receiveDeadLetterCountMax) return false;
    if (!core.fifo) core.ready.pop();
    collection.deadLetters.push(describeDeadLetter(core, slot));
    core.markPendingDeadLetter(slot);
    return true;
  }
  if (!core.fifo) core.ready.pop();
  core.makeInflight(slot, collection.deadlineMs);
  collection.messages.push(describeReceived(core, slot, table.receiveCount[slot]!));
  return true;
}

/**
 * A retry within 5 minutes returns the same messages and receipts and restarts their
 * visibility timeout, if none of them was deleted, changed or received again since.
 */
function replayAttempt(
  core: QueueCore,
  attemptMessages: readonly AttemptMessage[],
  deadlineMs: number,
): ReceiveResult {
  const table = core.table;
  const unchanged = attemptMessages.every(
    ({ slot, key, receiveNumber }) =>
      table.state[slot] === messageState.inflight &&
      table.arrivalOf(slot) === key &&
      table.receiveCount[slot] === receiveNumber &&
      table.visibilityChanged[slot] === 0,
  );
  if (!unchanged)
    return { messages: [], deadLetters: [], overLimit: false, attempt: 'notRetryable' };
  const messages = attemptMessages.map(({ slot, receiveNumber }) => {
    table.dueDeltaMs[slot] = deadlineMs - table.sentAtMs[slot]!;
    core.due.update(slot);
    return describeReceived(core, slot, receiveNumber);
  });
  return { messages, deadLetters: [], overLimit: false, attempt: 'replayed' };
}

function describeReceived(core: QueueCore, slot: number, receiveNumber: number): ReceivedMessage {
  const table = core.table;
  const key = table.key[slot]!;
  const bodyOffset = table.bodyOffset[slot]!;
  const sentAtMs = table.sentAtMs[slot]!;
  const firstReceiveAtMs = sentAtMs + table.firstReceiveDeltaMs[slot]!;
  const receipt = { slot, key: table.arrivalOf(slot), receiveNumber };
  const receiveCount = receiveNumber;
  if (!core.fifo)
    return { slot, key, bodyOffset, receiveCount, sentAtMs, firstReceiveAtMs, receipt };
  const groupId = core.groupIdOf(slot)!;
  return { slot, key, bodyOffset, receiveCount, sentAtMs, firstReceiveAtMs, groupId, receipt };
}

function describeDeadLetter(core: QueueCore, slot: number): DeadLetterMessage {
  const table = core.table;
  const key = table.key[slot]!;
  const bodyOffset = table.bodyOffset[slot]!;
  const sentAtMs = table.sentAtMs[slot]!;
  const receiveCount = table.receiveCount[slot]!;
  if (!core.fifo) return { slot, key, bodyOffset, sentAtMs, receiveCount };
  return { slot, key, bodyOffset, sentAtMs, receiveCount, groupId: core.groupIdOf(slot)! };
}
