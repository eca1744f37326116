import type { HistoryDocument, OverviewDocument } from '@sluice/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services.js';
import { sluiceVersion } from '../http/admin-endpoint.js';
import type { ServerObservability } from './server-observability.js';
import { queueSnapshots } from './queue-snapshot.js';
import { serveDashboardFile } from './dashboard-files.js';
import { queueOverviews } from './queue-overview.js';
import { refuseAdminRequest } from '../auth/admin-authentication.js';
import type { MetricsToken } from '../auth/metrics-token.js';

export interface ObservabilityRouteContext {
  readonly services: Services;
  readonly observability: ServerObservability;
  readonly dashboardDirectory: string;
  readonly openConnectionCount: () => number;
  /** Set: GET /metrics needs it as a bearer token. */
  readonly metricsToken: MetricsToken | undefined;
}

/**
 * GET /metrics, GET /admin/v1/overview, GET /admin/v1/queues/{account}/{name}/history and the
 * dashboard's files under /dashboard. Returns false for any other path (the caller routes it).
 */
export function handleObservabilityRequest(
  context: ObservabilityRouteContext,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  // Checked first: every SQS request is a POST, and parsing its URL here would be wasted.
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = new URL(request.url ?? '/', 'http://sluice').pathname;
  if (pathname === '/metrics') {
    if (context.metricsToken?.admits(request.headers.authorization) === false) {
      response
        .writeHead(401, {
          'content-type': 'text/plain',
          'www-authenticate': 'Bearer realm="sluice metrics"',
        })
        .end('/metrics needs the bearer token of --metrics-token-file\n');
      return true;
    }
    void renderMetrics(context, response);
    return true;
  }
  if (pathname === '/dashboard' || pathname.startsWith('/dashboard/')) {
    void serveDashboardFile(context.dashboardDirectory, pathname, response);
    return true;
  }
  const match = /^\/admin\/v1\/queues\/(\d{12})\/([^/]+)\/history$/.exec(pathname);
  if (pathname !== '/admin/v1/overview' && match === null) return false;
  // Same rule as the rest of the admin API: with credentials configured, an admin key's SigV4.
  const refusal = refuseAdminRequest(context.services, request);
  if (refusal !== undefined) {
    sendJson(response, refusal.statusCode, refusal.body);
    return true;
  }
  if (match === null) {
    sendJson(response, 200, overview(context));
    return true;
  }
  const key = `${match[1] as string}/${decodeURIComponent(match[2] as string)}`;
  const columns = context.observability.history.columnsOf(key);
  if (columns === undefined) {
    sendJson(response, 404, { error: 'NoHistory', message: `No history for queue ${key}.` });
  } else {
    const history: HistoryDocument = {
      intervalMs: context.observability.historySampleIntervalMs,
      columns,
    };
    sendJson(response, 200, history);
  }
  return true;
}

async function renderMetrics(
  context: ObservabilityRouteContext,
  response: ServerResponse,
): Promise<void> {
  try {
    const text = await context.observability.metrics.render();
    response.writeHead(200, {
      'content-type': context.observability.metrics.contentType,
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  } catch (error) {
    const text = `metrics failed: ${(error as Error).message}\n`;
    response.writeHead(500, { 'content-type': 'text/plain' }).end(text);
  }
}

function overview(context: ObservabilityRouteContext): OverviewDocument {
  const { services, observability } = context;
  const nowMs = services.clock.nowMs();
  const storage = services.partition.status();
  const memory = process.memoryUsage();
  return {
    server: {
      version: sluiceVersion,
      nodeVersion: process.version,
      uptimeSeconds: Math.floor((nowMs - services.startedAtMs) / 1000),
      startedAtMs: services.startedAtMs,
      region: services.region,
      accountId: services.accountId,
      authRequired: services.authenticator.enabled,
      openConnections: context.openConnectionCount(),
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      storage: {
        dataDirectory: services.dataDirectory,
        logBytes: storage.logBytes,
        segmentCount: storage.segmentCount,
        nextOffset: storage.nextOffset,
        lastSnapshotOffset: storage.lastSnapshotOffset,
      },
      vitals: observability.latestVitals,
      historySampleIntervalMs: observability.historySampleIntervalMs,
      cluster: null,
    },
    queues: queueOverviews(queueSnapshots(services), observability),
  };
}

function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
