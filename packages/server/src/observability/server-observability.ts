import type { ServerVitalsReading } from '@sluice/core';
import type { Services } from '../services.js';
import { serverLimits } from '../server-limits.js';
import { QueueHistory } from './queue-history.js';
import { queueSnapshots } from './queue-snapshot.js';
import { ServerMetrics } from './server-metrics.js';
import { ServerVitals } from './server-vitals.js';

export interface ObservabilityOptions {
  /** History sample interval; tests shorten it. Default serverLimits.historySampleIntervalMs. */
  readonly historySampleIntervalMs?: number;
  /** The built dashboard; default packages/dashboard/dist. */
  readonly dashboardDirectory?: string;
}

/**
 * The observability side of one server: Prometheus metrics, the sampled per-queue history and
 * the vitals shown by the dashboard. Started after the server is wired, stopped before it closes.
 */
export class ServerObservability {
  readonly metrics = new ServerMetrics();
  readonly history = new QueueHistory(
    serverLimits.historySampleCountMax,
    serverLimits.historyQueueCountMax,
  );
  readonly vitals = new ServerVitals();
  readonly historySampleIntervalMs: number;
  #latestVitals: ServerVitalsReading = new ServerVitals().read();
  #timer: NodeJS.Timeout | undefined;
  #services: Services | undefined;

  constructor(options: ObservabilityOptions = {}) {
    this.historySampleIntervalMs =
      options.historySampleIntervalMs ?? serverLimits.historySampleIntervalMs;
  }

  start(services: Services, openConnectionCount: () => number): void {
    this.#services = services;
    this.metrics.attach(services, openConnectionCount);
    this.vitals.start();
    this.sample();
    this.#timer = setInterval(() => this.sample(), this.historySampleIntervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.vitals.stop();
  }

  /** Takes one history sample of every queue now (the timer calls this). */
  sample(): void {
    const services = this.#services;
    if (services === undefined) return;
    this.history.record(services.clock.nowMs(), queueSnapshots(services), (queueId) =>
      this.metrics.activity.totalsOf(queueId),
    );
    this.#latestVitals = this.vitals.read();
  }

  recordDurableBatch(recordCount: number, bytes: number, syncMs: number): void {
    this.metrics.recordDurableBatch(recordCount, bytes, syncMs);
    this.vitals.recordSync(syncMs);
  }

  /** Event-loop delay and fsync timings over the last sample interval. */
  get latestVitals(): ServerVitalsReading {
    return this.#latestVitals;
  }
}
