import type { PeekDocument, PeekedMessage } from '@sluice/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services.js';
import { decodeMessagePayload } from '../messages/message-payload.js';
import { plainPayload } from '../encryption/message-sealer.js';
import { serverLimits } from '../server-limits.js';
import { refuseAdminRequest } from '../auth/admin-authentication.js';

/** The version reported by /admin/v1/status. */
export const sluiceVersion = '0.1.0';

/**
 * The admin JSON API (not SQS): server status and peeking at messages without consuming them.
 * Routes: GET /admin/v1/status, GET /admin/v1/usage (requests and bytes per account and action),
 * GET /admin/v1/queues/{account}/{name}/messages?limit=N.
 */
export function handleAdminRequest(
  services: Services,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const refusal = refuseAdminRequest(services, request);
  if (refusal !== undefined) return send(response, refusal.statusCode, refusal.body);
  const url = new URL(request.url ?? '/', 'http://admin');
  if (request.method !== 'GET')
    return send(response, 405, { error: 'MethodNotAllowed', message: 'Use GET.' });
  if (url.pathname === '/admin/v1/status') return send(response, 200, status(services, request));
  if (url.pathname === '/admin/v1/usage') {
    return send(response, 200, { usage: services.frontEnd.usage.entries() });
  }
  const match = /^\/admin\/v1\/queues\/(\d{12})\/([^/]+)\/messages$/.exec(url.pathname);
  if (match !== null) {
    const queue = services.metadata.getQueue(
      match[1] as string,
      decodeURIComponent(match[2] as string),
    );
    if (queue === undefined) {
      return send(response, 404, {
        error: 'QueueDoesNotExist',
        message: 'The specified queue does not exist.',
      });
    }
    const limitText = url.searchParams.get('limit') ?? '10';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > serverLimits.peekCountMax) {
      return send(response, 400, {
        error: 'InvalidParameterValue',
        message: `limit must be an integer from 1 to ${serverLimits.peekCountMax}.`,
      });
    }
    const messages = services.partition.peek(queue.id, limit).map((message): PeekedMessage => {
      const content = decodeMessagePayload(plainPayload(services.sealer, message.payload));
      return {
        messageId: message.messageId,
        body: content.body,
        sentTimestamp: message.sentAtMs,
        receiveCount: message.receiveCount,
        ...(message.groupId === undefined ? {} : { messageGroupId: message.groupId }),
        ...(content.attributes === undefined
          ? {}
          : {
              messageAttributes: Object.fromEntries(
                Object.entries(content.attributes).map(([name, value]) => [
                  name,
                  {
                    DataType: value.DataType,
                    ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
                    ...(value.BinaryValue === undefined
                      ? {}
                      : { BinaryValue: value.BinaryValue.toString('base64') }),
                  },
                ]),
              ),
            }),
      };
    });
    const peek: PeekDocument = { messages };
    return send(response, 200, peek);
  }
  return send(response, 404, { error: 'NotFound', message: `No admin route ${url.pathname}.` });
}

function status(services: Services, request: IncomingMessage): unknown {
  const nowMs = services.clock.nowMs();
  const host = request.headers.host ?? '127.0.0.1';
  const storage = services.partition.status();
  return {
    version: sluiceVersion,
    uptimeSeconds: Math.floor((nowMs - services.startedAtMs) / 1000),
    dataDirectory: services.dataDirectory,
    queues: services.metadata.listQueues().map((queue) => {
      const counters = services.partition.counters(queue.id);
      return {
        name: queue.name,
        url: `http://${host}/${queue.accountId}/${queue.name}`,
        fifo: queue.fifo,
        visible: counters.visible,
        inflight: counters.inflight,
        delayed: counters.delayed,
        bytes: counters.bytes,
        rejectedSends: services.frontEnd.backPressure.rejectedCount(queue.id),
        oldestAgeSeconds:
          counters.oldestSentAtMs === undefined
            ? 0
            : Math.max(0, Math.floor((nowMs - counters.oldestSentAtMs) / 1000)),
      };
    }),
    storage: {
      logBytes: storage.logBytes,
      segmentCount: storage.segmentCount,
      diskFreeBytes: Number.isFinite(services.frontEnd.disk.freeBytes)
        ? services.frontEnd.disk.freeBytes
        : null,
      diskFreeBytesMin: services.frontEnd.disk.freeBytesMin,
    },
    frontEnd: {
      throttledRequests: services.frontEnd.throttledCount,
      messageRequestsRunning: services.frontEnd.dataBulkhead.runningCount,
      adminRequestsRunning: services.frontEnd.adminBulkhead.runningCount,
      bulkheadRejections:
        services.frontEnd.dataBulkhead.rejectedCount +
        services.frontEnd.adminBulkhead.rejectedCount,
    },
  };
}

function send(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
