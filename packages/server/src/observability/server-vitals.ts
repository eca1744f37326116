import type { ServerVitalsReading } from '@sluice/core';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Recent fsync timings and event-loop delay, for the dashboard's server page. */
export class ServerVitals {
  readonly #loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  #syncCount = 0;
  #syncTotalMs = 0;
  #syncMaxMs = 0;

  start(): void {
    this.#loopDelay.enable();
  }

  stop(): void {
    this.#loopDelay.disable();
  }

  recordSync(syncMs: number): void {
    this.#syncCount++;
    this.#syncTotalMs += syncMs;
    this.#syncMaxMs = Math.max(this.#syncMaxMs, syncMs);
  }

  /** Numbers since the previous read (each read starts a new window). */
  read(): ServerVitalsReading {
    const result = {
      eventLoopDelayP99Ms: this.#loopDelay.count === 0 ? 0 : this.#loopDelay.percentile(99) / 1e6,
      eventLoopDelayMaxMs: this.#loopDelay.count === 0 ? 0 : this.#loopDelay.max / 1e6,
      fsyncCount: this.#syncCount,
      fsyncMeanMs: this.#syncCount === 0 ? 0 : this.#syncTotalMs / this.#syncCount,
      fsyncMaxMs: this.#syncMaxMs,
    };
    this.#loopDelay.reset();
    this.#syncCount = 0;
    this.#syncTotalMs = 0;
    this.#syncMaxMs = 0;
    return result;
  }
}
