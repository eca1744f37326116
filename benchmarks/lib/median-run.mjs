// Which attempt of a point measured in rounds stands for it (run-all.mjs).

/** The lower median of the finite numbers, or undefined when there are none. */
export function median(numbers) {
  const sorted = numbers.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * What ranks a point's attempts: the rate of a throughput point, the p99 of a latency point (its
 * tail is what moves from one attempt to the next; the p50 barely does).
 */
export const rankOf = (result) => result.messagesPerSecond ?? result.latencyMs?.p99;

/**
 * The median attempt by its rank, so its percentiles stay from one consistent attempt, with every
 * attempt's rank beside it (`rounds`, null for an attempt that failed) when there was more than one.
 */
export function medianRun(results) {
  const ok = results.filter((result) => result.error === undefined);
  if (ok.length === 0) return results[0];
  const target = median(ok.map(rankOf));
  const chosen = ok.find((result) => rankOf(result) === target);
  if (results.length < 2) return chosen;
  return {
    ...chosen,
    rounds: results.map((result) => (result.error === undefined ? rankOf(result) : null)),
  };
}

/**
 * A closed loop measured at several levels of operations in flight (plan.mjs, `saturation`):
 * `levels` is [{ inFlight, attempts }]. Stands for it the median attempt (medianRun) of the level
 * whose median rate is highest, with `inFlight` saying which level that was and `inFlightLevels`
 * every level's median rate (null where every attempt failed) and rounds. When every level
 * failed, the first level's first failure.
 */
export function saturationRun(levels) {
  const medians = levels.map(({ inFlight, attempts }) => ({ inFlight, run: medianRun(attempts) }));
  const rated = medians.filter(({ run }) => Number.isFinite(run.messagesPerSecond));
  if (rated.length === 0) return medians[0].run;
  const best = rated.reduce((high, level) =>
    level.run.messagesPerSecond > high.run.messagesPerSecond ? level : high,
  );
  return {
    ...best.run,
    inFlight: best.inFlight,
    inFlightLevels: medians.map(({ inFlight, run }) => {
      const level = { inFlight, messagesPerSecond: run.messagesPerSecond ?? null };
      return run.rounds === undefined ? level : { ...level, rounds: run.rounds };
    }),
  };
}
