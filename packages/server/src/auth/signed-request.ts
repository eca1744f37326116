import type { SignedRequest } from './sigv4-verifier.js';

/** What signedRequestOf reads: node:http's IncomingMessage and an HttpExchange both have it. */
export interface RequestWithHeaders {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headersDistinct: SignedRequest['headers'];
}

/** The parts of a request a SigV4 signature covers; repeated headers kept apart. */
export function signedRequestOf(request: RequestWithHeaders, body: Buffer): SignedRequest {
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
