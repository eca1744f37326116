import { test } from 'node:test';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { ModelRun, type ModelStep } from './testing/model-runner.js';

const advanceMs = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 45_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 45_000, max: 700_000 }) },
);
const pick = fc.nat({ max: 40 });
const optional = <Value>(arbitrary: fc.Arbitrary<Value>): fc.Arbitrary<Value | undefined> =>
  fc.option(arbitrary, { nil: undefined });
const visibilityTimeoutMs = fc.constantFrom(0, 1_000, 5_000, 30_000, 43_200_000);

const step: fc.Arbitrary<ModelStep> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('send' as const),
      advanceMs,
      delayMs: optional(fc.constantFrom(0, 500, 2_000, 10_000)),
      group: fc.nat({ max: 3 }),
      deduplication: optional(fc.nat({ max: 5 })),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('receive' as const),
      advanceMs,
      countMax: fc.integer({ min: 1, max: 10 }),
      visibilityTimeoutMs: optional(fc.constantFrom(0, 1_000, 5_000, 30_000)),
      attempt: optional(fc.nat({ max: 3 })),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), advanceMs, pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('deleteBatch' as const),
      advanceMs,
      picks: fc.array(pick, { minLength: 1, maxLength: 10 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('changeVisibility' as const),
      advanceMs,
      pick,
      visibilityTimeoutMs,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), advanceMs }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const), advanceMs }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deadLetter' as const), advanceMs, pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('moveIn' as const),
      advanceMs,
      ageMs: fc.integer({ min: 0, max: 900_000 }),
      receiveCount: fc.nat({ max: 4 }),
      group: fc.nat({ max: 3 }),
      deduplication: optional(fc.nat({ max: 5 })),
      reuseLiveKey: fc.boolean(),
      reuseGoneKey: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('moveOut' as const), advanceMs, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reinsert' as const), advanceMs, pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('configure' as const),
      advanceMs,
      visibilityTimeoutMs: fc.integer({ min: 0, max: 60_000 }),
      delayMs: fc.constantFrom(0, 0, 1_000, 5_000),
      retentionMs: fc.integer({ min: 60_000, max: 900_000 }),
      maxReceiveCount: fc.nat({ max: 4 }),
      scopeMessageGroup: fc.boolean(),
      switchType: fc.nat({ max: 4 }).map((draw) => draw === 0),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'snapshotRestore' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('clockBack' as const),
      backMs: fc.integer({ min: 1, max: 60_000 }),
    }),
  },
);

const steps = fc.array(step, { minLength: 1, maxLength: 150, size: 'max' });

for (const [name, fifo, fixedSeed] of [
  ['standard', false, 0x5eed_0001],
  ['FIFO', true, 0x5eed_0002],
] as const) {
  test(`random ${name} command sequences give the reference model's results, counters and queries, also across snapshot/restore`, () => {
    const seed = testSeed(fixedSeed);
    console.log(`model-based ${name}: seed ${seed}`);
    fc.assert(
      fc.property(steps, (generated) => new ModelRun(fifo).run(generated)),
      { seed, numRuns: 200 },
    );
  });
}
