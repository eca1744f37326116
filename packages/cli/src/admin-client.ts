import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { cliLimits } from '@sluice/core';
import { CommandError, ServerError } from './cli-errors.js';

/**
 * GET on the admin JSON API (`/admin/v1/...`) with bounded time and size. Answers other than
 * 2xx become a ServerError carrying the error code the body names, as for SQS calls; socket
 * errors (ECONNREFUSED, ...) propagate for toCliError to report as "cannot connect". node:http
 * rather than fetch, so failures carry the same socket error codes as the SDK's.
 */
export async function getAdminJson(
  endpoint: string,
  path: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<unknown> {
  const response = await get(new URL(`${endpoint}${path}`), headers);
  const text = await readBounded(response, cliLimits.adminResponseBytesMax);
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    throw adminError({ status, statusText: response.statusMessage ?? '' }, text);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CommandError(`the admin API at ${endpoint}${path} did not answer with JSON`);
  }
}

function get(url: URL, headers: Readonly<Record<string, string>>): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'GET', headers: { accept: 'application/json', ...headers } },
      resolve,
    );
    outgoing.setTimeout(cliLimits.requestTimeoutMs, () => {
      outgoing.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function readBounded(response: IncomingMessage, bytesMax: number): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    bytes += buffer.byteLength;
    if (bytes > bytesMax) {
      response.destroy();
      throw new CommandError(`the admin API answer is larger than ${bytesMax} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"..."}` -> QueueDoesNotExist. */
export function adminError(
  response: { status: number; statusText: string },
  text: string,
): ServerError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const type = fields['__type'] ?? fields['code'] ?? fields['error'];
  const message = fields['message'] ?? fields['Message'];
  const code =
    typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : `HTTP ${response.status}`;
  return new ServerError(code, typeof message === 'string' ? message : response.statusText);
}
