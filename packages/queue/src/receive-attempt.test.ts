import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueDriver, minuteMs, secondMs, startMs } from './testing/queue-driver.js';

function fifoQueueWithMessages(): QueueDriver {
  const queue = new QueueDriver({ fifo: true, visibilityTimeoutMs: 30 * secondMs });
  queue.sendToGroup('a');
  queue.sendToGroup('a');
  queue.sendToGroup('b');
  return queue;
}

test('a retry with the same ReceiveRequestAttemptId returns the same messages and receipts and restarts their visibility timeout', () => {
  const queue = fifoQueueWithMessages();
  const first = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  assert.equal(first.messages.length, 3);
  queue.advance(20 * secondMs);
  const retry = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  assert.equal(retry.attempt, 'replayed');
  assert.deepEqual(retry.messages, first.messages);
  assert.equal(queue.machine.nextWakeAtMs(), startMs + 50 * secondMs);
});

test('a retry after one of its messages was deleted is not retryable', () => {
  const queue = fifoQueueWithMessages();
  const first = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  queue.delete(first.messages[0]!.receipt);
  const retry = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  assert.deepEqual(retry, {
    messages: [],
    deadLetters: [],
    overLimit: false,
    attempt: 'notRetryable',
  });
});

test('a retry after a visibility change of one of its messages is not retryable', () => {
  const queue = fifoQueueWithMessages();
  const first = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  queue.changeVisibility(first.messages[1]!.receipt, minuteMs);
  assert.equal(queue.receive(10, { receiveRequestAttemptId: 'attempt' }).attempt, 'notRetryable');
});

test('a retry after the messages became visible again is not retryable', () => {
  const queue = fifoQueueWithMessages();
  queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  queue.advance(30 * secondMs);
  assert.equal(queue.receive(10, { receiveRequestAttemptId: 'attempt' }).attempt, 'notRetryable');
});

test('after 5 minutes the same attempt id is a fresh receive', () => {
  const queue = fifoQueueWithMessages();
  const first = queue.receive(1, { receiveRequestAttemptId: 'attempt', visibilityTimeoutMs: 0 });
  queue.advance(5 * minuteMs);
  const later = queue.receive(1, { receiveRequestAttemptId: 'attempt' });
  assert.equal(later.attempt, 'fresh');
  assert.equal(later.messages[0]?.receiveCount, 2);
  assert.equal(later.messages[0]?.key, first.messages[0]?.key);
});

test('an attempt that returned nothing is not remembered: its retry is a fresh receive', () => {
  const queue = new QueueDriver({ fifo: true });
  assert.equal(queue.receive(10, { receiveRequestAttemptId: 'attempt' }).messages.length, 0);
  queue.sendToGroup('a');
  const retry = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  assert.equal(retry.attempt, 'fresh');
  assert.equal(retry.messages.length, 1);
});

test('standard queues ignore ReceiveRequestAttemptId', () => {
  const queue = new QueueDriver();
  queue.sendMany(2);
  queue.receive(1, { receiveRequestAttemptId: 'attempt' });
  const second = queue.receive(1, { receiveRequestAttemptId: 'attempt' });
  assert.equal(second.attempt, 'fresh');
  assert.equal(second.messages.length, 1);
});

test('receive attempts survive a restart', () => {
  const queue = fifoQueueWithMessages();
  const first = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  queue.restart();
  assert.deepEqual(
    queue.receive(10, { receiveRequestAttemptId: 'attempt' }).messages,
    first.messages,
  );
});
