import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { IndexedMinHeap } from './indexed-min-heap.js';

test('the indexed heap pops in (priority, tie-break) order after any pushes, removals and updates, and counts and visits the members below any limit', () => {
  const seed = testSeed(0x5eed_0007);
  console.log(`indexed heap: seed ${seed}`);
  const operation = fc.oneof(
    fc.record({ push: fc.integer({ min: 0, max: 50 }) }),
    // Pushes at or after every priority so far, as arriving messages mostly are: the ordered run.
    fc.record({ pushAfter: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ pushAfter: fc.integer({ min: 0, max: 3 }) }),
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
      let highest = 0;
      for (const step of operations) {
        const pushed = 'push' in step || 'pushAfter' in step;
        if (pushed && nextItem < capacity) {
          primary[nextItem] = 'push' in step ? step.push : highest + step.pushAfter;
          delta[nextItem] = 'push' in step ? nextItem % 3 : 0;
          highest = Math.max(highest, primary[nextItem]! + delta[nextItem]!);
          heap.push(nextItem);
          members.add(nextItem++);
        } else if (members.size > 0 && !pushed) {
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
        assert.ok(heap.runSpan <= 2 * members.size + 64, `run spans ${heap.runSpan}`);
        assert.equal(heap.peek(), members.size === 0 ? -1 : [...members].sort(order)[0]);
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
      const belowLimit: number[] = [];
      heap.visitInOrder(30, (item) => belowLimit.push(item) < 5);
      const expected = [...members]
        .sort(order)
        .filter((item) => primary[item]! + delta[item]! < 30);
      assert.deepEqual(belowLimit, expected.slice(0, 5));
      const drained: number[] = [];
      while (heap.size > 0) drained.push(heap.pop());
      assert.deepEqual(drained, [...members].sort(order));
    }),
    { seed, numRuns: 200 },
  );
});

test('members removed from the middle of the ordered run are compacted away: it spans at most twice its members plus 64', () => {
  const capacity = 20_000;
  const primary = Float64Array.from({ length: capacity }, (_, item) => item);
  const positions = new Int32Array(capacity).fill(-1);
  const heap = new IndexedMinHeap(() => ({
    primary,
    delta: undefined,
    tieBreak: primary,
    positions,
  }));
  // The oldest and the newest member stay (a message kept until its retention ends) while the
  // ones between them are deleted: without compaction the run would keep a gap for each.
  for (let item = 0; item < capacity; item++) heap.push(item);
  assert.equal(heap.runSpan, capacity);
  for (let item = 1; item < capacity - 1; item++) {
    heap.remove(item);
    assert.ok(heap.runSpan <= 2 * heap.size + 64, `run spans ${heap.runSpan} after ${item}`);
  }
  assert.equal(heap.size, 2);
  assert.equal(heap.pop(), 0);
  assert.equal(heap.pop(), capacity - 1);
  assert.equal(heap.runSpan, 0);
});

test('a member that was never pushed cannot be removed', () => {
  const positions = new Int32Array(4).fill(-1);
  const primary = new Float64Array(4);
  const heap = new IndexedMinHeap(() => ({
    primary,
    delta: undefined,
    tieBreak: primary,
    positions,
  }));
  heap.push(1);
  assert.throws(() => heap.remove(2), /item 2 is not in the heap/);
  assert.equal(heap.pop(), 1);
});
