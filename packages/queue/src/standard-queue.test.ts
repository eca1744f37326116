import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqsLimits } from '@sluice/core';
import { QueueDriver, hourMs, minuteMs, secondMs, startMs } from './testing/queue-driver.js';

test('a sent message is visible at once and is received with receive count 1 and a receipt', () => {
  const queue = new QueueDriver();
  const sent = queue.send();
  assert.deepEqual(sent, { kind: 'sent', key: 2, sequenceNumber: 2 });
  assert.equal(queue.machine.counters().visible, 1);
  queue.advance(5);
  const [message] = queue.receive().messages;
  assert.deepEqual(message, {
    slot: 0,
    key: 2,
    bodyOffset: 2,
    receiveCount: 1,
    sentAtMs: startMs,
    firstReceiveAtMs: startMs + 5,
    receipt: { slot: 0, key: 2, receiveNumber: 1 },
  });
});

test('receive returns visible messages oldest first and never more than countMax', () => {
  const queue = new QueueDriver();
  const keys = queue.sendMany(5);
  assert.deepEqual(queue.receiveKeys(3), keys.slice(0, 3));
  assert.deepEqual(queue.receiveKeys(10), keys.slice(3));
  assert.deepEqual(queue.receiveKeys(10), []);
});

test('a received message stays invisible for the visibility timeout, then is delivered again with a higher receive count', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * secondMs });
  const [key] = queue.sendMany(1);
  queue.receive();
  queue.advance(30 * secondMs - 1);
  assert.deepEqual(queue.receiveKeys(), []);
  assert.equal(queue.machine.counters().inflight, 1);
  queue.advance(1);
  const [again] = queue.receive().messages;
  assert.equal(again?.key, key);
  assert.equal(again?.receiveCount, 2);
  assert.equal(again?.firstReceiveAtMs, startMs, 'the first receive time is kept');
});

test("a receive's own VisibilityTimeout overrides the queue default", () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * secondMs });
  queue.sendMany(1);
  queue.receive(1, { visibilityTimeoutMs: 2 * secondMs });
  assert.equal(queue.machine.nextWakeAtMs(), startMs + 2 * secondMs);
  queue.advance(2 * secondMs);
  assert.equal(queue.receiveKeys().length, 1);
});

test('a receive with visibility timeout 0 leaves the message visible to the next receive', () => {
  const queue = new QueueDriver();
  queue.sendMany(1);
  assert.equal(queue.receiveKeys(1, 0).length, 1);
  assert.equal(queue.receiveKeys(1, 0).length, 1);
});

test('a per-message delay keeps a message invisible and counted as delayed until it elapses', () => {
  const queue = new QueueDriver();
  queue.send({ delayMs: 10 * secondMs });
  assert.deepEqual(queue.machine.counters().delayed, 1);
  assert.deepEqual(queue.receiveKeys(), []);
  assert.equal(queue.machine.nextWakeAtMs(), startMs + 10 * secondMs);
  queue.advance(10 * secondMs);
  assert.equal(queue.receiveKeys().length, 1);
});

test('the queue delay applies to later sends only on a standard queue, and a per-message delay overrides it', () => {
  const queue = new QueueDriver({ delayMs: 5 * secondMs });
  queue.send();
  queue.send({ delayMs: 0 });
  queue.configure({ delayMs: 0 });
  assert.deepEqual(queue.machine.counters(), {
    visible: 1,
    inflight: 0,
    delayed: 1,
    pendingDeadLetter: 0,
    total: 2,
    bytes: 20,
    oldestSentAtMs: startMs,
  });
  queue.advance(5 * secondMs).tick();
  assert.equal(queue.machine.counters().visible, 2);
});

test('time never moves backwards: a command stamped earlier is applied at the latest time seen', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  queue.receive();
  queue.advance(10 * secondMs);
  queue.apply({ type: 'expire' });
  queue.nowMs = startMs;
  const late = queue.send();
  assert.equal(late.kind, 'sent');
  assert.equal(queue.machine.nowMs, startMs + 10 * secondMs);
  assert.equal(queue.receiveKeys().length, 2, 'the in-flight message stayed visible');
});

test('at the in-flight limit a receive delivers nothing and reports overLimit', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: hourMs });
  const limit = sqsLimits.inflightStandardMax;
  queue.sendMany(limit + 1);
  let received = 0;
  while (received < limit - 5) {
    received += queue.receive(Math.min(10, limit - 5 - received)).messages.length;
  }
  const partial = queue.receive(10);
  assert.equal(partial.messages.length, 5, 'a receive near the limit fills up to it');
  assert.equal(partial.overLimit, false);
  const full = queue.receive(10);
  assert.deepEqual(full.messages, []);
  assert.equal(full.overLimit, true);
  queue.delete(partial.messages[0]!.receipt);
  assert.equal(queue.receive(10).messages.length, 1, 'deleting frees room again');
});

test('queries answer at the time of the last command applied, not at a later wall-clock time', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 10 * secondMs });
  queue.sendMany(1);
  queue.receive();
  queue.advance(10 * secondMs);
  assert.equal(queue.machine.counters().inflight, 1);
  queue.tick();
  assert.equal(queue.machine.counters().visible, 1);
});

test('counters report visible, in-flight, delayed and total messages and the oldest send time', () => {
  const queue = new QueueDriver();
  queue.sendMany(3);
  queue.advance(minuteMs);
  queue.send({ delayMs: minuteMs });
  queue.receive(1);
  assert.deepEqual(queue.machine.counters(), {
    visible: 2,
    inflight: 1,
    delayed: 1,
    pendingDeadLetter: 0,
    total: 4,
    bytes: 40,
    oldestSentAtMs: startMs,
  });
});

test('nextWakeAtMs is the earliest time a delayed or in-flight message becomes visible', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * secondMs });
  assert.equal(queue.machine.nextWakeAtMs(), undefined);
  queue.send({ delayMs: 40 * secondMs });
  queue.sendMany(1);
  queue.receive();
  assert.equal(queue.machine.nextWakeAtMs(), startMs + 30 * secondMs);
});

test('hasReceivable tells whether a receive at a given time would find a message', () => {
  const queue = new QueueDriver();
  assert.equal(queue.machine.hasReceivable(startMs), false);
  queue.send({ delayMs: 10 * secondMs });
  assert.equal(queue.machine.hasReceivable(startMs), false);
  assert.equal(queue.machine.hasReceivable(startMs + 10 * secondMs), true);
});

test('peek shows what a receive would deliver without changing anything', () => {
  const queue = new QueueDriver();
  const keys = queue.sendMany(3);
  const digest = queue.machine.digest();
  const peeked = queue.machine.peek(2);
  assert.deepEqual(
    peeked.map((message) => message.key),
    keys.slice(0, 2),
  );
  assert.equal(queue.machine.digest(), digest);
  assert.deepEqual(queue.receiveKeys(2), keys.slice(0, 2));
});

test('an invalid configuration is rejected naming the field, and the old one stays', () => {
  const queue = new QueueDriver();
  const result = queue.configure({ visibilityTimeoutMs: 12 * hourMs + 1 });
  assert.deepEqual(result, { kind: 'rejected', field: 'visibilityTimeoutMs' });
  assert.equal(queue.machine.config.visibilityTimeoutMs, 30 * secondMs);
  assert.deepEqual(queue.configure({ retentionMs: 59 * secondMs }), {
    kind: 'rejected',
    field: 'retentionMs',
  });
  assert.deepEqual(queue.configure({ maxReceiveCount: 1001 }), {
    kind: 'rejected',
    field: 'maxReceiveCount',
  });
});

test('applying the same commands to two machines gives the same results and the same digest', () => {
  const run = (): [unknown[], string] => {
    const queue = new QueueDriver({ maxReceiveCount: 2 });
    const results: unknown[] = [];
    for (let round = 0; round < 20; round++) {
      results.push(queue.send({ delayMs: (round % 3) * secondMs }));
      queue.advance(7 * secondMs);
      const received = queue.receive(3, { visibilityTimeoutMs: 10 * secondMs });
      results.push(received);
      if (round % 2 === 0 && received.messages[0] !== undefined) {
        results.push(queue.delete(received.messages[0].receipt));
      }
    }
    return [results, queue.machine.digest()];
  };
  assert.deepEqual(run(), run());
});
