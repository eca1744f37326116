import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { IndexedMinHeap } from './indexed-min-heap.js';

test('the indexed heap pops in (priority, tie-break) order after any pushes, removals and updates, and counts the members below any limit', () => {
  const seed = testSeed(0x5eed_0007);
  console.log(`indexed heap: seed ${seed}`);
  const operation = fc.oneof(
    fc.record({ push: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ remove: fc.nat() }),
    fc.record({ update: fc.nat(), priority: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ pop: fc.constant(true) }),
  );
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 400, size: 'max' }), (operations) => {
      const capacity = 512;
      const primary = new Float64Array(capacity);
      const delta = new Int32Array(capacity);
      const tieBreak = Float64Array.from({ length: capacity }, (_, item) => item);
      const positions = new Int32Array(capacity).fill(-1);
      const heap = new IndexedMinHeap(() => ({ primary, delta, tieBreak, positions }));
      const members = new Set<number>();
      const order = (first: number, second: number): number =>
        primary[first]! + delta[first]! - (primary[second]! + delta[second]!) || first - second;
      let nextItem = 0;
      for (const step of operations) {
        if ('push' in step && nextItem < capacity) {
          primary[nextItem] = step.push;
          delta[nextItem] = nextItem % 3;
          heap.push(nextItem);
          members.add(nextItem++);
        } else if (members.size > 0 && !('push' in step)) {
          const sorted = [...members].sort(order);
          if ('pop' in step) {
            assert.equal(heap.pop(), sorted[0]);
            members.delete(sorted[0]!);
          } else if ('remove' in step) {
            const item = sorted[step.remove % sorted.length]!;
            heap.remove(item);
            members.delete(item);
          } else {
            const item = sorted[step.update % sorted.length]!;
            primary[item] = step.priority;
            heap.update(item);
          }
        }
        assert.equal(heap.size, members.size);
      }
      for (const limit of [0, 10, 25, 52, Number.POSITIVE_INFINITY]) {
        const below = [...members].filter((item) => primary[item]! + delta[item]! < limit).length;
        for (const countMax of [1, 7, 1000]) {
          assert.equal(heap.countBelow(limit, countMax), Math.min(below, countMax));
        }
      }
      const visited: number[] = [];
      heap.visitInOrder(Number.POSITIVE_INFINITY, (item) => visited.push(item) > 0);
      assert.deepEqual(visited, [...members].sort(order));
      const drained: number[] = [];
      while (heap.size > 0) drained.push(heap.pop());
      assert.deepEqual(drained, [...members].sort(order));
    }),
    { seed, numRuns: 200 },
  );
});
