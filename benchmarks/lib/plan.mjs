// What the comparison measures, full and --quick. The full run takes about 40 minutes on a
// 2-core machine; --quick keeps under 5 minutes by shortening every measurement and shrinking the
// drain backlog from 1M to 50k messages (both runs say which they were in results.json). Either
// way a row whose latency p50 passes 1 s at one rate skips the higher rates, and a drain or fill
// stops at its time bound and reports how far it got.
export function planFor(quick) {
  return quick
    ? {
        mode: 'quick',
        runs: 1,
        throughputMs: 1500,
        sizeMs: 1000,
        latencyMs: 1500,
        backlog: 50_000,
        fillMs: 4_000,
        drainMs: 8_000,
        idleMs: 3_000,
        latencyRates: [1000, 5000, 10000],
        messageSizes: [100, 65536],
        fdatasyncMs: 1_000,
        warmupMs: 500,
        ...saturation([32, 128], 250),
        ...stealRetries(1, 3),
      }
    : {
        mode: 'full',
        runs: 3,
        throughputMs: 5000,
        sizeMs: 4000,
        latencyMs: 6000,
        backlog: 1_000_000,
        fillMs: 30_000,
        drainMs: 30_000,
        idleMs: 15_000,
        latencyRates: [1000, 5000, 10000],
        messageSizes: [100, 65536],
        fdatasyncMs: 3_000,
        warmupMs: 3_000,
        ...saturation([32, 64, 128], 1_000),
        ...stealRetries(2, 12),
      };
}

/**
 * The closed loops of the headline (send 1 KiB, batch 10 x 1 KiB) are measured at saturation:
 * at each of `inFlight` operations in flight, in that order on the same server, and a row's
 * result is the level whose median rate is highest (median-run.mjs, `saturationRun`). One
 * level is not saturation for every row: 32 leaves a durable server idle while its requests wait
 * on the group commit, and more in flight slows a server that does not wait (the baseline) or
 * that batches less well with more (docs/benchmarks/analysis.md §1.25). The first level warms up
 * for `warmupMs`, each next one (its connections new, the code already hot) for
 * `inFlightWarmupMs`.
 */
function saturation(inFlight, inFlightWarmupMs) {
  return { inFlight, inFlightWarmupMs };
}

/**
 * An attempt during which the host took stealRetryPercent or more of the CPU is measured again,
 * at most `perAttempt` times, and at most `perRun` times in the whole run (so a starved hour
 * lengthens a full run by minutes, not hours). The least-starved attempt is kept.
 */
function stealRetries(perAttempt, perRun) {
  return {
    stealRetryPercent: 5,
    stealRetries: perAttempt,
    stealRetryBudget: perRun,
    stealRetryPauseMs: 5_000,
  };
}

/**
 * The measurements of one row, in order; rows without consumers skip drain and latency. Every
 * throughput and latency point first runs its load unrecorded for plan.warmupMs: a cold server
 * (JIT, new connections) builds a backlog at 5,000 msg/s that takes seconds to drain, and that
 * start-up transient is not the steady state the point is about.
 */
export function measurementsFor(rowId, plan, hasConsumer) {
  return measurementList(rowId, plan, hasConsumer).map((measurement) =>
    measurement.workload === 'drain' ? measurement : { ...measurement, warmupMs: plan.warmupMs },
  );
}

function measurementList(rowId, plan, hasConsumer) {
  const list = [
    { key: 'send1KiB', workload: 'send', messageBytes: 1024, durationMs: plan.throughputMs },
    ...plan.messageSizes.map((bytes) => ({
      key: `send${bytes === 100 ? '100B' : `${bytes / 1024}KiB`}`,
      workload: 'send',
      messageBytes: bytes,
      durationMs: plan.sizeMs,
    })),
    { key: 'batch10x1KiB', workload: 'batch', messageBytes: 1024, durationMs: plan.throughputMs },
  ];
  if (!hasConsumer) return list;
  // The SDK row measures latency at the lowest rate only: its default agent (50 sockets) queues
  // the higher rates' sends for tens of seconds, which says nothing the lean-client row does not.
  // The durable floor has consumers for the drain only: its long polls do not wake on arrival.
  const rates =
    rowId === 'sluice-sdk'
      ? plan.latencyRates.slice(0, 1)
      : rowId === 'floor'
        ? []
        : plan.latencyRates;
  for (const rate of rates) {
    list.push({
      key: `latency${rate / 1000}k`,
      workload: 'latency',
      messageBytes: 1024,
      rate,
      durationMs: plan.latencyMs,
      consumers: 4,
    });
  }
  // The drain runs after the latency points: it leaves a deleted million-message backlog behind
  // (in every system), whose clean-up must not land in another point's measurement.
  list.push({
    key: 'drain',
    workload: 'drain',
    messageBytes: 1024,
    backlog: plan.backlog,
    fillMs: plan.fillMs,
    drainMs: plan.drainMs,
    consumers: 8,
  });
  if (rowId === 'sluice-undici') {
    list.push({
      key: 'idle1000',
      workload: 'latency',
      messageBytes: 1024,
      rate: 20,
      durationMs: plan.idleMs,
      consumers: 1000,
      connections: 1100,
    });
  }
  return list;
}
