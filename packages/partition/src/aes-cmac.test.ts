import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { AesCmac } from './aes-cmac.js';

// RFC 4493 section 4: the AES-128 key and message of its four examples.
const rfcKey = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
const rfcMessage = Buffer.from(
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51' +
    '30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
  'hex',
);

test('the tags of RFC 4493 examples 1 to 4 (empty, one block, partial last block, four blocks) are the published ones', () => {
  const cmac = new AesCmac(rfcKey);
  const expected: Array<[number, string]> = [
    [0, 'bb1d6929e95937287fa37d129b756746'],
    [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'],
    [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ];
  for (const [length, tag] of expected) {
    assert.equal(cmac.mac(rfcMessage.subarray(0, length)).toString('hex'), tag, `${length} bytes`);
  }
});

test('tags computed for many messages at once equal each message computed alone', () => {
  const cmac = new AesCmac(randomBytes(16));
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 12 }), (size, count) => {
      const messages = randomBytes(size * count);
      const together = cmac.macEach(messages, size);
      assert.equal(together.length, 16 * count);
      for (let index = 0; index < count; index++) {
        const alone = cmac.mac(messages.subarray(index * size, (index + 1) * size));
        assert.deepEqual(together.subarray(index * 16, (index + 1) * 16), alone);
      }
    }),
    { numRuns: 200 },
  );
});

test('tags of messages spaced by a stride cover each message and ignore the bytes between', () => {
  const cmac = new AesCmac(randomBytes(16));
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 1, max: 12 }),
      (size, gap, count) => {
        const stride = size + gap;
        const slots = randomBytes(stride * count);
        const together = cmac.macEach(slots, size, stride);
        assert.equal(together.length, 16 * count);
        for (let index = 0; index < count; index++) {
          const start = index * stride;
          const alone = cmac.mac(slots.subarray(start, start + size));
          assert.deepEqual(together.subarray(index * 16, (index + 1) * 16), alone);
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('a key that is not 16 bytes, input that is not whole messages and a short stride are refused', () => {
  assert.throws(() => new AesCmac(randomBytes(32)), RangeError);
  const cmac = new AesCmac(randomBytes(16));
  assert.throws(() => cmac.macEach(randomBytes(43), 21), RangeError);
  assert.throws(() => cmac.macEach(randomBytes(5), 0), RangeError);
  assert.throws(() => cmac.macEach(randomBytes(75), 21, 37), RangeError);
  assert.throws(() => cmac.macEach(randomBytes(40), 21, 20), RangeError);
});
