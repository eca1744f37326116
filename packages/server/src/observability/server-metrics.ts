import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PartitionStatus } from '@sluice/partition';
import { nativeCode } from '../native-code.js';
import type { Services } from '../services.js';
import { serverLimits } from '../server-limits.js';
import { QueueActivity, queueActivityKinds, type QueueActivityKind } from './queue-activity.js';
import { QueueLabels } from './queue-labels.js';
import { countRequestActivity, type FinishedRequest } from './request-outcome.js';
import { queueSnapshots, type QueueSnapshot } from './queue-snapshot.js';

/** prom-client default metrics that can abort the process when scraped (see the constructor). */
export const unsafeDefaultMetricNames = [
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_requests',
  'nodejs_active_requests_total',
] as const;

/** The queues reported under one label set: one queue, or every queue past the label bound. */
interface LabelGroup {
  readonly account: string;
  readonly queue: string;
  readonly snapshots: QueueSnapshot[];
}

/** Metric names of the per-queue counters, one per activity kind (Prometheus `_total`). */
const activityMetricNames: Record<QueueActivityKind, [string, string]> = {
  sent: ['sluice_queue_messages_sent_total', 'Messages stored by SendMessage(Batch).'],
  received: ['sluice_queue_messages_received_total', 'Messages delivered by ReceiveMessage.'],
  deleted: ['sluice_queue_messages_deleted_total', 'Messages deleted by DeleteMessage(Batch).'],
  deadLettered: [
    'sluice_queue_messages_dead_lettered_total',
    'Messages moved from this queue to its dead-letter queue.',
  ],
  throttled: ['sluice_queue_requests_throttled_total', 'Requests answered ThrottlingException.'],
  rejected: [
    'sluice_queue_requests_rejected_total',
    'Requests and batch entries refused with a client or server error.',
  ],
};

/** Latency buckets from 0.5 ms (an in-memory read) to 10 s (a long poll or a sick disk). */
const requestDurationBucketsSeconds = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20,
];
/** fsync takes 10 µs (tmpfs) to hundreds of ms (a busy spinning disk). */
const syncDurationBucketsSeconds = [
  0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
];
const batchRecordBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];

/**
 * Every Prometheus metric of one server, in its own registry (several servers may share a
 * process in tests). Queue gauges are read from the partition at scrape time; counters come
 * from hooks in the SQS endpoint, the dead-letter callback and the log's durability callback.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly activity = new QueueActivity();
  readonly #labels = new QueueLabels(serverLimits.metricsQueueLabelCountMax);
  readonly #requests: Counter<'action' | 'outcome'>;
  readonly #requestDuration: Histogram<'action'>;
  readonly #handOvers: Counter;
  readonly #appendedBytes: Counter;
  readonly #syncDuration: Histogram;
  readonly #batchRecords: Histogram;
  #services: Services | undefined;
  #openConnectionCount: () => number = () => 0;
  #lastSnapshots: readonly QueueSnapshot[] = [];
  /** Computed once per scrape; every queue metric's collect reads it. */
  #lastGroups: LabelGroup[] = [];

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // These four walk live libuv handle and request wrappers (process._getActiveHandles and
    // _getActiveRequests). On Node 20 that aborts the process (a CHECK in AsyncWrap::GetOwner)
    // when it meets a wrapper whose object is already gone, as one scrape did in our tests.
    // nodejs_active_resources{type} and _total, from process.getActiveResourcesInfo(), report
    // the same counts from type names alone.
    for (const unsafe of unsafeDefaultMetricNames) this.registry.removeSingleMetric(unsafe);
    this.#requests = new Counter({
      name: 'sluice_requests_total',
      help: 'SQS requests by action and outcome (ok or the SQS error code).',
      labelNames: ['action', 'outcome'],
      registers,
    });
    this.#requestDuration = new Histogram({
      name: 'sluice_request_duration_seconds',
      help: 'Time from the request arriving to its response being ready, by action.',
      labelNames: ['action'],
      buckets: requestDurationBucketsSeconds,
      registers,
    });
    this.#handOvers = new Counter({
      name: 'sluice_http_lean_handovers_total',
      help: 'Connections the lean HTTP path handed to node:http, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.#appendedBytes = new Counter({
      name: 'sluice_storage_appended_bytes_total',
      help: 'Bytes made durable in the log.',
      registers,
    });
    this.#syncDuration = new Histogram({
      name: 'sluice_storage_fsync_duration_seconds',
      help: 'Time to write and fsync one group-commit batch.',
      buckets: syncDurationBucketsSeconds,
      registers,
    });
    this.#batchRecords = new Histogram({
      name: 'sluice_storage_batch_records',
      help: 'Records per group-commit batch.',
      buckets: batchRecordBuckets,
      registers,
    });
    this.#registerQueueMetrics(registers);
    this.#registerServerGauges(registers);
  }

  /** Connects the scrape-time gauges to the running server. */
  attach(services: Services, openConnectionCount: () => number): void {
    this.#services = services;
    this.#openConnectionCount = openConnectionCount;
  }

  recordRequest(request: FinishedRequest, durationMs: number): void {
    const action = request.action ?? 'Unknown';
    this.#requests.inc({ action, outcome: request.errorCode ?? 'ok' });
    this.#requestDuration.observe({ action }, durationMs / 1000);
    if (this.#services !== undefined)
      countRequestActivity(this.#services.metadata, this.activity, request);
  }

  /** A connection left the lean HTTP path for node:http (reasons: http/lean-http.ts). */
  recordHandOver(reason: string): void {
    this.#handOvers.inc({ reason });
  }

  recordDeadLetter(sourceQueueId: number): void {
    this.activity.add(sourceQueueId, 'deadLettered', 1);
  }

  recordDurableBatch(recordCount: number, bytes: number, syncMs: number): void {
    this.#appendedBytes.inc(bytes);
    this.#syncDuration.observe(syncMs / 1000);
    this.#batchRecords.observe(recordCount);
  }

  /** The text exposition format. */
  async render(): Promise<string> {
    this.#refreshSnapshots();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Reads every queue once per scrape; the collect functions below share the result. */
  #refreshSnapshots(): void {
    const services = this.#services;
    if (services === undefined) return;
    this.#lastSnapshots = queueSnapshots(services);
    this.#labels.retainOnly(new Set(this.#lastSnapshots.map((queue) => queue.key)));
    this.activity.retainOnly(new Set(this.#lastSnapshots.map((queue) => queue.id)));
    this.#lastGroups = [...this.#byLabel().values()];
  }

  /** Sums each snapshot into its label (labeled queues alone, the rest under `_other`). */
  #byLabel(): Map<string, LabelGroup> {
    const groups = new Map<string, LabelGroup>();
    for (const snapshot of this.#lastSnapshots) {
      const label = this.#labels.labelOf(snapshot.key);
      const labels =
        label === snapshot.key
          ? { account: snapshot.accountId, queue: snapshot.name }
          : { account: '', queue: label };
      let group = groups.get(label);
      if (group === undefined) {
        group = { ...labels, snapshots: [] };
        groups.set(label, group);
      }
      group.snapshots.push(snapshot);
    }
    return groups;
  }

  #registerQueueMetrics(registers: Registry[]): void {
    const byLabel = () => this.#lastGroups;
    const totalsOf = (queueId: number) => this.activity.totalsOf(queueId);
    new Gauge({
      name: 'sluice_queue_messages',
      help: 'Messages in a queue by state: visible, inflight (received, not deleted), delayed.',
      labelNames: ['account', 'queue', 'state'],
      registers,
      collect() {
        this.reset();
        for (const group of byLabel()) {
          for (const state of ['visible', 'inflight', 'delayed'] as const) {
            const total = group.snapshots.reduce((sum, queue) => sum + queue[state], 0);
            this.set({ account: group.account, queue: group.queue, state }, total);
          }
        }
      },
    });
    new Gauge({
      name: 'sluice_queue_oldest_message_age_seconds',
      help: 'Age of the oldest message in a queue (0 when empty).',
      labelNames: ['account', 'queue'],
      registers,
      collect() {
        this.reset();
        for (const group of byLabel()) {
          const oldest = Math.max(0, ...group.snapshots.map((queue) => queue.oldestAgeSeconds));
          this.set({ account: group.account, queue: group.queue }, oldest);
        }
      },
    });
    for (const kind of queueActivityKinds) {
      const [name, help] = activityMetricNames[kind];
      new Counter({
        name,
        help,
        labelNames: ['account', 'queue'],
        registers,
        collect() {
          this.reset();
          for (const group of byLabel()) {
            const total = group.snapshots.reduce((sum, queue) => sum + totalsOf(queue.id)[kind], 0);
            this.inc({ account: group.account, queue: group.queue }, total);
          }
        },
      });
    }
  }

  #registerServerGauges(registers: Registry[]): void {
    new Gauge({
      name: 'sluice_native_code_info',
      help: 'Always 1; its labels say how this machine hashes batch bodies and seals receipts.',
      labelNames: ['body_digest', 'receipt_tags'],
      registers,
    }).set({ body_digest: nativeCode.bodyDigest, receipt_tags: nativeCode.receiptTags }, 1);
    const queueCount = () => this.#lastSnapshots.length;
    const storage = () => this.#services?.partition.status();
    const openConnectionCount = () => this.#openConnectionCount();
    new Gauge({
      name: 'sluice_queues',
      help: 'Queues that exist.',
      registers,
      collect() {
        this.set(queueCount());
      },
    });
    const storageGauge = (name: string, help: string, read: (status: PartitionStatus) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const status = storage();
          if (status !== undefined) this.set(read(status));
        },
      });
    storageGauge(
      'sluice_storage_log_bytes',
      'Bytes of log segments on disk (disk used by the log).',
      (status) => status.logBytes,
    );
    storageGauge(
      'sluice_storage_segments',
      'Log segment files on disk.',
      (status) => status.segmentCount,
    );
    storageGauge(
      'sluice_storage_snapshot_buffer_bytes',
      "Memory kept for the queues' snapshot copies (bounded by snapshotBufferBytesMax).",
      (status) => status.snapshotBufferBytes,
    );
    storageGauge(
      'sluice_storage_spare_segment_bytes',
      'Zeros written so far into the next log segment, filled ahead (0 without one).',
      (status) => status.spareSegmentBytes,
    );
    new Gauge({
      name: 'sluice_http_open_connections',
      help: 'Open client TCP connections.',
      registers,
      collect() {
        this.set(openConnectionCount());
      },
    });
  }
}
