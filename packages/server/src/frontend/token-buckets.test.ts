import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '@sluice/core';
import { TokenBuckets } from './token-buckets.js';

test('a bucket admits its burst, refuses the next request, and refills at its rate', () => {
  const clock = new ManualClock();
  const buckets = new TokenBuckets(10, 3, clock, 100);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => buckets.take('key')),
    [true, true, true, false],
  );
  clock.advance(100);
  assert.equal(buckets.take('key'), true, '100 ms at 10/s refills one token');
  assert.equal(buckets.take('key'), false);
});

test('the number of keys tracked is bounded: past it the least recently used key is forgotten', () => {
  const clock = new ManualClock();
  const buckets = new TokenBuckets(1, 1, clock, 3);
  for (const key of ['a', 'b', 'c', 'd', 'e']) buckets.take(key);
  assert.equal(buckets.trackedKeyCount, 3);
  assert.equal(buckets.take('e'), false, 'a recent key keeps its empty bucket');
  assert.equal(buckets.take('a'), true, 'a forgotten key starts again with a full bucket');
});

test('a rate of 0 turns the bucket off and tracks nothing', () => {
  const buckets = new TokenBuckets(0, 0, new ManualClock(), 3);
  for (let request = 0; request < 100; request++) assert.equal(buckets.take('key'), true);
  assert.equal(buckets.trackedKeyCount, 0);
});
