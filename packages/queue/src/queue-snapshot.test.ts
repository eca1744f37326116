import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { QueueSnapshotError } from './errors.js';
import { QueueStateMachine } from './queue-state-machine.js';
import { SnapshotBuffers } from './snapshot-buffers.js';
import { QueueDriver, secondMs } from './testing/queue-driver.js';

/** A queue with messages in every state, receipts outstanding and FIFO side tables. */
function busyQueue(fifo: boolean): {
  queue: QueueDriver;
  receipts: ReturnType<QueueDriver['receive']>;
} {
  const queue = new QueueDriver({ fifo, maxReceiveCount: 2, visibilityTimeoutMs: 10 * secondMs });
  for (let index = 0; index < 12; index++) {
    if (fifo) queue.sendToGroup(`group-${index % 3}`, `dedup-${index}`);
    else queue.send({ delayMs: index % 4 === 0 ? 60 * secondMs : 0 });
  }
  const first = queue.receive(10);
  queue.delete(first.messages[0]!.receipt);
  queue.advance(10 * secondMs);
  queue.receive(10);
  queue.advance(10 * secondMs);
  queue.receive(10);
  const receipts = queue.receive(10, { receiveRequestAttemptId: 'attempt' });
  queue.moveIn(fifo ? { groupId: 'moved' } : {});
  return { queue, receipts };
}

function concatenated(chunks: readonly Uint8Array[]): Buffer {
  return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
}

for (const fifo of [false, true]) {
  const kind = fifo ? 'FIFO' : 'standard';

  test(`a restored ${kind} queue has the same digest and accepts receipts issued before the snapshot`, () => {
    const { queue, receipts } = busyQueue(fifo);
    assert.ok(queue.machine.pendingDeadLetters().length > 0 || fifo);
    const before = queue.machine.digest();
    const counters = queue.machine.counters();
    queue.restart();
    assert.equal(queue.machine.digest(), before);
    assert.deepEqual(queue.machine.counters(), counters);
    for (const message of receipts.messages) {
      assert.deepEqual(queue.delete(message.receipt), { outcome: 'deleted' });
    }
  });

  test(`a restored ${kind} queue gives the same future results as the original, slots included`, () => {
    const { queue } = busyQueue(fifo);
    const restored = QueueStateMachine.restore(queue.machine.snapshot());
    for (let step = 0; step < 30; step++) {
      queue.advance(3 * secondMs);
      const offset = ++queue.offset;
      const command =
        step % 3 === 0
          ? { type: 'receive' as const, nowMs: queue.nowMs, countMax: 4 }
          : fifo
            ? {
                type: 'send' as const,
                nowMs: queue.nowMs,
                messageId: 'x',
                bodyBytes: 1,
                groupId: `g${step % 4}`,
                deduplicationId: `new-${step}`,
              }
            : { type: 'send' as const, nowMs: queue.nowMs, messageId: 'x', bodyBytes: 1 };
      assert.deepEqual(restored.apply(command, offset), queue.machine.apply(command, offset));
    }
    assert.equal(restored.digest(), queue.machine.digest());
  });
}

test('restore reads the snapshot whatever its chunk boundaries', () => {
  const { queue } = busyQueue(true);
  const bytes = concatenated(queue.machine.snapshot());
  const digest = queue.machine.digest();
  assert.equal(QueueStateMachine.restore([bytes]).digest(), digest);
  const split = [
    bytes.subarray(0, 3),
    bytes.subarray(3, 3),
    bytes.subarray(3, 101),
    bytes.subarray(101),
  ];
  assert.equal(QueueStateMachine.restore(split).digest(), digest);
});

test('the digest changes when the state does and not when nothing happened', () => {
  const queue = new QueueDriver();
  queue.sendMany(2);
  const before = queue.machine.digest();
  assert.equal(queue.machine.digest(), before);
  queue.receive(1);
  assert.notEqual(queue.machine.digest(), before);
});

function expectSnapshotError(chunks: readonly Uint8Array[], code: string): void {
  assert.throws(
    () => QueueStateMachine.restore(chunks),
    (error: unknown) => error instanceof QueueSnapshotError && error.code === code,
  );
}

test('a truncated snapshot is refused as truncated, at every length', () => {
  const { queue } = busyQueue(true);
  const bytes = concatenated(queue.machine.snapshot());
  for (let length = 0; length < bytes.length; length++) {
    assert.throws(
      () => QueueStateMachine.restore([bytes.subarray(0, length)]),
      (error: unknown) => error instanceof QueueSnapshotError,
      `length ${length}`,
    );
  }
  expectSnapshotError([bytes.subarray(0, bytes.length - 1)], 'truncated');
});

test('bad magic, an unknown version and trailing bytes are refused with their own codes', () => {
  const bytes = concatenated(busyQueue(false).queue.machine.snapshot());
  const badMagic = Buffer.from(bytes);
  badMagic[0] = 0;
  expectSnapshotError([badMagic], 'badMagic');
  const badVersion = Buffer.from(bytes);
  badVersion.writeUInt16LE(99, 4);
  expectSnapshotError([badVersion], 'unsupportedVersion');
  expectSnapshotError([bytes, Buffer.from([0])], 'trailingBytes');
});

test('impossible slot contents are refused: an unknown state, a broken free list, a repeated key', () => {
  const queue = new QueueDriver();
  queue.sendMany(3);
  queue.delete(queue.receive(1).messages[0]!.receipt);
  const chunks = queue.machine.snapshot();
  const [header, keys, , , , , , , , states, , next] = chunks;
  const withChunk = (index: number, chunk: Uint8Array): Uint8Array[] =>
    chunks.map((original, position) => (position === index ? chunk : original));
  const badState = Uint8Array.from(states!);
  badState[1] = 9;
  expectSnapshotError(withChunk(9, badState), 'invalidValue');
  const cycle = new Int32Array(Uint8Array.from(next!).buffer);
  cycle[0] = 0;
  expectSnapshotError(withChunk(11, new Uint8Array(cycle.buffer)), 'inconsistent');
  const repeated = new Float64Array(Uint8Array.from(keys!).buffer);
  repeated[2] = repeated[1]!;
  expectSnapshotError(withChunk(1, new Uint8Array(repeated.buffer)), 'inconsistent');
  assert.ok(header !== undefined);
});

test('random damage to snapshot bytes yields a QueueSnapshotError or a valid queue, never another failure', () => {
  const seed = testSeed(0x5eed_0003);
  console.log(`snapshot damage: seed ${seed}`);
  const bytes = concatenated(busyQueue(true).queue.machine.snapshot());
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ position: fc.nat({ max: bytes.length - 1 }), value: fc.nat({ max: 255 }) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      (damage) => {
        const damaged = Buffer.from(bytes);
        for (const { position, value } of damage) damaged[position] = value;
        try {
          const machine = QueueStateMachine.restore([damaged]);
          machine.digest();
          machine.counters();
          machine.apply({ type: 'receive', nowMs: machine.nowMs, countMax: 10 }, 1_000_000);
        } catch (error) {
          if (!(error instanceof QueueSnapshotError)) throw error;
        }
      },
    ),
    { seed, numRuns: 1000 },
  );
});

test('snapshots copied into reused buffers restore to the state of their moment, the second one after changes', () => {
  const { queue } = busyQueue(false);
  const buffers = new SnapshotBuffers({ bytesMax: 1 << 20, bytesKept: 0 });
  buffers.lease();
  const first = queue.machine.snapshot(buffers);
  assert.equal(QueueStateMachine.restore(first).digest(), queue.machine.digest());
  assert.deepEqual(concatenated(first), concatenated(queue.machine.snapshot()));
  buffers.release();
  for (let index = 0; index < 5; index++) queue.send({});
  queue.receive(3);
  buffers.lease();
  const second = queue.machine.snapshot(buffers);
  assert.equal(QueueStateMachine.restore(second).digest(), queue.machine.digest());
  buffers.release();
});

test('a version 1 snapshot (no arrivals) restores with every arrival at its key, so its receipts stay valid', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * secondMs });
  queue.sendMany(3);
  queue.moveIn({ key: 2_000, bodyOffset: 2_000 });
  const received = queue.receive(10).messages;
  assert.equal(received.length, 4);
  // Version 2's chunks are the header, the 12 slot arrays (arrival deltas last) and the tail,
  // which ends with the count of far arrivals (none here).
  const chunks = queue.machine.snapshot();
  assert.equal(chunks.length, 14);
  const header = Buffer.from(chunks[0]!);
  assert.equal(header.readUInt16LE(4), 2);
  header.writeUInt16LE(1, 4);
  const tail = Buffer.from(chunks[13]!);
  assert.equal(tail.readUInt32LE(tail.length - 4), 0);
  const versionOne = [header, ...chunks.slice(1, 12), tail.subarray(0, tail.length - 4)];
  const restored = QueueStateMachine.restore(versionOne);
  for (const message of received) {
    // Version 1 receipts named the key; the moved-in message's did too.
    const receipt = { ...message.receipt, key: message.key };
    assert.deepEqual(restored.apply({ type: 'delete', nowMs: queue.nowMs, receipt }, 10_000), {
      outcome: 'deleted',
    });
  }
  assert.equal(restored.counters().total, 0);
});

test('an arrival too far past its key for 32 bits is kept whole, across a snapshot, and freed with its message', () => {
  const queue = new QueueDriver({ visibilityTimeoutMs: 30 * secondMs });
  const key = 5;
  const arrival = key + 2 ** 32 + 7;
  const moveIn = {
    type: 'moveIn' as const,
    nowMs: queue.nowMs,
    key,
    bodyOffset: key,
    sentAtMs: queue.nowMs,
    receiveCount: 0,
    bodyBytes: 10,
    messageId: 'far',
  };
  assert.deepEqual(queue.machine.apply(moveIn, arrival), { kind: 'movedIn' });
  const receipt = queue.receive(1).messages[0]!.receipt;
  assert.equal(receipt.key, arrival);
  const restored = QueueStateMachine.restore(queue.machine.snapshot());
  assert.equal(restored.digest(), queue.machine.digest());
  const nowMs = queue.nowMs;
  assert.deepEqual(
    restored.apply(
      { type: 'delete', nowMs, receipt: { ...receipt, key: arrival - 1 } },
      arrival + 1,
    ),
    { outcome: 'alreadyGone' },
  );
  assert.deepEqual(restored.apply({ type: 'delete', nowMs, receipt }, arrival + 2), {
    outcome: 'deleted',
  });
  // The freed slot's far arrival is gone: a message sent into the same slot arrives at its key.
  const sent = restored.apply(
    { type: 'send', nowMs, messageId: 'next', bodyBytes: 10 },
    arrival + 3,
  );
  assert.equal(sent.kind, 'sent');
  const again = restored.apply({ type: 'receive', nowMs, countMax: 1 }, arrival + 4);
  assert.equal(again.messages[0]!.receipt.slot, receipt.slot);
  assert.equal(again.messages[0]!.receipt.key, arrival + 3);
  assert.equal(QueueStateMachine.restore(restored.snapshot()).digest(), restored.digest());
});
