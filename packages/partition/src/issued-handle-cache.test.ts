import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { IssuedHandleCache } from './issued-handle-cache.js';

const entryBytes = 12;
const keyAt = 4;

/** An entry whose key bytes are `key` (6 bytes, little-endian) and whose other bytes are `fill`. */
function entry(key: number, fill: number): Buffer {
  const bytes = Buffer.alloc(entryBytes, fill);
  bytes.writeUIntLE(key, keyAt, 6);
  return bytes;
}

test('with distinct keys the cache remembers exactly the last `capacity` entries, through wrap-around and removal', () => {
  const seed = testSeed(0x5eed_1a51);
  console.log(`issued handle cache: seed ${seed}`);
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.array(fc.nat({ max: 255 }), { maxLength: 400 }),
      (capacity, fills) => {
        const cache = new IssuedHandleCache(capacity, entryBytes, keyAt);
        const added = fills.map((fill, index) => entry(index * 7 + 1, fill));
        for (const [count, bytes] of added.entries()) {
          cache.add(bytes);
          assert.equal(cache.size, Math.min(count + 1, capacity));
        }
        added.forEach((bytes, index) => {
          assert.equal(cache.has(bytes), index >= added.length - capacity, `entry ${index}`);
        });
      },
    ),
    { seed, numRuns: 200 },
  );
});

test('an entry is reported only if it was added and not yet forgotten, byte for byte, even when keys collide', () => {
  const seed = testSeed(0x5eed_1a52);
  console.log(`issued handle cache collisions: seed ${seed}`);
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 16 }),
      fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 3 })), { maxLength: 200 }),
      fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 3 })), { maxLength: 50 }),
      (capacity, adds, probes) => {
        const cache = new IssuedHandleCache(capacity, entryBytes, keyAt);
        const added = adds.map(([key, fill]) => entry(key, fill));
        for (const bytes of added) cache.add(bytes);
        const remembered = added.slice(-capacity);
        for (const [key, fill] of probes) {
          const probe = entry(key, fill);
          if (cache.has(probe)) {
            assert.ok(
              remembered.some((bytes) => bytes.equals(probe)),
              'a forgotten entry was found',
            );
          }
        }
        // The newest entry is always found unless an older remembered one holds its key.
        const newest = added.at(-1);
        if (newest !== undefined) {
          const keyTaken = remembered
            .slice(0, -1)
            .some((bytes) => bytes.readUIntLE(keyAt, 6) === newest.readUIntLE(keyAt, 6));
          if (!keyTaken) assert.equal(cache.has(newest), true);
        }
      },
    ),
    { seed, numRuns: 300 },
  );
});

test('a cache of capacity 0 remembers nothing, and entries of the wrong length are never found', () => {
  const empty = new IssuedHandleCache(0, entryBytes, keyAt);
  empty.add(entry(1, 1));
  assert.equal(empty.size, 0);
  assert.equal(empty.has(entry(1, 1)), false);
  const cache = new IssuedHandleCache(4, entryBytes, keyAt);
  cache.add(entry(1, 1));
  assert.equal(cache.has(entry(1, 1).subarray(0, entryBytes - 1)), false);
  assert.throws(() => new IssuedHandleCache(-1, entryBytes, keyAt), RangeError);
  assert.throws(() => new IssuedHandleCache(4, entryBytes, entryBytes - 5), RangeError);
});

test('an entry added from inside a larger buffer is remembered as its own bytes only', () => {
  const cache = new IssuedHandleCache(4, entryBytes, keyAt);
  const many = Buffer.concat([entry(1, 1), entry(2, 2), entry(3, 3)]);
  cache.add(many, entryBytes);
  many.fill(9);
  assert.equal(cache.has(entry(2, 2)), true);
  assert.equal(cache.has(entry(1, 1)), false);
  assert.equal(cache.has(entry(3, 3)), false);
});
