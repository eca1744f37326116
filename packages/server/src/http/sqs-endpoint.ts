import { randomUUID } from 'node:crypto';
import { sqsLimits, type Writable } from '@sluice/core';
import {
  SqsError,
  isSqsError,
  parseRequest,
  serializeError,
  serializeResponse,
  validateRequest,
  type WireProtocol,
} from '@sluice/protocol';
import type { RequestContext, Services } from '../services.js';
import { dispatch } from '../actions/index.js';
import { authorizeRequest } from '../auth/authorize-request.js';
import { signedRequestOf } from '../auth/signed-request.js';
import { BodyAbortedError, BodyTooLargeError } from './read-body.js';
import type { HttpExchange } from './http-exchange.js';
import type { ServerLogger } from '../server-logger.js';
import { TooManyWaitersError, type WaitingClient } from '../long-poll.js';
import { UnknownQueueError } from '@sluice/partition';
import { LogBackPressureError } from '@sluice/storage';
import type { FinishedRequest } from '../observability/request-outcome.js';
import type { Principal } from '../auth/principal.js';

/** Told about every finished SQS request (metrics); must not throw. */
export type RequestObserver = (request: FinishedRequest, durationMs: number) => void;

interface Reply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Handles one SQS request on either wire protocol: read the body (bounded), parse, run the
 * action, serialize. Every failure becomes an SQS error response; an unexpected exception is
 * logged and answered as InternalError, never left to crash the process or hang the client.
 */
export async function handleSqsRequest(
  services: Services,
  logger: ServerLogger,
  request: HttpExchange,
  observer?: RequestObserver,
): Promise<void> {
  const startedAt = performance.now();
  const requestId = randomUUID();
  const finished: Writable<FinishedRequest> = {
    action: undefined,
    input: undefined,
    output: undefined,
    errorCode: undefined,
    queueUrlFromPath: undefined,
  };
  let protocol: WireProtocol = request.headers['x-amz-target'] === undefined ? 'query' : 'json';
  let reply: Reply;
  let requestBytes = 0;
  let caller: Principal | undefined;
  let queueName: string | undefined;
  try {
    const body = await request.readBody(sqsLimits.requestBodyBytesMax);
    requestBytes = body.length;
    // Authentication comes before parsing, as at AWS: a bad signature says nothing about input.
    const { authenticator } = services;
    const principal = authenticator.enabled
      ? authenticator.authenticate(signedRequestOf(request, body))
      : authenticator.anonymous;
    caller = principal;
    const url = request.url;
    const queryStart = url.indexOf('?');
    const parsed = parseRequest({
      method: request.method,
      path: queryStart < 0 ? url : url.slice(0, queryStart),
      query: queryStart < 0 ? '' : url.slice(queryStart + 1),
      headers: request.headers,
      body,
    });
    protocol = parsed.protocol;
    finished.action = parsed.action;
    finished.input = parsed.input;
    finished.queueUrlFromPath = parsed.queueUrlFromPath;
    const context = new HttpRequestContext(
      services,
      principal.accountId,
      parsed.queueUrlFromPath,
      request,
    );
    if (authenticator.enabled) authorizeRequest(context, principal, parsed);
    const { failedEntries, queue } = validateRequest(parsed);
    context.failedEntries = failedEntries;
    queueName = queueNameOf(queue, principal.accountId, parsed.input);
    const output = await services.frontEnd.admit(
      {
        action: parsed.action,
        throttleKey: principal.accessKeyId ?? principal.accountId,
        queueKey: queueName,
      },
      () => dispatch(context, parsed.action, parsed.input),
    );
    finished.output = output;
    reply = serializeResponse(protocol, parsed.action, output, requestId);
  } catch (error) {
    const sqsError = toSqsError(error, logger, requestId);
    finished.errorCode = sqsError.code;
    reply = serializeError(protocol, sqsError, requestId);
  }
  observer?.(finished, performance.now() - startedAt);
  const responseBytes = Number(reply.headers['content-length']);
  services.frontEnd.recordOutcome({
    requestId,
    action: finished.action ?? 'Unknown',
    accountId: caller?.accountId,
    accessKeyId: caller?.accessKeyId,
    remoteAddress: request.socket.remoteAddress,
    queue: queueName,
    errorCode: finished.errorCode,
    requestBytes,
    responseBytes,
    atMs: services.clock.nowMs(),
  });
  request.respond(reply.statusCode, reply.headers, reply.body);
}

/**
 * What an action sees of its request. The base URL is made on first use, since most requests
 * need none. Long polls listen to the exchange itself for a disconnect: an AbortController per
 * request was 2 to 3% of a send's CPU, and one per waiting long poll was the largest source of
 * promoted objects under a send and receive load (long-poll.ts).
 */
class HttpRequestContext implements RequestContext {
  failedEntries: ReadonlyMap<string, SqsError> = noFailedEntries;
  #baseUrl: string | undefined;

  constructor(
    readonly services: Services,
    readonly accountId: string,
    readonly queueUrlFromPath: string | undefined,
    private readonly request: HttpExchange,
  ) {}

  get baseUrl(): string {
    return (this.#baseUrl ??= baseUrlOf(this.request));
  }

  /** The exchange tells a long poll when its client goes away before the answer is written. */
  get client(): WaitingClient {
    return this.request;
  }
}

const noFailedEntries: ReadonlyMap<string, SqsError> = new Map();

function toSqsError(error: unknown, logger: ServerLogger, requestId: string): SqsError {
  if (isSqsError(error)) return error;
  if (error instanceof BodyTooLargeError) {
    return new SqsError(
      'RequestEntityTooLarge',
      `The request body is larger than ${error.limitBytes} bytes.`,
    );
  }
  if (error instanceof BodyAbortedError)
    return new SqsError('MalformedQueryString', 'The request body was incomplete.');
  if (error instanceof TooManyWaitersError) {
    return new SqsError('ServiceUnavailable', 'Too many long polls are waiting; retry shortly.');
  }
  if (error instanceof LogBackPressureError) {
    return new SqsError(
      'ThrottlingException',
      'The server is writing as fast as its disk allows; retry shortly.',
    );
  }
  // The queue was deleted while this request was on its way to it.
  if (error instanceof UnknownQueueError) return new SqsError('QueueDoesNotExist');
  logger.error('unexpected error while handling a request', { requestId, error });
  return new SqsError('InternalError');
}

function baseUrlOf(request: HttpExchange): string {
  const host = request.headers.host;
  const scheme = 'encrypted' in request.socket ? 'https' : 'http';
  if (typeof host === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(host)) return `${scheme}://${host}`;
  const address = request.socket.localAddress ?? '127.0.0.1';
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${request.socket.localPort ?? 80}`;
}

/** `account/name` of the queue a request names, by URL or (CreateQueue, GetQueueUrl) by name. */
function queueNameOf(
  queue: { readonly accountId: string; readonly queueName: string } | undefined,
  accountId: string,
  input: object,
): string | undefined {
  if (queue !== undefined) return `${queue.accountId}/${queue.queueName}`;
  const name = (input as { QueueName?: unknown }).QueueName;
  return typeof name === 'string' ? `${accountId}/${name}` : undefined;
}
