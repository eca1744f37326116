import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { KeyIndex } from './key-index.js';

test('the key index finds exactly the keys inserted and not removed, through growth and collisions', () => {
  const seed = testSeed(0x5eed_0006);
  console.log(`key index: seed ${seed}`);
  const operation = fc.oneof(
    fc.record({
      insert: fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom(2 ** 40, 2 ** 40 + 1024, 2 ** 52)),
    }),
    fc.record({ remove: fc.nat({ max: 200 }) }),
  );
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 3000, size: 'max' }), (operations) => {
      const keys = new Float64Array(4096);
      const index = new KeyIndex(keys);
      const expected = new Map<number, number>();
      let nextSlot = 0;
      for (const step of operations) {
        if ('insert' in step) {
          if (nextSlot === keys.length) continue;
          keys[nextSlot] = step.insert;
          const added = index.insert(nextSlot);
          assert.equal(added, !expected.has(step.insert));
          if (added) expected.set(step.insert, nextSlot++);
        } else if (expected.size > 0) {
          const [key, slot] = [...expected][step.remove % expected.size]!;
          index.remove(slot);
          expected.delete(key);
        }
      }
      assert.equal(index.count, expected.size);
      for (const [key, slot] of expected) assert.equal(index.find(key), slot);
      assert.equal(index.find(-1), -1);
    }),
    { seed, numRuns: 100 },
  );
});

test('consecutive keys (log offsets) do not pile into one long probe run, so a delete scans a short run', () => {
  const count = 100_000;
  const keys = new Float64Array(count);
  const index = new KeyIndex(keys);
  for (let slot = 0; slot < count; slot++) {
    keys[slot] = 5_000_000 + slot;
    index.insert(slot);
  }
  // A locality-preserving home bucket made this run as long as the whole backlog (100,000).
  assert.ok(index.longestRun() < 1000, `longest probe run ${index.longestRun()}`);
  for (let slot = 0; slot < count; slot += 2) index.remove(slot);
  for (let slot = 0; slot < count; slot++) {
    assert.equal(index.find(5_000_000 + slot), slot % 2 === 0 ? -1 : slot);
  }
});

test('inserts stay right on both paths: keys above every key so far, and keys at or below it, whose duplicates are refused', () => {
  const keys = new Float64Array(8);
  const index = new KeyIndex(keys);
  const put = (slot: number, key: number): boolean => {
    keys[slot] = key;
    return index.insert(slot);
  };
  assert.equal(put(0, 100), true);
  assert.equal(put(1, 200), true);
  // At or below the largest key so far: compared, so a live duplicate is refused.
  assert.equal(put(2, 200), false);
  assert.equal(put(2, 100), false);
  assert.equal(put(2, 150), true);
  // The largest key removed and inserted again (a message moved back): found, not doubled.
  index.remove(1);
  assert.equal(put(3, 200), true);
  assert.equal(put(4, 200), false);
  // After clear (purge), smaller keys go in and are checked like any other.
  index.clear();
  assert.equal(put(5, 50), true);
  assert.equal(put(6, 50), false);
  assert.deepEqual([index.find(50), index.find(200), index.count], [5, -1, 1]);
});
