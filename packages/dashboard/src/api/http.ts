import { loadSigningKey } from './credentials.js';
import { signRequest, type UnsignedRequest } from './sigv4.js';

/** The server answered that this call needs (other) credentials: show the key form. */
export class NeedsCredentialsError extends Error {}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a request, signed when an admin key is in this session. */
export async function send(request: UnsignedRequest): Promise<Response> {
  const key = loadSigningKey();
  const headers = key === undefined ? request.headers : await signRequest(request, key);
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    ...(request.method === 'POST' ? { body: request.body } : {}),
  });
  if (response.status === 401 || response.status === 403) {
    const text = await response.text();
    throw new NeedsCredentialsError(text);
  }
  return response;
}
