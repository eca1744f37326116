import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqsLimits } from '@sluice/core';
import { QueueDriver, secondMs, startMs } from './testing/queue-driver.js';

/** Receives the only message `times` times, letting its visibility time out in between. */
function receiveRepeatedly(queue: QueueDriver, times: number): void {
  for (let receive = 0; receive < times; receive++) {
    assert.equal(queue.receive().messages.length, 1);
    queue.advance(30 * secondMs);
  }
}

test('a message received exactly maxReceiveCount times stays in the source queue until the next receive', () => {
  const queue = new QueueDriver({ maxReceiveCount: 3 });
  queue.sendMany(1);
  receiveRepeatedly(queue, 3);
  queue.tick();
  assert.deepEqual(queue.machine.counters().visible, 1);
  assert.deepEqual(queue.machine.pendingDeadLetters(), []);
});

test('the next receive attempt marks it for dead-lettering instead of delivering it', () => {
  const queue = new QueueDriver({ maxReceiveCount: 3 });
  const [key] = queue.sendMany(1);
  receiveRepeatedly(queue, 3);
  const result = queue.receive();
  assert.deepEqual(result.messages, []);
  assert.deepEqual(result.deadLetters, [
    { slot: 0, key, bodyOffset: key, sentAtMs: startMs, receiveCount: 3 },
  ]);
  assert.deepEqual(queue.machine.counters(), {
    visible: 0,
    inflight: 0,
    delayed: 0,
    pendingDeadLetter: 1,
    total: 1,
    bytes: 10,
    oldestSentAtMs: undefined,
  });
  assert.deepEqual(queue.receive().deadLetters, [], 'a marked message is not listed twice');
});

test('a receive delivers the other messages while it dead-letters one', () => {
  const queue = new QueueDriver({ maxReceiveCount: 1 });
  const [poison] = queue.sendMany(1);
  queue.receive();
  queue.advance(30 * secondMs);
  const [healthy] = queue.sendMany(1);
  const result = queue.receive();
  assert.deepEqual(
    result.deadLetters.map((message) => message.key),
    [poison],
  );
  assert.deepEqual(
    result.messages.map((message) => message.key),
    [healthy],
  );
});

test('pendingDeadLetters lists marked messages until deadLetter removes them, and deadLetter is idempotent', () => {
  const queue = new QueueDriver({ maxReceiveCount: 1 });
  const [key] = queue.sendMany(1);
  receiveRepeatedly(queue, 1);
  queue.receive();
  assert.deepEqual(
    queue.machine.pendingDeadLetters().map((message) => message.key),
    [key],
  );
  queue.restart();
  assert.equal(queue.machine.pendingDeadLetters().length, 1, 'the mark survives a restart');
  assert.deepEqual(queue.apply({ type: 'deadLetter', key: key! }), { outcome: 'deadLettered' });
  assert.deepEqual(queue.apply({ type: 'deadLetter', key: key! }), { outcome: 'alreadyGone' });
  assert.equal(queue.machine.counters().total, 0);
});

test('deadLetter refuses a message that is not marked for dead-lettering', () => {
  const queue = new QueueDriver({ maxReceiveCount: 5 });
  const [key] = queue.sendMany(1);
  assert.deepEqual(queue.apply({ type: 'deadLetter', key: key! }), { outcome: 'notPending' });
  assert.equal(queue.machine.counters().visible, 1);
});

test('a receipt for a message marked for dead-lettering finds it gone', () => {
  const queue = new QueueDriver({ maxReceiveCount: 1, visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  const receipt = queue.receive().messages[0]!.receipt;
  queue.advance(10 * secondMs);
  queue.receive();
  assert.deepEqual(queue.delete(receipt), { outcome: 'alreadyGone' });
  assert.deepEqual(queue.changeVisibility(receipt, 0), { outcome: 'alreadyGone' });
});

test('without a redrive policy (maxReceiveCount 0) a message is redelivered forever', () => {
  const queue = new QueueDriver({ maxReceiveCount: 0 });
  queue.sendMany(1);
  receiveRepeatedly(queue, 50);
  assert.equal(queue.receive().messages[0]?.receiveCount, 51);
});

test('one receive dead-letters at most receiveDeadLetterCountMax messages', () => {
  const queue = new QueueDriver({ maxReceiveCount: 1, visibilityTimeoutMs: secondMs });
  const bound = sqsLimits.receiveDeadLetterCountMax;
  queue.sendMany(bound + 5);
  while (queue.receive().messages.length > 0);
  queue.advance(secondMs);
  assert.equal(queue.receive().deadLetters.length, bound);
  assert.equal(queue.receive().deadLetters.length, 5);
});

test('pending dead letters do not expire: the partition must finish moving them', () => {
  const queue = new QueueDriver({ maxReceiveCount: 1, retentionMs: 60 * secondMs });
  queue.sendMany(1);
  receiveRepeatedly(queue, 1);
  queue.receive();
  queue.advance(10 * 60 * secondMs);
  assert.deepEqual(queue.apply({ type: 'expire' }), { expiredCount: 0 });
  assert.equal(queue.machine.pendingDeadLetters().length, 1);
});

test('FIFO dead-lettering keeps group order: the head is set aside and the next message is delivered', () => {
  const queue = new QueueDriver({ fifo: true, maxReceiveCount: 1, visibilityTimeoutMs: secondMs });
  const first = queue.sendToGroup('a');
  const second = queue.sendToGroup('a');
  assert.equal(first.kind, 'sent');
  assert.equal(second.kind, 'sent');
  assert.equal(queue.receive(1).messages.length, 1);
  queue.advance(secondMs);
  const result = queue.receive(10);
  assert.deepEqual(
    result.deadLetters.map((message) => [message.key, message.groupId]),
    [[first.kind === 'sent' ? first.key : -1, 'a']],
  );
  assert.deepEqual(
    result.messages.map((message) => message.key),
    [second.kind === 'sent' ? second.key : -1],
  );
  assert.equal(queue.machine.pendingDeadLetters()[0]?.groupId, 'a');
});
