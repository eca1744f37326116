import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prng } from './prng.js';
import { ManualClock } from './clock.js';

test('a Prng replays the same sequence from the same seed, so printed seeds reproduce failures', () => {
  const first = new Prng(42);
  const second = new Prng(42);
  const other = new Prng(43);
  const drawn = Array.from({ length: 100 }, () => first.nextUint32());
  assert.deepEqual(
    drawn,
    Array.from({ length: 100 }, () => second.nextUint32()),
  );
  assert.notDeepEqual(
    drawn,
    Array.from({ length: 100 }, () => other.nextUint32()),
  );
});

test('nextInt stays within its inclusive bounds and reaches both ends', () => {
  const prng = new Prng(7);
  const seen = new Set<number>();
  for (let draw = 0; draw < 1000; draw++) {
    const value = prng.nextInt(3, 6);
    assert.ok(value >= 3 && value <= 6, `out of range: ${value}`);
    seen.add(value);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
});

test('a ManualClock moves both clocks together and refuses to go backwards', () => {
  const clock = new ManualClock(1000);
  clock.advance(250);
  assert.equal(clock.nowMs(), 1250);
  assert.equal(clock.monotonicMs(), 250);
  assert.throws(() => clock.advance(-1), RangeError);
});
