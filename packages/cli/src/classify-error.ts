import { CannotConnectError, CliError, CommandError, ServerError } from './cli-errors.js';

/**
 * Socket error codes that mean the request never reached a server that could answer it. The
 * SDK and fetch raise these (sometimes wrapped in `cause` or an AggregateError) after retrying.
 */
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Depth of `cause` / `errors` nesting searched for a socket error code. */
const causeDepthMax = 4;

/**
 * Turns anything a command threw into a CliError: an SDK service exception becomes a
 * ServerError with its SQS code, a socket failure a CannotConnectError naming the endpoint.
 */
export function toCliError(error: unknown, endpoint: string): CliError {
  if (error instanceof CliError) return error;
  if (isServiceException(error)) return new ServerError(error.name, error.message);
  const code = connectionErrorCode(error, causeDepthMax);
  if (code !== undefined) return new CannotConnectError(endpoint, describeConnectionError(code));
  if (isTimeout(error)) return new CannotConnectError(endpoint, 'no answer in time');
  return new CommandError(error instanceof Error ? error.message : String(error));
}

/** SDK service exceptions carry the response metadata and a fault; network errors do not. */
function isServiceException(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const fields = error as unknown as Record<string, unknown>;
  return typeof fields['$fault'] === 'string' && typeof fields['$metadata'] === 'object';
}

function connectionErrorCode(error: unknown, depth: number): string | undefined {
  if (typeof error !== 'object' || error === null || depth < 0) return undefined;
  const fields = error as Record<string, unknown>;
  const code = fields['code'];
  if (typeof code === 'string' && connectionErrorCodes.has(code)) return code;
  const errors = Array.isArray(fields['errors']) ? (fields['errors'] as unknown[]) : [];
  const nested = [fields['cause'], ...errors];
  for (const inner of nested) {
    const found = connectionErrorCode(inner, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describeConnectionError(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is `sluice serve` running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'connection closed before an answer';
    default:
      return code;
  }
}
