import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readBody } from './read-body.js';

/**
 * One HTTP request and its answer as the SQS endpoint sees them, whichever parser read the
 * request: node:http (nodeHttpExchange) or the lean path for plain POSTs (lean-http.ts).
 */
export interface HttpExchange {
  readonly method: string;
  /** The request target as sent: path and query string. */
  readonly url: string;
  /** Lower-cased names, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Every header's values, repeated headers kept apart (what a SigV4 signature covers). */
  readonly headersDistinct: Readonly<Record<string, string[] | undefined>>;
  readonly socket: Socket;
  /** The body, refused past limitBytes (BodyTooLargeError) without buffering the rest. */
  readBody(limitBytes: number): Promise<Buffer>;
  /** The client is gone or the answer is written: nothing more can be sent. */
  readonly finished: boolean;
  /** Calls listener once if the client goes away before the answer is written in full. */
  onAbort(listener: () => void): void;
  /** Writes the whole answer; a string body goes out in the same write as the headers. */
  respond(statusCode: number, headers: Readonly<Record<string, string>>, body: string): void;
}

/** An exchange over node:http's request and response. */
export function nodeHttpExchange(request: IncomingMessage, response: ServerResponse): HttpExchange {
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: request.headers,
    get headersDistinct() {
      return request.headersDistinct;
    },
    socket: request.socket,
    readBody: (limitBytes) => readBody(request, limitBytes),
    get finished() {
      return response.destroyed || response.writableFinished || request.socket.destroyed;
    },
    onAbort(listener) {
      response.once('close', () => {
        if (!response.writableFinished) listener();
      });
    },
    respond(statusCode, headers, body) {
      if (response.destroyed) return;
      response.writeHead(statusCode, headers);
      response.end(body);
    },
  };
}
