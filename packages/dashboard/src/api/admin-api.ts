import type { HistoryDocument, OverviewDocument, PeekDocument } from '@sluice/core';
import { ApiError, send } from './http.js';

// The documents are declared once, in @sluice/core, next to the server that builds them.
export type {
  HistoryDocument as History,
  OverviewDocument as Overview,
  PeekedMessage,
  QueueOverview,
  ServerOverview,
} from '@sluice/core';

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
  overview: () => getJson<OverviewDocument>('/admin/v1/overview'),
  history: (accountId: string, name: string) =>
    getJson<HistoryDocument>(`${queuePath(accountId, name)}/history`),
  peek: async (accountId: string, name: string, limit: number) =>
    (await getJson<PeekDocument>(`${queuePath(accountId, name)}/messages?limit=${limit}`)).messages,
};
