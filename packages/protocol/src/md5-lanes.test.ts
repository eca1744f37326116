import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { bodyDigestMethod, digestBodies } from './md5.js';

// digestBodies encodes a batch's bodies as UTF-8 and hashes them sixteen at a time in
// native/md5-lanes.c where the CPU has AVX-512 or AVX2; every digest must be node:crypto's MD5 of
// the body as UTF-8, and every encoding Buffer.from's.

const reference = (body: string | Uint8Array) => hash('md5', body, 'hex');

/** The digests, after checking that each body's bytes are its UTF-8 encoding. */
function md5OfMessageBodies(bodies: readonly string[]): string[] {
  const { md5s, utf8 } = digestBodies(bodies);
  assert.equal(utf8.length, bodies.length);
  utf8.forEach((bytes, index) => {
    assert.ok(Buffer.from(bytes).equals(Buffer.from(bodies[index]!, 'utf8')), `body ${index}`);
  });
  return md5s;
}

/** The instruction sets this CPU has, as /proc/cpuinfo reports them, that the module can use. */
function cpuInstructionSets(): { avx512: boolean; avx2: boolean } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { avx512: false, avx2: false };
  const flags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
  return { avx512: /\bavx512f\b/.test(flags), avx2: /\bavx2\b/.test(flags) };
}

type Md5Lanes = (scratch: unknown, spans: unknown, out: unknown) => void;

/** Every implementation the module offers on this CPU, by instruction set. */
function nativeImplementations(): [string, Md5Lanes][] {
  const { avx512, avx2 } = cpuInstructionSets();
  if (!avx512 && !avx2) return [];
  const native = createRequire(import.meta.url)('../build/md5-lanes.node') as {
    byInstructionSet: Record<string, Md5Lanes>;
  };
  return Object.entries(native.byInstructionSet);
}

test('the lanes in use are the widest this CPU has (the build made them)', () => {
  const { avx512, avx2 } = cpuInstructionSets();
  const expected = avx512 ? 'avx512-lanes' : avx2 ? 'avx2-lanes' : 'one-by-one';
  assert.equal(bodyDigestMethod, expected);
  // Each implementation the CPU has is offered, so the next test checks each of them.
  const offered = nativeImplementations().map(([name]) => name);
  assert.deepEqual(offered, [...(avx512 ? ['avx512'] : []), ...(avx2 ? ['avx2'] : [])]);
});

test('every implementation the CPU has digests 1 to 16 random bodies as node:crypto does', (t) => {
  const implementations = nativeImplementations();
  if (implementations.length === 0) return t.skip('this CPU has neither AVX-512 nor AVX2');
  const body = fc.uint8Array({ maxLength: 600 });
  for (const [name, md5Lanes] of implementations) {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 16 }), (bodies) => {
        const bytes = Buffer.concat(bodies);
        const spans = new Uint32Array(2 * bodies.length);
        let at = 0;
        bodies.forEach((one, index) => {
          spans[2 * index] = at;
          spans[2 * index + 1] = one.length;
          at += one.length;
        });
        const out = Buffer.alloc(16 * bodies.length);
        md5Lanes(bytes, spans, out);
        bodies.forEach((one, index) => {
          assert.equal(out.toString('hex', 16 * index, 16 * index + 16), reference(one), name);
        });
      }),
      { seed: 20261123, numRuns: 300 },
    );
  }
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

test('the native function refuses spans it cannot hash instead of reading past its buffers', (t) => {
  const implementations = nativeImplementations();
  if (implementations.length === 0) return t.skip('this CPU has neither AVX-512 nor AVX2');
  for (const [, md5Lanes] of implementations) refusesBadSpans(md5Lanes);
});

function refusesBadSpans(md5Lanes: Md5Lanes): void {
  const bytes = Buffer.alloc(256, 0x61);
  const out = Buffer.alloc(16 * 16);
  const spans = (...words: number[]) => Uint32Array.from(words);
  const refused = (bytesArg: unknown, spansArg: unknown, outArg: unknown) =>
    assert.throws(() => md5Lanes(bytesArg, spansArg, outArg), RangeError);
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
  md5Lanes(bytes, spans(0, 256, 200, 56, 256, 0), out);
  assert.equal(out.toString('hex', 0, 16), reference('a'.repeat(256)));
  assert.equal(out.toString('hex', 16, 32), reference('a'.repeat(56)));
  assert.equal(out.toString('hex', 32, 48), reference(''));
  assert.ok(bytes.equals(before));
}
