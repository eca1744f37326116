// One load-generating process: drives HTTP requests at a server over keep-alive connections,
// closed-loop (each connection sends as soon as its previous answer arrives) or open-loop
// (requests start on a fixed schedule whatever the answers, so queueing shows in latency).
// Started by load.mjs in its own process, pinned to a core apart from the server.
import { Pool } from 'undici';
import hdr from 'hdr-histogram-js';

const spec = JSON.parse(process.argv[2]);
const scenario = (await import(spec.scenarioModule)).default;
const pool = new Pool(spec.origin, { connections: spec.connections, pipelining: 1 });
const histogram = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60_000_000,
  numberOfSignificantValueDigits: 3,
});
const state = await scenario.setup({ pool, options: spec.scenarioOptions });

let completed = 0;
let failed = 0;
let units = 0;
let firstError;
const startedAt = performance.now();
const endAt = startedAt + spec.durationMs;

async function one() {
  const begin = performance.now();
  try {
    // Read `units` only after the await: `units += await ...` would lose concurrent updates.
    const done = await scenario.request({ pool, state });
    units += done;
    completed += 1;
    histogram.recordValue(Math.max(1, Math.round((performance.now() - begin) * 1000)));
  } catch (error) {
    failed += 1;
    firstError ??= String(error?.stack ?? error);
  }
}

if (spec.ratePerSecond === undefined) {
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (performance.now() < endAt) await one();
    }),
  );
} else {
  // Open loop: start requests on schedule; latency counts from the scheduled start time.
  const intervalMs = 1000 / spec.ratePerSecond;
  const inFlight = new Set();
  let next = startedAt;
  while (next < endAt) {
    const now = performance.now();
    while (next <= now && next < endAt) {
      const scheduled = next;
      next += intervalMs;
      const promise = (async () => {
        try {
          const done = await scenario.request({ pool, state });
          units += done;
          completed += 1;
          histogram.recordValue(Math.max(1, Math.round((performance.now() - scheduled) * 1000)));
        } catch (error) {
          failed += 1;
          firstError ??= String(error?.stack ?? error);
        }
      })();
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise));
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Math.min(1, next - performance.now()))),
    );
  }
  await Promise.all(inFlight);
}
const elapsedMs = performance.now() - startedAt;
await scenario.teardown?.({ pool, state });
await pool.close();
process.send({
  completed,
  failed,
  units,
  elapsedMs,
  firstError,
  latencyMicros: {
    p50: histogram.getValueAtPercentile(50),
    p99: histogram.getValueAtPercentile(99),
    p999: histogram.getValueAtPercentile(99.9),
    max: histogram.maxValue,
  },
});
