import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stealPercent, steadyMeasurer } from './steal.mjs';

/** A measureOnce that returns the given results in turn and counts its calls. */
function sequence(...results) {
  const measure = async () => {
    measure.calls += 1;
    return results[measure.calls - 1];
  };
  measure.calls = 0;
  return measure;
}

const measurer = (overrides = {}) =>
  steadyMeasurer({
    retryPercent: 5,
    retriesPerAttempt: 2,
    budget: 10,
    pauseMs: 0,
    log: () => undefined,
    ...overrides,
  });

describe('stealPercent', () => {
  it('is the steal ticks over all ticks between two readings, to one decimal', () => {
    assert.equal(stealPercent({ steal: 10, total: 1000 }, { steal: 25, total: 2000 }), 1.5);
    assert.equal(stealPercent(undefined, { steal: 1, total: 2 }), undefined);
    assert.equal(stealPercent({ steal: 1, total: 5 }, { steal: 1, total: 5 }), undefined);
  });
});

describe('steadyMeasurer', () => {
  it('measures once when the host took under the limit', async () => {
    const measure = sequence({ rate: 1, stealPercent: 4.9 });
    const result = await measurer()('point', measure);
    assert.equal(measure.calls, 1);
    assert.deepEqual(result, { rate: 1, stealPercent: 4.9 });
  });

  it('measures a starved attempt again and keeps the least-starved one', async () => {
    const measure = sequence(
      { rate: 1, stealPercent: 30 },
      { rate: 2, stealPercent: 12 },
      { rate: 3, stealPercent: 20 },
    );
    const result = await measurer()('point', measure);
    assert.equal(measure.calls, 3);
    assert.deepEqual(result, { rate: 2, stealPercent: 12, stealRetries: 2 });
  });

  it('stops as soon as an attempt runs unstarved', async () => {
    const measure = sequence({ rate: 1, stealPercent: 9 }, { rate: 2, stealPercent: 0.5 });
    const result = await measurer()('point', measure);
    assert.equal(measure.calls, 2);
    assert.deepEqual(result, { rate: 2, stealPercent: 0.5, stealRetries: 1 });
  });

  it('never trades an attempt for one that failed', async () => {
    const measure = sequence(
      { rate: 1, stealPercent: 9 },
      { error: 'worker exited', stealPercent: 0 },
      { rate: 3, stealPercent: 8 },
    );
    const result = await measurer()('point', measure);
    assert.deepEqual(result, { rate: 3, stealPercent: 8, stealRetries: 2 });
  });

  it('spends at most the run-wide budget over all points', async () => {
    const measureSteadily = measurer({ budget: 3 });
    const first = sequence(...Array(3).fill({ rate: 1, stealPercent: 50 }));
    const second = sequence(...Array(3).fill({ rate: 1, stealPercent: 50 }));
    const third = sequence({ rate: 1, stealPercent: 50 });
    await measureSteadily('first', first);
    await measureSteadily('second', second);
    const last = await measureSteadily('third', third);
    assert.deepEqual([first.calls, second.calls, third.calls], [3, 2, 1]);
    assert.equal(last.stealRetries, undefined);
  });

  it('treats an unknown steal as not starved', async () => {
    const measure = sequence({ rate: 1 });
    await measurer()('point', measure);
    assert.equal(measure.calls, 1);
  });
});
