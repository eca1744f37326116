// The machine's CPU steal (time the hypervisor gave this VM's vCPUs to someone else) over an
// interval, from the first ("cpu", all cores) line of /proc/stat. A result measured under 30%
// steal is not comparable with one under 3%, so every peer-comparison attempt records it.
import { readFileSync } from 'node:fs';

/** The aggregate CPU counters now: { steal, total } in ticks, or undefined without /proc/stat. */
export function readCpuTimes() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    if (!line.startsWith('cpu ')) return undefined;
    const columns = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...: steal is the 8th number.
    if (columns.length < 8 || columns.some((value) => !Number.isFinite(value))) return undefined;
    return { steal: columns[7], total: columns.reduce((sum, value) => sum + value, 0) };
  } catch {
    return undefined;
  }
}

/** Steal between two readCpuTimes() readings as a percentage, one decimal; undefined if unknown. */
export function stealPercent(before, after) {
  if (before === undefined || after === undefined) return undefined;
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  return Math.round(((after.steal - before.steal) / total) * 1000) / 10;
}

/**
 * Measures with `measureOnce()` (which resolves a result with its `stealPercent`) and measures
 * again while the host took `retryPercent` or more of the CPU: at most `retriesPerAttempt` times
 * for one call and `budget` times over all calls of the returned function. Keeps the attempt
 * without an error and with the least steal; `stealRetries` says how many more were made.
 */
export function steadyMeasurer({ retryPercent, retriesPerAttempt, budget, pauseMs, log }) {
  let retriesLeft = budget;
  const starved = (result) => result.stealPercent >= retryPercent;
  return async function measureSteadily(label, measureOnce) {
    let kept = await measureOnce();
    let retries = 0;
    while (starved(kept) && retries < retriesPerAttempt && retriesLeft > 0) {
      retries += 1;
      retriesLeft -= 1;
      log(`${label}: ${kept.stealPercent}% steal; measuring again`);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const again = await measureOnce();
      const better =
        again.error === undefined &&
        (kept.error !== undefined || !(again.stealPercent >= kept.stealPercent));
      if (better) kept = again;
    }
    return retries === 0 ? kept : { ...kept, stealRetries: retries };
  };
}
