import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, medianRun, saturationRun } from './median-run.mjs';

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

describe('saturationRun', () => {
  const rate = (messagesPerSecond) => ({ messagesPerSecond });

  it('stands for the level with the highest median rate, and lists every level', () => {
    // Level 64 has the single best attempt (50), but its median (30) is below level 128's (40).
    const levels = [
      { inFlight: 32, attempts: [rate(20), rate(22), rate(21)] },
      { inFlight: 64, attempts: [rate(50), rate(30), rate(29)] },
      { inFlight: 128, attempts: [rate(40), rate(41), rate(39)] },
    ];
    assert.deepEqual(saturationRun(levels), {
      messagesPerSecond: 40,
      rounds: [40, 41, 39],
      inFlight: 128,
      inFlightLevels: [
        { inFlight: 32, messagesPerSecond: 21, rounds: [20, 22, 21] },
        { inFlight: 64, messagesPerSecond: 30, rounds: [50, 30, 29] },
        { inFlight: 128, messagesPerSecond: 40, rounds: [40, 41, 39] },
      ],
    });
  });

  it('passes over a level whose attempts all failed, and keeps the first on a tie', () => {
    const chosen = saturationRun([
      { inFlight: 32, attempts: [rate(7)] },
      { inFlight: 64, attempts: [{ error: 'refused' }] },
      { inFlight: 128, attempts: [rate(7)] },
    ]);
    assert.equal(chosen.inFlight, 32);
    assert.deepEqual(chosen.inFlightLevels[1], { inFlight: 64, messagesPerSecond: null });
  });

  it('returns the first level failure when no level has a rate', () => {
    const failed = saturationRun([
      { inFlight: 32, attempts: [{ error: 'a' }] },
      { inFlight: 64, attempts: [{ error: 'b' }] },
    ]);
    assert.deepEqual(failed, { error: 'a' });
  });
});
