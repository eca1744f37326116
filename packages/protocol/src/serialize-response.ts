/**
 * Writes responses and errors in the request's protocol.
 *
 * - JSON 1.0: `application/x-amz-json-1.0`; errors are `{"__type", "message"}` plus the
 *   `x-amzn-query-error: <QueryCode>;<Sender|Receiver>` header that awsQueryCompatible clients
 *   (botocore, the JS SDK v3) read the error code from.
 * - Query: XML (see serialize-xml.ts).
 *
 * Both carry the request id in `x-amzn-RequestId`.
 */
import type { SqsAction } from './actions.js';
import { SqsError } from './errors.js';
import type { SqsOutputs } from './output-types.js';
import { outputSchemas } from './output-schema.js';
import type { WireProtocol } from './parse-request.js';
import { xmlErrorResponse, xmlResponse } from './serialize-xml.js';

export interface HttpResponseParts {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body as text: node:http writes a string body in one piece with the headers, where a
   * Buffer body costs a second chunk in a writev.
   */
  readonly body: string;
}

const jsonContentType = 'application/x-amz-json-1.0';
const xmlContentType = 'text/xml';

/** Actions whose output can hold Buffers (binary message attributes). */
const actionsWithBinaryOutput: ReadonlySet<SqsAction> = new Set(['ReceiveMessage']);

export function serializeResponse<Action extends SqsAction>(
  protocol: WireProtocol,
  action: Action,
  output: SqsOutputs[Action],
  requestId: string,
): HttpResponseParts {
  if (protocol === 'json') {
    // A replacer costs a call per key, so it is used only when a Buffer may be inside.
    const text =
      actionsWithBinaryOutput.has(action) && mayHoldBuffers(output)
        ? JSON.stringify(output, buffersAsBase64)
        : JSON.stringify(output);
    return respond(200, jsonContentType, requestId, text);
  }
  const xml = xmlResponse(action, outputSchemas[action], output, requestId);
  return respond(200, xmlContentType, requestId, xml);
}

/**
 * Writes any thrown value as an SQS error. Anything but an SqsError is a bug in Sluice and is
 * sent as InternalError without its message; internal errors (NotLeader) go out as
 * ServiceUnavailable.
 */
export function serializeError(
  protocol: WireProtocol,
  error: unknown,
  requestId: string,
): HttpResponseParts {
  const wireError = toWireError(error);
  const entry = wireError.entry;
  if (protocol === 'json') {
    const body = JSON.stringify({ __type: entry.jsonType, message: wireError.message });
    const response = respond(entry.httpStatus, jsonContentType, requestId, body);
    return {
      ...response,
      headers: { ...response.headers, 'x-amzn-query-error': `${entry.queryCode};${entry.fault}` },
    };
  }
  const message =
    wireError.usesDefaultMessage && entry.queryMessage !== undefined
      ? entry.queryMessage
      : wireError.message;
  const xml = xmlErrorResponse(entry.fault, entry.queryCode, message, requestId);
  return respond(entry.httpStatus, xmlContentType, requestId, xml);
}

function toWireError(error: unknown): SqsError {
  if (!(error instanceof SqsError)) return new SqsError('InternalError');
  if (error.entry.internal === true) return new SqsError('ServiceUnavailable');
  return error;
}

function respond(
  statusCode: number,
  contentType: string,
  requestId: string,
  body: string,
): HttpResponseParts {
  return {
    statusCode,
    headers: {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body, 'utf8')),
      'x-amzn-RequestId': requestId,
    },
    body,
  };
}

/** Whether a ReceiveMessage output has message attributes, where binary values live. */
function mayHoldBuffers(output: unknown): boolean {
  const messages = (output as { readonly Messages?: readonly object[] }).Messages;
  if (messages === undefined) return false;
  for (const message of messages) {
    if ('MessageAttributes' in message || 'MessageSystemAttributes' in message) return true;
  }
  return false;
}

/** JSON.stringify replacer: `this[key]` is the value before Buffer's own toJSON ran. */
function buffersAsBase64(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  return Buffer.isBuffer(original) ? original.toString('base64') : value;
}
