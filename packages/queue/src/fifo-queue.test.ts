import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueDriver, secondMs } from './testing/queue-driver.js';

function sentKey(result: ReturnType<QueueDriver['send']>): number {
  assert.equal(result.kind, 'sent');
  return result.kind === 'sent' ? result.key : -1;
}

test('messages of one group are delivered in send order and the group is blocked while any is in flight', () => {
  const queue = new QueueDriver({ fifo: true });
  const keys = [1, 2, 3].map(() => sentKey(queue.sendToGroup('a')));
  const first = queue.receive(1).messages;
  assert.deepEqual(
    first.map((message) => message.key),
    [keys[0]],
  );
  assert.deepEqual(queue.receive(10).messages, [], 'the group waits for its in-flight message');
  queue.delete(first[0]!.receipt);
  assert.deepEqual(queue.receiveKeys(10), keys.slice(1));
});

test('a receive returns as many messages of one group as it can, then other groups, oldest group first', () => {
  const queue = new QueueDriver({ fifo: true });
  const b1 = sentKey(queue.sendToGroup('b'));
  const a1 = sentKey(queue.sendToGroup('a'));
  const b2 = sentKey(queue.sendToGroup('b'));
  const a2 = sentKey(queue.sendToGroup('a'));
  const c1 = sentKey(queue.sendToGroup('c'));
  assert.deepEqual(queue.receiveKeys(3), [b1, b2, a1]);
  assert.deepEqual(queue.receiveKeys(10), [c1], 'groups a and b are blocked');
  assert.ok(a2 > a1);
});

test('when the visibility timeout passes, a group is redelivered from its first undeleted message in order', () => {
  const queue = new QueueDriver({ fifo: true, visibilityTimeoutMs: 10 * secondMs });
  const keys = [1, 2, 3].map(() => sentKey(queue.sendToGroup('a')));
  const received = queue.receive(2).messages;
  queue.delete(received[0]!.receipt);
  queue.advance(10 * secondMs);
  const again = queue.receive(10).messages;
  assert.deepEqual(
    again.map((message) => [message.key, message.receiveCount]),
    [
      [keys[1], 2],
      [keys[2], 1],
    ],
  );
});

test('a message made visible early stays blocked behind an in-flight message of its group', () => {
  const queue = new QueueDriver({ fifo: true });
  const keys = [1, 2].map(() => sentKey(queue.sendToGroup('a')));
  const [first, second] = queue.receive(2).messages;
  queue.changeVisibility(second!.receipt, 0);
  assert.deepEqual(queue.receiveKeys(), []);
  queue.delete(first!.receipt);
  assert.deepEqual(queue.receiveKeys(), [keys[1]]);
});

test('sequence numbers strictly increase with every send', () => {
  const queue = new QueueDriver({ fifo: true });
  const numbers = ['a', 'b', 'a', 'c'].map((group) => {
    const result = queue.sendToGroup(group);
    return result.kind === 'sent' ? result.sequenceNumber : -1;
  });
  for (let index = 1; index < numbers.length; index++) {
    assert.ok(numbers[index]! > numbers[index - 1]!);
  }
});

test('a FIFO queue delay is retroactive: changing it re-times messages still delayed', () => {
  const queue = new QueueDriver({ fifo: true, delayMs: 60 * secondMs });
  queue.sendToGroup('a');
  queue.advance(10 * secondMs);
  queue.configure({ delayMs: 5 * secondMs });
  const [early] = queue.receive().messages;
  assert.ok(early !== undefined, 'sent 10 s ago with a 5 s delay: visible now');
  queue.delete(early.receipt);
  queue.configure({ delayMs: 60 * secondMs });
  queue.sendToGroup('b');
  queue.advance(10 * secondMs);
  queue.configure({ delayMs: 30 * secondMs });
  assert.equal(queue.machine.counters().delayed, 1);
  queue.advance(20 * secondMs);
  assert.equal(queue.receiveKeys().length, 1);
});

test('a delayed head blocks its group: a later message of the group may not overtake it', () => {
  const queue = new QueueDriver({ fifo: true, delayMs: 5 * secondMs });
  const delayed = sentKey(queue.sendToGroup('a'));
  assert.deepEqual(queue.moveIn({ groupId: 'a' }), { kind: 'movedIn' });
  assert.deepEqual(queue.receiveKeys(), []);
  queue.advance(5 * secondMs);
  assert.equal(queue.receiveKeys()[0], delayed);
});

test('the queue type cannot change once the queue held a message', () => {
  const queue = new QueueDriver({ fifo: false });
  assert.deepEqual(queue.configure({ fifo: true }), { kind: 'configured' });
  queue.sendToGroup('a');
  assert.deepEqual(queue.configure({ fifo: false }), { kind: 'rejected', field: 'fifo' });
  assert.equal(queue.machine.config.fifo, true);
});

test('received and peeked FIFO messages carry their group id', () => {
  const queue = new QueueDriver({ fifo: true });
  queue.sendToGroup('orders');
  assert.equal(queue.machine.peek(1)[0]?.groupId, 'orders');
  assert.equal(queue.receive().messages[0]?.groupId, 'orders');
});

test('a FIFO send without ids or with a per-message delay is a caller bug and is refused by assertion', () => {
  const queue = new QueueDriver({ fifo: true });
  assert.throws(() => queue.send({ groupId: 'a' }), { code: 'ERR_ASSERTION' });
  assert.throws(() => queue.send({ groupId: 'a', deduplicationId: 'd', delayMs: 1 }), {
    code: 'ERR_ASSERTION',
  });
  assert.equal(queue.machine.counters().total, 0);
});
