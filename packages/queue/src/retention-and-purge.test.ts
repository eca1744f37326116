import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueDriver, hourMs, minuteMs, secondMs } from './testing/queue-driver.js';

test('messages past the retention period are removed, visible, delayed or in flight, and expire reports how many', () => {
  const queue = new QueueDriver({ retentionMs: 10 * minuteMs, visibilityTimeoutMs: hourMs });
  queue.sendMany(2);
  queue.send({ delayMs: 15 * minuteMs });
  const receipt = queue.receive(1).messages[0]!.receipt;
  queue.advance(10 * minuteMs - 1);
  assert.deepEqual(queue.apply({ type: 'expire' }), { expiredCount: 0 });
  queue.advance(1);
  assert.deepEqual(queue.apply({ type: 'expire' }), { expiredCount: 3 });
  assert.equal(queue.machine.counters().total, 0);
  assert.deepEqual(queue.delete(receipt), { outcome: 'alreadyGone' });
});

test('every command expires what is due, not only expire', () => {
  const queue = new QueueDriver({ retentionMs: minuteMs });
  queue.sendMany(1);
  queue.advance(minuteMs);
  assert.deepEqual(queue.receive().messages, []);
});

test('shortening the retention period removes older messages at once', () => {
  const queue = new QueueDriver({ retentionMs: hourMs });
  queue.sendMany(1);
  queue.advance(10 * minuteMs);
  const [younger] = queue.sendMany(1);
  queue.configure({ retentionMs: 5 * minuteMs });
  assert.equal(queue.machine.counters().total, 1);
  assert.equal(queue.machine.peek(1)[0]?.key, younger);
});

test('a message moved in keeps its sent time, so it expires as in its source queue; one already past retention is dropped', () => {
  const queue = new QueueDriver({ retentionMs: 10 * minuteMs });
  assert.deepEqual(queue.moveIn({ sentAtMs: queue.nowMs - 10 * minuteMs }), { kind: 'expired' });
  assert.deepEqual(queue.moveIn({ sentAtMs: queue.nowMs - 9 * minuteMs }), { kind: 'movedIn' });
  queue.advance(minuteMs);
  assert.deepEqual(queue.apply({ type: 'expire' }), { expiredCount: 1 });
});

test('purge removes visible, delayed and in-flight messages', () => {
  const queue = new QueueDriver();
  queue.sendMany(2);
  queue.send({ delayMs: minuteMs });
  const receipt = queue.receive(1).messages[0]!.receipt;
  assert.deepEqual(queue.apply({ type: 'purge' }), { kind: 'purged', purgedCount: 3 });
  assert.equal(queue.machine.counters().total, 0);
  assert.equal(queue.machine.nextWakeAtMs(), undefined);
  assert.deepEqual(queue.delete(receipt), { outcome: 'alreadyGone' });
  const [later] = queue.sendMany(1);
  assert.deepEqual(queue.receiveKeys(), [later], 'messages sent after the purge are kept');
});

test('a second purge within 60 seconds is PurgeQueueInProgress; after 60 seconds it runs', () => {
  const queue = new QueueDriver();
  queue.apply({ type: 'purge' });
  queue.sendMany(1);
  queue.advance(60 * secondMs - 1);
  assert.deepEqual(queue.apply({ type: 'purge' }), { kind: 'purgeInProgress' });
  assert.equal(queue.machine.counters().total, 1);
  queue.advance(1);
  assert.deepEqual(queue.apply({ type: 'purge' }), { kind: 'purged', purgedCount: 1 });
});

test('after a purge the lowest slots are handed out first again', () => {
  const queue = new QueueDriver();
  queue.sendMany(3);
  queue.apply({ type: 'purge' });
  queue.sendMany(1);
  assert.equal(queue.receive().messages[0]?.slot, 0);
});
