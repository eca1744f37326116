/**
 * Turns an HTTP request into the action it asks for and that action's canonical input, on either
 * SQS wire protocol. Pure: no I/O, no clock. Every failure is a thrown SqsError.
 *
 * - JSON 1.0: `POST` with `X-Amz-Target: AmazonSQS.<Action>` and a JSON body.
 * - Query: `Action=<Action>&...` in a form-encoded POST body and/or the URL query string. The
 *   queue URL may also be the request path (`/<account>/<name>`) instead of a QueueUrl parameter.
 */
import { sqsLimits } from '@sluice/core';
import { isSqsAction, jsonTargetPrefix, type SqsAction } from './actions.js';
import { SqsError } from './errors.js';
import { decodeForm } from './decode-form.js';
import { inputSchemas } from './input-schema.js';
import type { SqsInputs } from './input-types.js';
import { readJsonInput } from './read-json.js';
import { buildQueryTree, readQueryInput } from './read-query.js';

export type WireProtocol = 'json' | 'query';

export interface HttpRequestParts {
  readonly method: string;
  /** The URL path without the query string. */
  readonly path: string;
  /** The raw URL query string, without the leading `?`. */
  readonly query: string;
  /** Header names lower-cased, as Node's IncomingMessage gives them. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
}

export type ParsedRequest = {
  [Action in SqsAction]: {
    readonly protocol: WireProtocol;
    readonly action: Action;
    readonly input: SqsInputs[Action];
    /** The request path when it names a queue (Query clients may address queues this way). */
    readonly queueUrlFromPath?: string;
    /**
     * True when no string in the input can hold a character XML 1.0 refuses, as the raw JSON
     * body shows: it has no backslash, so no escape (JSON refuses a raw control character in a
     * string, and a lone surrogate can only come from an escape), and no 0xEF byte, the lead of
     * U+FFFE and U+FFFF in UTF-8 (invalid UTF-8 decodes to U+FFFD, which XML allows). Validation
     * then skips its character scans: two byte searches take 1.1 µs for 64 KiB where the scan
     * of the decoded body took 18. Absent or false: the strings are scanned.
     */
    readonly xmlSafeText?: boolean;
  };
}[SqsAction];

export function parseRequest(request: HttpRequestParts): ParsedRequest {
  if (request.body.length > sqsLimits.requestBodyBytesMax) {
    throw new SqsError(
      'RequestEntityTooLarge',
      `The request body is larger than ${sqsLimits.requestBodyBytesMax} bytes.`,
    );
  }
  const target = header(request, 'x-amz-target');
  const parsed = target === undefined ? parseQuery(request) : parseJson(request, target);
  return parsed as ParsedRequest;
}

function header(request: HttpRequestParts, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

interface UntypedRequest {
  protocol: WireProtocol;
  action: SqsAction;
  input: Record<string, unknown>;
  queueUrlFromPath?: string;
  xmlSafeText?: boolean;
}

function parseJson(request: HttpRequestParts, target: string): UntypedRequest {
  const action = target.startsWith(jsonTargetPrefix)
    ? target.slice(jsonTargetPrefix.length)
    : undefined;
  if (action === undefined || !isSqsAction(action)) {
    throw new SqsError('InvalidAction', `The target ${target} is not a known operation.`);
  }
  if (request.method !== 'POST') {
    throw new SqsError('InvalidAction', `JSON requests must use POST, not ${request.method}.`);
  }
  const body = request.body;
  const input = readJsonInput(inputSchemas[action], parseJsonBody(body));
  const xmlSafeText = body.indexOf(backslash) === -1 && body.indexOf(utf8LeadOfFffeAndFfff) === -1;
  const queueUrlFromPath = queuePath(request.path);
  return queueUrlFromPath === undefined
    ? { protocol: 'json', action, input, xmlSafeText }
    : { protocol: 'json', action, input, queueUrlFromPath, xmlSafeText };
}

const backslash = 0x5c;
const utf8LeadOfFffeAndFfff = 0xef;

function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new SqsError('SerializationException', 'The request body is not valid JSON.');
  }
}

function parseQuery(request: HttpRequestParts): UntypedRequest {
  if (request.method !== 'POST' && request.method !== 'GET') {
    throw new SqsError(
      'InvalidAction',
      `Query requests must use GET or POST, not ${request.method}.`,
    );
  }
  const parameters = new Map<string, string>();
  // Body parameters come first, so they win over the same names in the URL.
  if (request.method === 'POST' && request.body.length > 0) {
    decodeForm(request.body.toString('utf8'), parameters);
  }
  decodeForm(request.query, parameters);
  const actionName = parameters.get('Action');
  if (actionName === undefined || actionName === '') {
    throw new SqsError('MissingAction', 'The request must contain the parameter Action.');
  }
  if (!isSqsAction(actionName)) {
    throw new SqsError('InvalidAction', `The action ${actionName} is not valid for this endpoint.`);
  }
  const queueUrlFromPath = queuePath(request.path);
  if (queueUrlFromPath !== undefined && !parameters.has('QueueUrl')) {
    parameters.set('QueueUrl', queueUrlFromRequest(request, queueUrlFromPath));
  }
  const input = readQueryInput(inputSchemas[actionName], buildQueryTree(parameters));
  return queueUrlFromPath === undefined
    ? { protocol: 'query', action: actionName, input }
    : { protocol: 'query', action: actionName, input, queueUrlFromPath };
}

/** The path, when it is more than `/`: Query clients may post to the queue URL itself. */
function queuePath(path: string): string | undefined {
  if (path === '' || path === '/') return undefined;
  return path;
}

/** The absolute queue URL the client addressed, so the server sees the same QueueUrl either way. */
function queueUrlFromRequest(request: HttpRequestParts, path: string): string {
  const host = header(request, 'host');
  return host === undefined || host === '' ? path : `http://${host}${path}`;
}
