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
import type {
  ChangeMessageVisibilityBatchOutput,
  DeleteMessageBatchOutput,
  ReceiveMessageOutput,
  SendMessageBatchOutput,
  SendMessageBatchResultEntry,
  SqsOutputs,
} from './output-types.js';
import { outputSchemas } from './output-schema.js';
import type { WireProtocol } from './parse-request.js';
import { xmlErrorResponse, xmlResponse } from './serialize-xml.js';
import { hasOnlyNameCharacters } from './validate-queue-name.js';

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

/** The actions whose output batchResultJson writes. */
const batchActions: ReadonlySet<SqsAction> = new Set([
  'SendMessageBatch',
  'DeleteMessageBatch',
  'ChangeMessageVisibilityBatch',
]);

/** Actions whose output can hold Buffers (binary message attributes). */
const actionsWithBinaryOutput: ReadonlySet<SqsAction> = new Set(['ReceiveMessage']);

export function serializeResponse<Action extends SqsAction>(
  protocol: WireProtocol,
  action: Action,
  output: SqsOutputs[Action],
  requestId: string,
): HttpResponseParts {
  if (protocol === 'json') {
    const text =
      action === 'ReceiveMessage'
        ? receiveMessageJson(output as ReceiveMessageOutput)
        : batchActions.has(action)
          ? batchResultJson(output as BatchOutput)
          : // A replacer costs a call per key, so it is used only when a Buffer may be inside.
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

/**
 * ReceiveMessage in JSON, each body quoted by quoteValidatedBody when the bodies are long: with
 * ten 1 KiB messages, JSON.stringify spent nearly all of its 18 to 24 µs escaping the bodies,
 * and this takes 11 to 13.
 */
function receiveMessageJson(output: ReceiveMessageOutput): string {
  const messages = output.Messages;
  const replacer = mayHoldBuffers(output) ? buffersAsBase64 : undefined;
  if (messages === undefined || !bodiesWorthQuotingApart(messages)) {
    return JSON.stringify(output, replacer);
  }
  let text = '{"Messages":[';
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as Readonly<Record<string, unknown>>;
    text += index === 0 ? '{' : ',{';
    let first = true;
    // The output type's keys: plain identifiers, written as they are.
    for (const key in message) {
      const value = message[key];
      if (value === undefined) continue;
      text += `${first ? '' : ','}"${key}":`;
      first = false;
      if (key === 'Body') text += quoteValidatedBody(value as string);
      else if (typeof value === 'string') text += JSON.stringify(value);
      else text += JSON.stringify(value, replacer);
    }
    text += '}';
  }
  return `${text}]}`;
}

type BatchOutput =
  SendMessageBatchOutput | DeleteMessageBatchOutput | ChangeMessageVisibilityBatchOutput;

/**
 * A batch action's output exactly as JSON.stringify writes it, in half the time (ten
 * SendMessageBatch results: 1.27 µs against 2.52). A successful entry holds its Id, checked
 * here to be letters, digits, hyphens and underscores as validation requires, and values this
 * server made: message ids, MD5 digests in hex, sequence numbers. JSON escapes none of those
 * characters, so they are quoted as they are; an Id that is not so goes back to JSON.stringify
 * whole. Failed entries carry messages that can say anything, so JSON.stringify writes them.
 */
function batchResultJson(output: BatchOutput): string {
  const successful = output.Successful as readonly Partial<SendMessageBatchResultEntry>[];
  let text = '{"Successful":[';
  for (let index = 0; index < successful.length; index++) {
    const entry = successful[index]!;
    const id = entry.Id!;
    if (!hasOnlyNameCharacters(id)) return JSON.stringify(output);
    text += `${index === 0 ? '' : ','}{"Id":"${id}"`;
    // In the order the actions set them, which is the order JSON.stringify follows; named one by
    // one, as a loop over the names measured 0.5 µs slower for ten results.
    if (entry.MessageId !== undefined) text += `,"MessageId":"${entry.MessageId}"`;
    if (entry.MD5OfMessageBody !== undefined) {
      text += `,"MD5OfMessageBody":"${entry.MD5OfMessageBody}"`;
    }
    if (entry.MD5OfMessageAttributes !== undefined) {
      text += `,"MD5OfMessageAttributes":"${entry.MD5OfMessageAttributes}"`;
    }
    if (entry.MD5OfMessageSystemAttributes !== undefined) {
      text += `,"MD5OfMessageSystemAttributes":"${entry.MD5OfMessageSystemAttributes}"`;
    }
    if (entry.SequenceNumber !== undefined) text += `,"SequenceNumber":"${entry.SequenceNumber}"`;
    text += '}';
  }
  return `${text}],"Failed":${JSON.stringify(output.Failed)}}`;
}

/**
 * Whether the bodies are long enough for quoteValidatedBody to pay for writing each message by
 * hand: measured with ten messages, 100-byte bodies were 25% slower that way and 1 KiB bodies
 * 45% faster (10 KiB ones 73% faster), crossing near 200 characters.
 */
function bodiesWorthQuotingApart(messages: readonly { readonly Body?: string }[]): boolean {
  let characters = 0;
  for (const message of messages) characters += message.Body?.length ?? 0;
  return characters >= receiveBodyCharactersPerMessageMin * messages.length;
}

const receiveBodyCharactersPerMessageMin = 256;

/**
 * A stored message body as a JSON string, exactly as JSON.stringify writes it. Every stored body
 * passed validateMessageBody at send, so it holds only the characters XML 1.0 allows: of the
 * characters JSON escapes, only the quote, the backslash, tab, LF and CR, and no lone surrogate.
 * A body without those five is quoted as it is: five indexOf scans take about 0.06 µs a KiB,
 * where JSON.stringify takes 1.4 to 2 µs. Only for bodies that passed that validation.
 */
export function quoteValidatedBody(body: string): string {
  const plain =
    body.indexOf('"') === -1 &&
    body.indexOf('\\') === -1 &&
    body.indexOf('\n') === -1 &&
    body.indexOf('\r') === -1 &&
    body.indexOf('\t') === -1;
  return plain ? `"${body}"` : JSON.stringify(body);
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
