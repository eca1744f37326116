import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { decodeCommand } from './command-decoder.js';
import { encodeCommand } from './command-encoder.js';
import { CommandDecodeError, CommandEncodeError } from './errors.js';
import { defaultQueueConfig } from './queue-config.js';
import type { QueueCommand } from './queue-commands.js';

const nowMs = fc.nat({ max: 2 ** 45 });
const offset = fc.maxSafeNat();
const id = fc.stringMatching(/^[\x20-\x7e]{0,128}$/);
const u32 = fc.nat({ max: 0xffffffff });
const receipt = fc.record({ slot: u32, key: offset, receiveNumber: u32 });

const command: fc.Arbitrary<QueueCommand> = fc.oneof(
  fc.record({
    type: fc.constant('configure' as const),
    nowMs,
    config: fc.record({
      fifo: fc.boolean(),
      visibilityTimeoutMs: u32,
      delayMs: u32,
      retentionMs: u32,
      maxReceiveCount: u32,
      contentBasedDeduplication: fc.boolean(),
      deduplicationScope: fc.constantFrom('queue' as const, 'messageGroup' as const),
      fifoThroughputLimit: fc.constantFrom('perQueue' as const, 'perMessageGroupId' as const),
    }),
  }),
  fc.record(
    {
      type: fc.constant('send' as const),
      nowMs,
      messageId: id,
      bodyBytes: u32,
      delayMs: fc.nat({ max: 900_000 }),
      groupId: id,
      deduplicationId: id,
    },
    { requiredKeys: ['type', 'nowMs', 'messageId', 'bodyBytes'] },
  ),
  fc.record(
    {
      type: fc.constant('receive' as const),
      nowMs,
      countMax: fc.integer({ min: 1, max: 10 }),
      visibilityTimeoutMs: fc.nat({ max: 43_200_000 }),
      receiveRequestAttemptId: id,
    },
    { requiredKeys: ['type', 'nowMs', 'countMax'] },
  ),
  fc.record({ type: fc.constant('delete' as const), nowMs, receipt }),
  fc.record({
    type: fc.constant('deleteBatch' as const),
    nowMs,
    receipts: fc.array(receipt, { minLength: 1, maxLength: 10 }),
  }),
  fc.record({
    type: fc.constant('changeVisibility' as const),
    nowMs,
    receipt,
    visibilityTimeoutMs: fc.nat({ max: 43_200_000 }),
  }),
  fc.record({ type: fc.constantFrom('expire' as const, 'purge' as const), nowMs }),
  fc.record({
    type: fc.constantFrom('deadLetter' as const, 'moveOut' as const, 'reinsert' as const),
    nowMs,
    key: offset,
  }),
  fc.record(
    {
      type: fc.constant('moveIn' as const),
      nowMs,
      key: offset,
      bodyOffset: offset,
      sentAtMs: nowMs,
      receiveCount: u32,
      bodyBytes: u32,
      messageId: id,
      groupId: id,
      deduplicationId: id,
    },
    {
      requiredKeys: [
        'type',
        'nowMs',
        'key',
        'bodyOffset',
        'sentAtMs',
        'receiveCount',
        'bodyBytes',
        'messageId',
      ],
    },
  ),
);

test('every command decodes to exactly the command that was encoded', () => {
  const seed = testSeed(0x5eed_0004);
  console.log(`codec round trip: seed ${seed}`);
  fc.assert(
    fc.property(command, (original) => {
      assert.deepStrictEqual(decodeCommand(encodeCommand(original)), structuredClone(original));
    }),
    { seed, numRuns: 3000 },
  );
});

test('a command inside a larger buffer decodes from a plain Uint8Array view', () => {
  const encoded = encodeCommand({ type: 'reinsert', nowMs: 5, key: 9 });
  const padded = new Uint8Array(encoded.length + 8);
  padded.set(encoded, 4);
  assert.deepEqual(decodeCommand(padded.subarray(4, 4 + encoded.length)), {
    type: 'reinsert',
    nowMs: 5,
    key: 9,
  });
});

function expectDecodeError(bytes: Uint8Array, code: string): void {
  assert.throws(
    () => decodeCommand(bytes),
    (error: unknown) => error instanceof CommandDecodeError && error.code === code,
  );
}

test('an unknown command type is refused as unknownCommandType', () => {
  expectDecodeError(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0]), 'unknownCommandType');
  expectDecodeError(Buffer.from([200]), 'unknownCommandType');
});

test('a command cut short anywhere is refused as truncated, and extra bytes as trailingBytes', () => {
  const encoded = encodeCommand({
    type: 'send',
    nowMs: 1,
    messageId: 'message',
    bodyBytes: 3,
    groupId: 'group',
    deduplicationId: 'dedup',
  });
  expectDecodeError(Buffer.alloc(0), 'truncated');
  for (let length = 1; length < encoded.length; length++) {
    expectDecodeError(encoded.subarray(0, length), 'truncated');
  }
  expectDecodeError(Buffer.concat([encoded, Buffer.from([0])]), 'trailingBytes');
});

test('fields out of range, unknown flags and non-ASCII strings are refused as invalidField', () => {
  const receive = encodeCommand({ type: 'receive', nowMs: 1, countMax: 10 });
  const zeroCount = Buffer.from(receive);
  zeroCount.writeUInt32LE(0, 9);
  expectDecodeError(zeroCount, 'invalidField');
  const badFlags = Buffer.from(receive);
  badFlags[13] = 0x80;
  expectDecodeError(badFlags, 'invalidField');
  const fractionalTime = Buffer.from(receive);
  fractionalTime.writeDoubleLE(1.5, 1);
  expectDecodeError(fractionalTime, 'invalidField');
  const negativeTime = Buffer.from(receive);
  negativeTime.writeDoubleLE(-1, 1);
  expectDecodeError(negativeTime, 'invalidField');
  const send = Buffer.from(
    encodeCommand({ type: 'send', nowMs: 1, messageId: 'abc', bodyBytes: 1 }),
  );
  send[send.length - 1] = 0xe9;
  expectDecodeError(send, 'invalidField');
  const receipt = { slot: 1, key: 2, receiveNumber: 1 };
  const deleteBatch = encodeCommand({ type: 'deleteBatch', nowMs: 1, receipts: [receipt] });
  for (const count of [0, 11]) {
    const badCount = Buffer.from(deleteBatch);
    badCount[9] = count;
    expectDecodeError(badCount, 'invalidField');
  }
});

test('a deleteBatch holds 1 to 10 receipts and says how many, so a cut one is refused', () => {
  const receipt = { slot: 1, key: 2, receiveNumber: 1 };
  const encoded = encodeCommand({ type: 'deleteBatch', nowMs: 1, receipts: [receipt, receipt] });
  expectDecodeError(encoded.subarray(0, encoded.length - 16), 'truncated');
  const claimsThree = Buffer.from(encoded);
  claimsThree[9] = 3;
  expectDecodeError(claimsThree, 'truncated');
  assert.throws(
    () => encodeCommand({ type: 'deleteBatch', nowMs: 1, receipts: [] }),
    CommandEncodeError,
  );
  assert.throws(
    () => encodeCommand({ type: 'deleteBatch', nowMs: 1, receipts: Array(11).fill(receipt) }),
    CommandEncodeError,
  );
});

test('random bytes decode to a command or fail with CommandDecodeError, never anything else', () => {
  const seed = testSeed(0x5eed_0005);
  console.log(`codec fuzz: seed ${seed}`);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 180 }), fc.nat({ max: 12 }), (bytes, type) => {
      const withType = Uint8Array.from([type, ...bytes]);
      try {
        const decoded = decodeCommand(withType);
        assert.deepStrictEqual(decodeCommand(encodeCommand(decoded)), decoded);
      } catch (error) {
        if (!(error instanceof CommandDecodeError)) throw error;
      }
    }),
    { seed, numRuns: 5000 },
  );
});

test('encoding refuses non-ASCII or over-long ids and non-integer numbers', () => {
  const refuse = (bad: QueueCommand): void => {
    assert.throws(() => encodeCommand(bad), CommandEncodeError);
  };
  refuse({ type: 'send', nowMs: 1, messageId: 'é', bodyBytes: 1 });
  refuse({ type: 'send', nowMs: 1, messageId: 'x'.repeat(257), bodyBytes: 1 });
  refuse({ type: 'expire', nowMs: 1.5 });
  refuse({ type: 'reinsert', nowMs: 1, key: -1 });
  refuse({ type: 'receive', nowMs: 1, countMax: 11 });
  refuse({ type: 'configure', nowMs: 1, config: { ...defaultQueueConfig, delayMs: -1 } });
});
