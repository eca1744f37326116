/**
 * The JSON documents of the admin API (GET /admin/v1/overview and
 * GET /admin/v1/queues/{account}/{name}/history), declared once: the server builds them, the
 * CLI (`sluice top`, `sluice status`) and the dashboard read them. Types only: readers still
 * validate what arrives, since the server on the other end may be another version.
 */

/** One queue's row of the overview: current numbers, recent rates, a depth sparkline. */
export interface QueueOverview {
  readonly accountId: string;
  readonly name: string;
  readonly fifo: boolean;
  readonly visible: number;
  readonly inflight: number;
  readonly delayed: number;
  readonly oldestAgeSeconds: number;
  /** Over the last two history samples; 0 until two samples exist. */
  readonly sentPerSecond: number;
  readonly receivedPerSecond: number;
  readonly sentTotal: number;
  readonly receivedTotal: number;
  /** Visible + in-flight at each recent sample, oldest first. */
  readonly depthSparkline: readonly number[];
}

/** Event-loop delay and fsync timings over the last history sample interval. */
export interface ServerVitalsReading {
  readonly eventLoopDelayP99Ms: number;
  readonly eventLoopDelayMaxMs: number;
  readonly fsyncCount: number;
  readonly fsyncMeanMs: number;
  readonly fsyncMaxMs: number;
}

export interface ServerOverview {
  readonly version: string;
  readonly nodeVersion: string;
  readonly uptimeSeconds: number;
  readonly startedAtMs: number;
  readonly region: string;
  readonly accountId: string;
  readonly authRequired: boolean;
  readonly openConnections: number;
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number };
  readonly storage: {
    readonly dataDirectory: string;
    readonly logBytes: number;
    readonly segmentCount: number;
    readonly nextOffset: number;
    readonly lastSnapshotOffset: number;
  };
  readonly vitals: ServerVitalsReading;
  readonly historySampleIntervalMs: number;
  /** Filled by the cluster work: nodes, partitions and their leaders. */
  readonly cluster: null | Readonly<Record<string, unknown>>;
}

/** GET /admin/v1/overview. */
export interface OverviewDocument {
  readonly server: ServerOverview;
  readonly queues: readonly QueueOverview[];
}

/** The numbers one history sample holds, in column order. */
export const historyFields = [
  'atMs',
  'visible',
  'inflight',
  'delayed',
  'oldestAgeSeconds',
  'sent',
  'received',
  'deleted',
] as const;
export type HistoryField = (typeof historyFields)[number];

/** A queue's samples, oldest first, one array per field (the shape uPlot draws). */
export type HistoryColumns = Record<HistoryField, number[]>;

/** GET /admin/v1/queues/{account}/{name}/history. */
export interface HistoryDocument {
  readonly intervalMs: number;
  readonly columns: HistoryColumns;
}

/** A message as GET /admin/v1/queues/{account}/{name}/messages shows it, without consuming it. */
export interface PeekedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentTimestamp: number;
  readonly receiveCount: number;
  readonly messageGroupId?: string;
  readonly messageAttributes?: Readonly<
    Record<
      string,
      {
        readonly DataType: string;
        readonly StringValue?: string;
        /** Base64. */
        readonly BinaryValue?: string;
      }
    >
  >;
}

/** GET /admin/v1/queues/{account}/{name}/messages?limit=N. */
export interface PeekDocument {
  readonly messages: readonly PeekedMessage[];
}
