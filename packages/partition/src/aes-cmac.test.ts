import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { AesCmac, aesCmacMethod } from './aes-cmac.js';

// Every test runs against both implementations: native/aes-cmac.c (AES-NI, the default where it
// is built) and node:crypto's AES-ECB ({ native: false }).
const implementations = [
  { name: 'default', options: {} },
  { name: 'node:crypto', options: { native: false } },
] as const;

// RFC 4493 section 4: the AES-128 key and message of its four examples.
const rfcKey = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
const rfcMessage = Buffer.from(
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51' +
    '30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
  'hex',
);

for (const { name, options } of implementations) {
  test(`${name}: the tags of RFC 4493 examples 1 to 4 (empty, one block, partial last block, four blocks) are the published ones`, () => {
    const cmac = new AesCmac(rfcKey, options);
    const expected: Array<[number, string]> = [
      [0, 'bb1d6929e95937287fa37d129b756746'],
      [16, '070a16b46b4d4144f79bdd9dd04a287c'],
      [40, 'dfa66747de9ae63030ca32611497c827'],
      [64, '51f0bebf7e3b9d92fc49741779363cfe'],
    ];
    for (const [length, tag] of expected) {
      assert.equal(
        cmac.mac(rfcMessage.subarray(0, length)).toString('hex'),
        tag,
        `${length} bytes`,
      );
    }
  });

  test(`${name}: tags computed for many messages at once equal each message computed alone`, () => {
    const cmac = new AesCmac(randomBytes(16), options);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 12 }),
        (size, count) => {
          const messages = randomBytes(size * count);
          const together = cmac.macEach(messages, size);
          assert.equal(together.length, 16 * count);
          for (let index = 0; index < count; index++) {
            const alone = cmac.mac(messages.subarray(index * size, (index + 1) * size));
            assert.deepEqual(together.subarray(index * 16, (index + 1) * 16), alone);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test(`${name}: tags of messages spaced by a stride cover each message and ignore the bytes between`, () => {
    const cmac = new AesCmac(randomBytes(16), options);
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

  test(`${name}: a key that is not 16 bytes, input that is not whole messages and a short stride are refused`, () => {
    assert.throws(() => new AesCmac(randomBytes(32), options), RangeError);
    const cmac = new AesCmac(randomBytes(16), options);
    assert.throws(() => cmac.macEach(randomBytes(43), 21), RangeError);
    assert.throws(() => cmac.macEach(randomBytes(5), 0), RangeError);
    assert.throws(() => cmac.macEach(randomBytes(75), 21, 37), RangeError);
    assert.throws(() => cmac.macEach(randomBytes(40), 21, 20), RangeError);
  });
}

function cpuHasAesNi(): boolean {
  if (process.platform !== 'linux' || process.arch !== 'x64') return false;
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return /^flags\s*:.*\baes\b/m.test(cpuinfo) && /^flags\s*:.*\bsse4_1\b/m.test(cpuinfo);
}

test('the AES-NI implementation is in use exactly where the CPU has AES-NI (the build made it)', () => {
  assert.equal(aesCmacMethod, cpuHasAesNi() ? 'aes-ni' : 'node-crypto');
});

test('the two implementations agree on any key, length, stride and count', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
      fc.integer({ min: 0, max: 70 }),
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 1, max: 12 }),
      (key, size, gap, count) => {
        const stride = size + gap;
        const slots = size === 0 ? Buffer.alloc(0) : randomBytes(stride * count);
        const native = new AesCmac(Buffer.from(key)).macEach(slots, size, stride);
        const portable = new AesCmac(Buffer.from(key), { native: false }).macEach(
          slots,
          size,
          stride,
        );
        assert.deepEqual(native, portable);
      },
    ),
    { numRuns: 300 },
  );
});

type NativeCmacEach = (...args: unknown[]) => void;

test('the native function refuses arguments that would read or write past its buffers', (t) => {
  if (!cpuHasAesNi()) return t.skip('this CPU has no AES-NI: the module is not used');
  const native = createRequire(import.meta.url)('../build/aes-cmac.node') as {
    aesCmacEach: NativeCmacEach;
  };
  const key = randomBytes(16);
  const messages = randomBytes(64);
  const out = Buffer.alloc(64);
  const refused = (...args: unknown[]) =>
    assert.throws(() => native.aesCmacEach(...args), RangeError);
  refused(key, messages, 21, 21, 4, out); // 3 * 21 + 21 = 84 > 64
  refused(key, messages, 21, 37, 3, out); // 2 * 37 + 21 = 95 > 64
  refused(key, messages, 65, 65, 1, out);
  refused(key, messages, 21, 20, 1, out); // a stride shorter than a message
  refused(key, messages, 16, 16, 4, Buffer.alloc(63)); // room for fewer than four tags
  refused(randomBytes(32), messages, 16, 16, 1, out);
  refused(key, messages, 16, 16, -1, out);
  refused(key, messages, 16.5, 16, 1, out);
  refused(key, messages, 16, 16, 2 ** 32, out);
  refused(key, messages, 16, 16, Number.NaN, out);
  refused('key', messages, 16, 16, 1, out);
  refused(key, new Uint16Array(32), 16, 16, 1, out);
  refused(key, messages, 16, 16, 1);
  // The largest layout that fits: four 16-byte messages, 16 apart, and three 21-byte ones 21
  // apart (63 bytes), each tag as node:crypto's.
  const portable = new AesCmac(key, { native: false });
  native.aesCmacEach(key, messages, 16, 16, 4, out);
  assert.deepEqual(out, portable.macEach(messages, 16));
  native.aesCmacEach(key, messages, 21, 21, 3, out);
  assert.deepEqual(out.subarray(0, 48), portable.macEach(messages.subarray(0, 63), 21));
});
