import type { IncomingMessage } from 'node:http';
import type { SignedRequest } from './sigv4-verifier.js';

/** The parts of a Node request a SigV4 signature covers; repeated headers kept apart. */
export function signedRequestOf(request: IncomingMessage, body: Buffer): SignedRequest {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  return {
    method: request.method ?? 'GET',
    path: queryStart < 0 ? url : url.slice(0, queryStart),
    query: queryStart < 0 ? '' : url.slice(queryStart + 1),
    headers: request.headersDistinct,
    body,
  };
}
