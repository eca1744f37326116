import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueDriver, minuteMs, secondMs } from './testing/queue-driver.js';

test('a duplicate within 5 minutes returns the original MessageId and key and is not queued', () => {
  const queue = new QueueDriver({ fifo: true });
  const original = queue.send({ messageId: 'first', groupId: 'a', deduplicationId: 'd' });
  assert.equal(original.kind, 'sent');
  queue.advance(5 * minuteMs - 1);
  const duplicate = queue.send({ messageId: 'second', groupId: 'a', deduplicationId: 'd' });
  const key = original.kind === 'sent' ? original.key : -1;
  assert.deepEqual(duplicate, { kind: 'duplicate', messageId: 'first', key, sequenceNumber: key });
  assert.equal(queue.machine.counters().total, 1);
});

test('the deduplication window still applies after the original was received and deleted', () => {
  const queue = new QueueDriver({ fifo: true });
  queue.send({ messageId: 'first', groupId: 'a', deduplicationId: 'd' });
  queue.delete(queue.receive().messages[0]!.receipt);
  const again = queue.send({ messageId: 'second', groupId: 'a', deduplicationId: 'd' });
  assert.equal(again.kind, 'duplicate');
  assert.equal(queue.machine.counters().total, 0);
});

test('after 5 minutes the same deduplication id is a new message', () => {
  const queue = new QueueDriver({ fifo: true });
  queue.send({ groupId: 'a', deduplicationId: 'd' });
  queue.advance(5 * minuteMs);
  assert.equal(queue.send({ groupId: 'a', deduplicationId: 'd' }).kind, 'sent');
});

test('a duplicate does not extend the window: it counts from the first send', () => {
  const queue = new QueueDriver({ fifo: true });
  queue.send({ groupId: 'a', deduplicationId: 'd' });
  queue.advance(4 * minuteMs);
  assert.equal(queue.send({ groupId: 'a', deduplicationId: 'd' }).kind, 'duplicate');
  queue.advance(minuteMs);
  assert.equal(queue.send({ groupId: 'a', deduplicationId: 'd' }).kind, 'sent');
});

test('with queue scope the same id in two groups is a duplicate; with messageGroup scope it is not', () => {
  const queueScope = new QueueDriver({ fifo: true, deduplicationScope: 'queue' });
  queueScope.send({ groupId: 'a', deduplicationId: 'd' });
  assert.equal(queueScope.send({ groupId: 'b', deduplicationId: 'd' }).kind, 'duplicate');
  const groupScope = new QueueDriver({ fifo: true, deduplicationScope: 'messageGroup' });
  groupScope.send({ groupId: 'a', deduplicationId: 'd' });
  assert.equal(groupScope.send({ groupId: 'b', deduplicationId: 'd' }).kind, 'sent');
  assert.equal(groupScope.send({ groupId: 'a', deduplicationId: 'd' }).kind, 'duplicate');
});

test('deduplication entries survive a purge and a restart', () => {
  const queue = new QueueDriver({ fifo: true });
  queue.send({ messageId: 'first', groupId: 'a', deduplicationId: 'd' });
  queue.apply({ type: 'purge' });
  queue.restart();
  queue.advance(secondMs);
  const again = queue.send({ groupId: 'a', deduplicationId: 'd' });
  assert.equal(again.kind === 'duplicate' ? again.messageId : again.kind, 'first');
});

test('a message moved in starts a deduplication window for later sends', () => {
  const queue = new QueueDriver({ fifo: true });
  assert.deepEqual(queue.moveIn({ groupId: 'a', deduplicationId: 'd', messageId: 'moved' }), {
    kind: 'movedIn',
  });
  const send = queue.send({ groupId: 'a', deduplicationId: 'd' });
  assert.equal(send.kind === 'duplicate' ? send.messageId : send.kind, 'moved');
});
