import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateTargets, stealAllowance } from './targets.mjs';

/** A comparison run's document with the given rows' results (rate or { rate, steal }). */
function run(rows, cores = 2) {
  return {
    machine: { cores },
    rows: Object.entries(rows).map(([id, results]) => ({
      id,
      label: id,
      results: Object.fromEntries(
        Object.entries(results).map(([key, point]) => {
          if (typeof point === 'number') return [key, { messagesPerSecond: point }];
          if (point.latencyMs !== undefined) return [key, point];
          return [key, { messagesPerSecond: point.rate, stealPercent: point.steal }];
        }),
      ),
    })),
  };
}

const find = (targets, start) => {
  const found = targets.find((target) => target.text.startsWith(start));
  assert.ok(found, `no target starting with ${start}`);
  return found;
};

describe('stealAllowance', () => {
  it('bounds what one core lost by the machine-wide steal times the core count', () => {
    assert.equal(stealAllowance(0, 2), 1);
    assert.equal(stealAllowance(10, 2), 1 / 0.8);
    assert.equal(stealAllowance(50, 2), Infinity);
    assert.equal(stealAllowance(undefined, 2), 1);
  });
});

describe('evaluateTargets', () => {
  it('meets the 50% ratio at exactly half the baseline and misses it just under', () => {
    const at = evaluateTargets(
      run({ baseline: { send1KiB: 30_000 }, 'sluice-undici': { send1KiB: 15_000 } }),
    );
    assert.deepEqual(
      [
        find(at, 'SendMessage (lean client) at').met,
        find(at, 'SendMessage (lean client) at').conclusive,
      ],
      [true, true],
    );
    const under = evaluateTargets(
      run({ baseline: { send1KiB: 30_000 }, 'sluice-undici': { send1KiB: 14_999 } }),
    );
    assert.equal(find(under, 'SendMessage (lean client) at').met, false);
    assert.equal(find(under, 'SendMessage (lean client) at').conclusive, true);
  });

  it('calls the ratio not conclusive when the baseline measured below Sluice', () => {
    const targets = evaluateTargets(
      run({ baseline: { send1KiB: 10_000 }, 'sluice-undici': { send1KiB: 12_000 } }),
    );
    const ratio = find(targets, 'SendMessage (lean client) at');
    assert.deepEqual([ratio.met, ratio.conclusive], [false, false]);
  });

  it('doubts a met ratio only when the baseline ran under enough steal to close the gap', () => {
    // Sluice at 0.55 of a baseline that lost up to 2 x 8% of its core: it could have been 1.19x.
    const doubted = evaluateTargets(
      run({
        baseline: { send1KiB: { rate: 30_000, steal: 8 } },
        'sluice-undici': { send1KiB: 16_500 },
      }),
    );
    assert.equal(find(doubted, 'SendMessage (lean client) at').conclusive, false);
    const kept = evaluateTargets(
      run({
        baseline: { send1KiB: { rate: 30_000, steal: 1 } },
        'sluice-undici': { send1KiB: 16_500 },
      }),
    );
    assert.deepEqual(
      [
        find(kept, 'SendMessage (lean client) at').met,
        find(kept, 'SendMessage (lean client) at').conclusive,
      ],
      [true, true],
    );
  });

  it('keeps a miss conclusive when the steal could not account for its size', () => {
    const targets = evaluateTargets(
      run({ 'sluice-undici': { drain: { rate: 30_000, steal: 9 } } }),
    );
    const drain = find(targets, 'Drain');
    assert.deepEqual([drain.met, drain.conclusive], [false, true]);
    assert.match(drain.text, /missed by 70%/);
  });

  it('compares with each durable peer, doubting only the side that came out behind', () => {
    const targets = evaluateTargets(
      run({
        'sluice-undici': { send1KiB: { rate: 16_791, steal: 0.1 }, batch10x1KiB: 20_000 },
        'rabbitmq-quorum': {
          send1KiB: { rate: 14_379, steal: 8.2 },
          batch10x1KiB: { rate: 30_000, steal: 20 },
        },
        'pg-boss': { send1KiB: { rate: 2_000, steal: 10 } },
      }),
    );
    const quorumSend = find(targets, 'send1KiB ahead of rabbitmq-quorum');
    assert.deepEqual([quorumSend.met, quorumSend.conclusive], [false, false]);
    // Behind the quorum queue on batches while only the peer ran under steal: a plain miss.
    const quorumBatch = find(targets, 'batch10x1KiB ahead of rabbitmq-quorum');
    assert.deepEqual([quorumBatch.met, quorumBatch.conclusive], [false, true]);
    const pgBoss = find(targets, 'send1KiB ahead of pg-boss');
    assert.deepEqual([pgBoss.met, pgBoss.conclusive], [true, true]);
    assert.equal(
      targets.some((target) => target.text.includes('bullmq-always')),
      false,
    );
  });

  it('holds latency to p50 under 2 ms and p99 under 10 ms, strictly', () => {
    const latency = (p50, p99) =>
      find(
        evaluateTargets(run({ 'sluice-undici': { latency5k: { latencyMs: { p50, p99 } } } })),
        'latency at 5,000',
      ).met;
    assert.equal(latency(1.99, 9.99), true);
    assert.equal(latency(2, 5), false);
    assert.equal(latency(1, 10), false);
  });

  it('judges the latency by the median round and lists the p99 of every round beside it', () => {
    const point = { latencyMs: { p50: 1, p99: 6 }, rounds: [4, 6, null] };
    const target = find(
      evaluateTargets(run({ 'sluice-undici': { latency5k: point } })),
      'latency at 5,000',
    );
    assert.equal(target.met, true);
    assert.match(target.text, /median of 3 rounds by p99; p99 per round 4 ms, 6 ms, error\)$/);
  });

  it('sets a missed rate beside the durable floor of the same run, and only where both were measured', () => {
    const targets = evaluateTargets(
      run({
        floor: { send1KiB: 30_000, batch10x1KiB: 110_000 },
        'sluice-undici': { send1KiB: 20_000, batch10x1KiB: 66_000, drain: 50_000 },
        'rabbitmq-quorum': { send1KiB: 25_000, batch10x1KiB: 30_000 },
      }),
    );
    assert.match(
      find(targets, 'SendMessageBatch').text,
      /; the durable floor in the same run: 110,000 msg\/s \(Sluice at 60% of it\)$/,
    );
    assert.match(
      find(targets, 'send1KiB ahead of rabbitmq-quorum').text,
      /\(0\.80x\); the durable floor in the same run: 30,000 msg\/s \(Sluice at 67% of it\)$/,
    );
    // A comparison Sluice wins needs no floor; a run whose floor did not drain (runs 21 and
    // earlier) has no floor note on the drain.
    assert.doesNotMatch(find(targets, 'batch10x1KiB ahead of').text, /floor/);
    assert.doesNotMatch(find(targets, 'Drain').text, /floor/);
    const drained = evaluateTargets(
      run({ floor: { drain: 120_000 }, 'sluice-undici': { drain: 60_000 } }),
    );
    assert.match(
      find(drained, 'Drain').text,
      /; the durable floor in the same run: 120,000 msg\/s \(Sluice at 50% of it\)$/,
    );
  });

  it('says so when Sluice was not measured', () => {
    assert.deepEqual(evaluateTargets(run({ baseline: { send1KiB: 1 } })), [
      { met: false, conclusive: true, text: 'Sluice was not measured' },
    ]);
  });
});
