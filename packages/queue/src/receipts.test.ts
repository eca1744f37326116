import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueDriver, hourMs, minuteMs, secondMs, startMs } from './testing/queue-driver.js';

test('deleting with the latest receipt removes the message', () => {
  const queue = new QueueDriver();
  queue.sendMany(1);
  const [message] = queue.receive().messages;
  assert.deepEqual(queue.delete(message!.receipt), { outcome: 'deleted' });
  assert.equal(queue.machine.counters().total, 0);
});

test('deleting an already deleted message succeeds as alreadyGone', () => {
  const queue = new QueueDriver();
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.delete(receipt);
  assert.deepEqual(queue.delete(receipt), { outcome: 'alreadyGone' });
});

test('a standard-queue delete with a receipt from an earlier receive succeeds without deleting (staleReceipt)', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  const first = queue.receive().messages[0]!.receipt;
  queue.advance(10 * secondMs);
  const second = queue.receive().messages[0]!.receipt;
  assert.deepEqual(queue.delete(first), { outcome: 'staleReceipt' });
  assert.equal(queue.machine.counters().inflight, 1);
  assert.deepEqual(queue.delete(second), { outcome: 'deleted' });
});

test('a standard-queue delete with the latest receipt still deletes after the visibility timeout passed', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.advance(11 * secondMs).tick();
  assert.equal(queue.machine.peek(10).length, 1);
  assert.deepEqual(queue.delete(receipt), { outcome: 'deleted' });
  assert.equal(queue.machine.counters().total, 0);
});

test('a FIFO delete after the visibility timeout passed fails as expiredReceipt and keeps the message', () => {
  const queue = new QueueDriver({ fifo: true, visibilityTimeoutMs: 10 * secondMs });
  queue.sendToGroup('a');
  const first = queue.receive().messages[0]!.receipt;
  queue.advance(10 * secondMs);
  assert.deepEqual(queue.delete(first), { outcome: 'expiredReceipt' });
  const second = queue.receive().messages[0]!.receipt;
  assert.deepEqual(queue.delete(first), { outcome: 'expiredReceipt' });
  assert.deepEqual(queue.delete(second), { outcome: 'deleted' });
});

test('a receipt naming a slot the queue never used, or a receive that never happened, is invalid', () => {
  const queue = new QueueDriver();
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  assert.deepEqual(queue.delete({ ...receipt, slot: 5000 }), { outcome: 'invalidReceipt' });
  assert.deepEqual(queue.delete({ ...receipt, receiveNumber: 2 }), { outcome: 'invalidReceipt' });
  assert.deepEqual(queue.delete({ ...receipt, receiveNumber: 0 }), { outcome: 'invalidReceipt' });
  assert.deepEqual(queue.changeVisibility({ ...receipt, slot: -1 }, 0), {
    outcome: 'invalidReceipt',
  });
});

test('a receipt whose slot now holds another message refers to a message that is gone', () => {
  const queue = new QueueDriver();
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.delete(receipt);
  queue.sendMany(1);
  const reused = queue.receive().messages[0]!.receipt;
  assert.equal(reused.slot, receipt.slot, 'the freed slot was reused');
  assert.deepEqual(queue.delete(receipt), { outcome: 'alreadyGone' });
  assert.deepEqual(queue.changeVisibility(receipt, secondMs), { outcome: 'alreadyGone' });
  assert.equal(queue.machine.counters().inflight, 1);
});

test('changing visibility counts the new timeout from now, not from the receive', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 60 * secondMs });
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.advance(15 * secondMs);
  assert.deepEqual(queue.changeVisibility(receipt, 10 * secondMs), { outcome: 'changed' });
  assert.equal(queue.machine.nextWakeAtMs(), startMs + 25 * secondMs);
  queue.advance(10 * secondMs);
  assert.equal(queue.receiveKeys().length, 1);
});

test('changing visibility to 0 makes the message visible at once', () => {
  const queue = new QueueDriver();
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  assert.deepEqual(queue.changeVisibility(receipt, 0), { outcome: 'changed' });
  assert.equal(queue.machine.counters().visible, 1);
  assert.equal(queue.receiveKeys().length, 1);
});

test('changing visibility of a message that is not in flight returns notInflight', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.advance(10 * secondMs);
  assert.deepEqual(queue.changeVisibility(receipt, 10 * secondMs), { outcome: 'notInflight' });
});

test('changing visibility with a receipt from an earlier receive returns staleReceipt', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  const first = queue.receive().messages[0]!.receipt;
  queue.advance(10 * secondMs);
  queue.receive();
  assert.deepEqual(queue.changeVisibility(first, 10 * secondMs), { outcome: 'staleReceipt' });
});

test('visibility can be extended up to 12 hours after the receive and no further', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * minuteMs });
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.advance(20 * minuteMs);
  assert.deepEqual(queue.changeVisibility(receipt, 12 * hourMs - 20 * minuteMs), {
    outcome: 'changed',
  });
  assert.deepEqual(queue.changeVisibility(receipt, 12 * hourMs - 20 * minuteMs + 1), {
    outcome: 'visibilityTooLong',
  });
  assert.equal(
    queue.machine.nextWakeAtMs(),
    startMs + 12 * hourMs,
    'the rejected change did nothing',
  );
});

test('the 12-hour limit counts from the latest receive, not the first one', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 11 * hourMs });
  queue.sendMany(1);
  queue.receive();
  queue.advance(11 * hourMs);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.advance(hourMs);
  assert.deepEqual(queue.changeVisibility(receipt, 11 * hourMs), { outcome: 'changed' });
});

test('a visibility change is not remembered: the next receive uses the queue or receive timeout', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * secondMs });
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.changeVisibility(receipt, 5 * secondMs);
  queue.advance(5 * secondMs);
  queue.receive();
  assert.equal(queue.machine.nextWakeAtMs(), startMs + 35 * secondMs);
});
