import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
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

test('a handle respelled so that it decodes to the same bytes is rejected: only the canonical spelling is genuine', () => {
  const codec = new ReceiptHandleCodec(randomBytes(32));
  for (let slot = 0; slot < 64; slot++) {
    const handle = codec.encode({ ...fields, slot });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The last character's low four bits are unused: the next character decodes the same.
    const last = alphabet[alphabet.indexOf(handle.at(-1)!) + 1]!;
    const respelled = [
      `${handle.slice(0, -1)}${last}`,
      handle.replaceAll('-', '+').replaceAll('_', '/'),
      `${handle.slice(0, 10)}\n${handle.slice(11)}`,
    ];
    assert.equal(
      Buffer.from(respelled[0]!, 'base64url').equals(Buffer.from(handle, 'base64url')),
      true,
    );
    for (const candidate of respelled) {
      if (candidate !== handle) assert.equal(codec.decode(candidate), undefined, candidate);
    }
    assert.deepEqual(codec.decode(handle), { ...fields, slot });
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

test('a handle is checked by its MAC alone: a codec with the same secret, as after a restart, decodes it', () => {
  const secret = randomBytes(32);
  const handle = new ReceiptHandleCodec(secret).encode(fields);
  const codec = new ReceiptHandleCodec(secret);
  assert.deepEqual(codec.decode(handle), fields);
  assert.equal(
    codec.decode(`${handle.slice(0, -1)}${handle.endsWith('A') ? 'B' : 'A'}`),
    undefined,
  );
});

test('handles sealed together in one receive each decode to their own fields', () => {
  const secret = randomBytes(32);
  const codec = new ReceiptHandleCodec(secret);
  const restarted = new ReceiptHandleCodec(secret);
  const receipts = Array.from({ length: 10 }, (_, index) => ({
    slot: index * 1_000,
    key: 2 ** 40 + index,
    receiveNumber: index + 1,
  }));
  const handles = codec.encodeEach(fields.queueId, receipts);
  assert.equal(new Set(handles).size, 10);
  handles.forEach((handle, index) => {
    assert.deepEqual(codec.decode(handle), { queueId: fields.queueId, ...receipts[index] });
    assert.deepEqual(restarted.decode(handle), { queueId: fields.queueId, ...receipts[index] });
  });
  assert.deepEqual(codec.encodeEach(fields.queueId, []), []);
});

test('a version 1 handle (HMAC-SHA256, issued before the upgrade) still decodes, and cannot be passed off as version 2', () => {
  const secret = randomBytes(32);
  const sealed = Buffer.alloc(21);
  sealed.writeUInt8(1, 0);
  sealed.writeUInt32BE(fields.queueId, 1);
  sealed.writeUInt32BE(fields.slot, 5);
  sealed.writeDoubleBE(fields.key, 9);
  sealed.writeUInt32BE(fields.receiveNumber, 17);
  const mac = createHmac('sha256', secret).update(sealed).digest().subarray(0, 16);
  const versionOne = Buffer.concat([sealed, mac]);
  const codec = new ReceiptHandleCodec(secret);
  assert.deepEqual(codec.decode(versionOne.toString('base64url')), fields);
  const relabelled = Buffer.from(versionOne);
  relabelled.writeUInt8(2, 0);
  assert.equal(codec.decode(relabelled.toString('base64url')), undefined);
  const unknownVersion = Buffer.from(versionOne);
  unknownVersion.writeUInt8(3, 0);
  assert.equal(codec.decode(unknownVersion.toString('base64url')), undefined);
});

test('decodeEach gives exactly what decode gives each handle: genuine, repeated, tampered, foreign, version 1 or garbage', () => {
  const secret = randomBytes(32);
  const codec = new ReceiptHandleCodec(secret);
  const made = Array.from({ length: 8 }, (_, index) =>
    codec.encode({ ...fields, slot: index, receiveNumber: index + 1 }),
  );
  const sealed = Buffer.alloc(21);
  sealed.writeUInt8(1, 0);
  sealed.writeUInt32BE(fields.slot, 5);
  const versionOne = Buffer.concat([
    sealed,
    createHmac('sha256', secret).update(sealed).digest().subarray(0, 16),
  ]).toString('base64url');
  const tamper = (handle: string, at: number): string =>
    handle.slice(0, at) + (handle[at] === 'A' ? 'B' : 'A') + handle.slice(at + 1);
  const foreign = new ReceiptHandleCodec(randomBytes(32)).encode(fields);
  const handles = [
    ...made,
    tamper(made[0]!, 30),
    tamper(made[7]!, 5),
    made[2]!,
    foreign,
    versionOne,
    '',
    'garbage',
  ];
  const expected = handles.map((handle) => codec.decode(handle));
  assert.equal(expected.filter((result) => result !== undefined).length, 10);
  assert.deepEqual(codec.decodeEach(handles), expected);
  assert.deepEqual(codec.decodeEach([]), []);
});
