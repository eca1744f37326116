import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { bodyDigestMethod, digestBodies } from './md5.js';

// digestBodies encodes a batch's bodies as UTF-8 and hashes them sixteen at a time in
// native/md5-lanes.c where the CPU has AVX-512; every digest must be node:crypto's MD5 of the
// body as UTF-8, and every encoding Buffer.from's.

const reference = (body: string) => hash('md5', body, 'hex');

/** The digests, after checking that each body's bytes are its UTF-8 encoding. */
function md5OfMessageBodies(bodies: readonly string[]): string[] {
  const { md5s, utf8 } = digestBodies(bodies);
  assert.equal(utf8.length, bodies.length);
  utf8.forEach((bytes, index) => {
    assert.ok(Buffer.from(bytes).equals(Buffer.from(bodies[index]!, 'utf8')), `body ${index}`);
  });
  return md5s;
}

function cpuHasAvx512(): boolean {
  if (process.platform !== 'linux' || process.arch !== 'x64') return false;
  return /^flags\s*:.*\bavx512f\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
}

test('the sixteen-lane MD5 is in use exactly where the CPU has AVX-512 (the build made it)', () => {
  assert.equal(bodyDigestMethod, cpuHasAvx512() ? 'avx512-lanes' : 'one-by-one');
});

test('every body length from 0 to 200 bytes, across the padding boundaries, digests as MD5', () => {
  const bodies = Array.from({ length: 201 }, (_, length) => 'a'.repeat(length));
  assert.deepEqual(md5OfMessageBodies(bodies), bodies.map(reference));
});

test('bodies of very different lengths in one pass each get their own digest', () => {
  const bodies = ['', 'x'.repeat(300_000), 'é', '😀'.repeat(5000), 'b'.repeat(63), 'c'.repeat(64)];
  assert.deepEqual(md5OfMessageBodies(bodies), bodies.map(reference));
  // Larger than the scratch space kept between calls, and the kept scratch still right after.
  const large = Array.from({ length: 5 }, (_, index) => String(index).repeat(100_000));
  assert.deepEqual(md5OfMessageBodies(large), large.map(reference));
  assert.deepEqual(md5OfMessageBodies(bodies), bodies.map(reference));
});

test('any batch of any strings, lone surrogates included, digests as node:crypto does', () => {
  const codeUnit = fc.nat(0xffff).map((unit) => String.fromCharCode(unit));
  const body = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: codeUnit, maxLength: 80 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 50, maxLength: 2000 }),
  );
  fc.assert(
    fc.property(fc.array(body, { maxLength: 40 }), (bodies) => {
      assert.deepEqual(md5OfMessageBodies(bodies), bodies.map(reference));
    }),
    { seed: 20261123, numRuns: 300 },
  );
});

type Md5Lanes = (scratch: unknown, spans: unknown, out: unknown) => void;

test('the native function refuses spans it cannot hash instead of reading past its buffers', (t) => {
  if (!cpuHasAvx512()) return t.skip('this CPU has no AVX-512: the module is not used');
  const native = createRequire(import.meta.url)('../build/md5-lanes.node') as {
    md5Lanes: Md5Lanes;
  };
  const bytes = Buffer.alloc(256, 0x61);
  const out = Buffer.alloc(16 * 16);
  const spans = (...words: number[]) => Uint32Array.from(words);
  const refused = (bytesArg: unknown, spansArg: unknown, outArg: unknown) =>
    assert.throws(() => native.md5Lanes(bytesArg, spansArg, outArg), RangeError);
  refused(bytes, spans(), out);
  refused(bytes, spans(0), out);
  refused(bytes, new Uint32Array(34), out);
  refused(bytes, spans(0, 257), out);
  refused(bytes, spans(200, 57), out);
  refused(bytes, spans(257, 0), out);
  refused(bytes, spans(2 ** 32 - 1, 2), out);
  refused(bytes, spans(1, 2 ** 32 - 1), out);
  refused(bytes, spans(0, 3, 64, 3), Buffer.alloc(31));
  refused('not bytes', spans(0, 3), out);
  refused(bytes, [0, 3], out);
  refused(bytes, new Int32Array([0, 3]), out);
  refused(bytes, spans(0, 3), new Uint16Array(16));
  // The edges of what fits are hashed, and the bytes are only read.
  const before = Buffer.from(bytes);
  native.md5Lanes(bytes, spans(0, 256, 200, 56, 256, 0), out);
  assert.equal(out.toString('hex', 0, 16), reference('a'.repeat(256)));
  assert.equal(out.toString('hex', 16, 32), reference('a'.repeat(56)));
  assert.equal(out.toString('hex', 32, 48), reference(''));
  assert.ok(bytes.equals(before));
});
