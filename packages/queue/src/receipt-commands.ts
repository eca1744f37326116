import assert from 'node:assert/strict';
import { messageState } from './message-state.js';
import { visibilityTimeoutMsMax } from './queue-config.js';
import type {
  ChangeVisibilityCommand,
  DeleteBatchCommand,
  DeleteCommand,
  Receipt,
} from './queue-commands.js';
import type { QueueCore } from './queue-core.js';
import type {
  ChangeVisibilityResult,
  DeleteBatchResult,
  DeleteOutcome,
  DeleteResult,
} from './queue-results.js';

/** How a receipt relates to the message it names, before any state change. */
type ReceiptStanding = 'current' | 'stale' | 'gone' | 'invalid';

function standingOf(core: QueueCore, receipt: Receipt): ReceiptStanding {
  const table = core.table;
  const { slot, key, receiveNumber } = receipt;
  const slotValid = Number.isSafeInteger(slot) && slot >= 0 && slot < table.highWater;
  if (!slotValid || !Number.isSafeInteger(receiveNumber) || receiveNumber < 1) return 'invalid';
  // `key` is the arrival the receipt was issued for: a message that left and came back has a
  // new one, so a receipt from its earlier stay is gone even if the slot is the same.
  if (table.state[slot] === messageState.free || table.arrivalOf(slot) !== key) return 'gone';
  // A dead-letter move is under way: for the client the message has left this queue.
  if (table.state[slot] === messageState.pendingDeadLetter) return 'gone';
  const receiveCount = table.receiveCount[slot]!;
  if (receiveNumber > receiveCount) return 'invalid';
  return receiveNumber === receiveCount ? 'current' : 'stale';
}

/**
 * DeleteMessage. "You must provide the most recently received ReceiptHandle for the message
 * (otherwise, the request succeeds, but the message will not be deleted)"
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html).
 * On FIFO queues "a receipt handle expires after a visibility timeout period": deleting after it
 * fails with InvalidParameterValue "The receipt handle has expired"
 * (https://repost.aws/knowledge-center/sqs-receipt-handle-error). On standard queues the most
 * recent receipt still deletes a message whose visibility timeout passed.
 */
export function applyDelete(core: QueueCore, command: DeleteCommand): DeleteResult {
  return { outcome: deleteOutcome(core, command.receipt) };
}

/** DeleteMessageBatch: each receipt as its own DeleteMessage, in order (a repeat finds it gone). */
export function applyDeleteBatch(core: QueueCore, command: DeleteBatchCommand): DeleteBatchResult {
  const outcomes: DeleteOutcome[] = [];
  for (const receipt of command.receipts) outcomes.push(deleteOutcome(core, receipt));
  return { outcomes };
}

function deleteOutcome(core: QueueCore, receipt: Receipt): DeleteOutcome {
  const standing = standingOf(core, receipt);
  const slot = receipt.slot;
  switch (standing) {
    case 'invalid':
      return 'invalidReceipt';
    case 'gone':
      return 'alreadyGone';
    case 'stale':
      return core.fifo ? 'expiredReceipt' : 'staleReceipt';
    case 'current':
      if (core.fifo && core.table.state[slot] !== messageState.inflight) {
        return 'expiredReceipt';
      }
      core.remove(slot);
      return 'deleted';
  }
}

/**
 * ChangeMessageVisibility. The new timeout counts from now; 0 makes the message visible at
 * once. "You can't extend the timeout of a message ... to more than a total visibility timeout
 * of 12 hours", counted from the receive that issued the receipt; past it the request is
 * rejected, not clamped. The change is not remembered for the next receive
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
 */
export function applyChangeVisibility(
  core: QueueCore,
  command: ChangeVisibilityCommand,
): ChangeVisibilityResult {
  const { visibilityTimeoutMs, receipt } = command;
  assert.ok(visibilityTimeoutMs >= 0 && visibilityTimeoutMs <= visibilityTimeoutMsMax);
  const standing = standingOf(core, receipt);
  if (standing === 'invalid') return { outcome: 'invalidReceipt' };
  if (standing === 'gone') return { outcome: 'alreadyGone' };
  if (standing === 'stale') return { outcome: 'staleReceipt' };
  const table = core.table;
  const slot = receipt.slot;
  if (table.state[slot] !== messageState.inflight) return { outcome: 'notInflight' };
  const sentAtMs = table.sentAtMs[slot]!;
  const receivedAtMs = sentAtMs + table.receiveDeltaMs[slot]!;
  const deadlineMs = core.nowMs + visibilityTimeoutMs;
  if (deadlineMs > receivedAtMs + visibilityTimeoutMsMax) return { outcome: 'visibilityTooLong' };
  table.visibilityChanged[slot] = 1;
  if (visibilityTimeoutMs === 0) {
    core.due.remove(slot);
    core.makeVisible(slot);
  } else {
    table.dueDeltaMs[slot] = deadlineMs - sentAtMs;
    core.due.update(slot);
  }
  return { outcome: 'changed' };
}
