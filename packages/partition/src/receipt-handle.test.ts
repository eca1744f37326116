import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ReceiptHandleCodec } from './receipt-handle.js';

const fields = { queueId: 7, slot: 123_456, key: 9_007_199_254_740, receiveNumber: 3 };

test('a receipt handle decodes to the fields it was made from', () => {
  const codec = new ReceiptHandleCodec(randomBytes(32));
  assert.deepEqual(codec.decode(codec.encode(fields)), fields);
});

test('a handle with any single character changed is rejected, so handles cannot be forged', () => {
  const codec = new ReceiptHandleCodec(randomBytes(32));
  const handle = codec.encode(fields);
  for (let index = 0; index < handle.length; index++) {
    const replacement = handle[index] === 'A' ? 'B' : 'A';
    const tampered = handle.slice(0, index) + replacement + handle.slice(index + 1);
    assert.equal(codec.decode(tampered), undefined, `position ${index} was accepted`);
  }
});

test('a handle made under another secret is rejected', () => {
  const handle = new ReceiptHandleCodec(randomBytes(32)).encode(fields);
  assert.equal(new ReceiptHandleCodec(randomBytes(32)).decode(handle), undefined);
});

test('garbage, empty and truncated handles are rejected without throwing', () => {
  const codec = new ReceiptHandleCodec(randomBytes(32));
  const handle = codec.encode(fields);
  for (const candidate of ['', 'x', handle.slice(1), `${handle}A`, '%%%%', 'a'.repeat(10_000)]) {
    assert.equal(codec.decode(candidate), undefined);
  }
});
