import { ApiError, send } from './http.js';

export interface QueueOverview {
  readonly accountId: string;
  readonly name: string;
  readonly fifo: boolean;
  readonly visible: number;
  readonly inflight: number;
  readonly delayed: number;
  readonly oldestAgeSeconds: number;
  readonly sentPerSecond: number;
  readonly receivedPerSecond: number;
  readonly sentTotal: number;
  readonly receivedTotal: number;
  readonly depthSparkline: readonly number[];
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
  readonly vitals: {
    readonly eventLoopDelayP99Ms: number;
    readonly eventLoopDelayMaxMs: number;
    readonly fsyncCount: number;
    readonly fsyncMeanMs: number;
    readonly fsyncMaxMs: number;
  };
  readonly historySampleIntervalMs: number;
  readonly cluster: null | Record<string, unknown>;
}

export interface Overview {
  readonly server: ServerOverview;
  readonly queues: readonly QueueOverview[];
}

export interface History {
  readonly intervalMs: number;
  readonly columns: Record<
    | 'atMs'
    | 'visible'
    | 'inflight'
    | 'delayed'
    | 'oldestAgeSeconds'
    | 'sent'
    | 'received'
    | 'deleted',
    number[]
  >;
}

export interface PeekedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentTimestamp: number;
  readonly receiveCount: number;
  readonly messageGroupId?: string;
  readonly messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
}

async function getJson<T>(path: string): Promise<T> {
  const url = new URL(path, window.location.origin);
  const response = await send({ method: 'GET', url, headers: {}, body: '' });
  const body = (await response.json()) as T & { error?: string; message?: string };
  if (!response.ok) throw new ApiError(body.error ?? 'Error', body.message ?? response.statusText);
  return body;
}

function queuePath(accountId: string, name: string): string {
  return `/admin/v1/queues/${accountId}/${encodeURIComponent(name)}`;
}

export const adminApi = {
  overview: () => getJson<Overview>('/admin/v1/overview'),
  history: (accountId: string, name: string) =>
    getJson<History>(`${queuePath(accountId, name)}/history`),
  peek: async (accountId: string, name: string, limit: number) =>
    (
      await getJson<{ messages: PeekedMessage[] }>(
        `${queuePath(accountId, name)}/messages?limit=${limit}`,
      )
    ).messages,
};
