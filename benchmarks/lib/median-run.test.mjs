import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, medianRun } from './median-run.mjs';

const latency = (p50, p99) => ({ latencyMs: { p50, p99 } });

describe('medianRun', () => {
  it('keeps the attempt with the median rate, and every round beside it', () => {
    const attempts = [{ messagesPerSecond: 3 }, { messagesPerSecond: 1 }, { messagesPerSecond: 2 }];
    assert.deepEqual(medianRun(attempts), { messagesPerSecond: 2, rounds: [3, 1, 2] });
  });

  it('ranks latency attempts by their p99, not their p50', () => {
    // By p50 the median attempt would be the middle one (p99 50 ms).
    const chosen = medianRun([latency(1.0, 4), latency(1.1, 50), latency(1.2, 6)]);
    assert.deepEqual(chosen.latencyMs, { p50: 1.2, p99: 6 });
    assert.deepEqual(chosen.rounds, [4, 50, 6]);
  });

  it('leaves failed attempts out of the median and marks them in the rounds', () => {
    const chosen = medianRun([{ error: 'boom' }, latency(1, 9), latency(1, 7)]);
    assert.equal(chosen.latencyMs.p99, 7);
    assert.deepEqual(chosen.rounds, [null, 9, 7]);
  });

  it('returns a single attempt as it is, and the first failure when all failed', () => {
    assert.deepEqual(medianRun([{ messagesPerSecond: 5 }]), { messagesPerSecond: 5 });
    assert.deepEqual(medianRun([{ error: 'a' }, { error: 'b' }]), { error: 'a' });
  });
});

describe('median', () => {
  it('takes the lower middle of an even count and ignores what is not a number', () => {
    assert.equal(median([4, 1, 3, 2]), 2);
    assert.equal(median([undefined, 5, NaN]), 5);
    assert.equal(median([]), undefined);
  });
});
