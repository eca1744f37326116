/**
 * The lean HTTP/1.1 path for the requests that carry the load: plain POSTs with a Content-Length
 * that arrive whole. node:http's IncomingMessage and ServerResponse objects, body stream and
 * per-header work were about a fifth of the send profile; this path reads the request line and
 * headers itself, hands the body over as one Buffer and writes each answer in one write.
 * Measured in interleaved pairs: 47-67 µs of CPU per SendMessage instead of 78-92
 * (docs/benchmarks/analysis.md, section 1.4).
 *
 * It accepts a strict subset of what node:http accepts and never answers an error of its own.
 * Anything else (another method or version, Transfer-Encoding, Expect, Upgrade, Connection other
 * than keep-alive, a repeated header, folded or odd bytes, no Host, a head or body over the limits,
 * a target the caller does not route here, or a request that has not arrived whole within about a
 * second or in 16 reads) is handed over: the connection, with every byte not yet
 * answered, goes to node:http, which parses it from there on with its own limits, errors and
 * timeouts. Requests are answered one at a time and in order, as HTTP/1.1 pipelining requires.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpExchange } from './http-exchange.js';
import { BodyTooLargeError } from './read-body.js';

export interface LeanHttpOptions {
  /** The largest request line plus headers taken here; larger goes to node:http (431). */
  readonly headerBytesMax: number;
  /** The largest Content-Length taken here; larger goes to node:http. */
  readonly bodyBytesMax: number;
  readonly keepAliveTimeoutMs: number;
  /** Whether a POST to this target is answered by the lean handler. */
  readonly accepts: (url: string) => boolean;
}

export interface LeanRequestHead {
  readonly url: string;
  /** Lower-cased names, each present once, values with surrounding spaces and tabs removed. */
  readonly headers: Record<string, string>;
  /** The request line and headers, blank line included. */
  readonly headBytes: number;
  readonly contentLength: number;
}

/** The head has not arrived in full yet. */
export const incomplete = 'incomplete';
/** Not a request this path takes: node:http must read it. */
export const unsupported = 'unsupported';

const headEnd = Buffer.from('\r\n\r\n');
const httpVersionSuffix = ' HTTP/1.1';
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const targetPattern = /^\/[\x21-\x7e]*$/;
const crlf = Buffer.from('\r\n');
/**
 * Header lines as RFC 9110 has them: a token, a colon, then a value of tabs, visible characters
 * and obs-text (no other control character, so no CR or LF but the line's end).
 */
const headerBlockPattern = /^(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*\r\n)*$/;
const contentLengthPattern = /^\d{1,15}$/;
/** Headers whose semantics this path leaves to node:http. */
const handedOverHeaders = ['transfer-encoding', 'expect', 'upgrade'];
/** A partial request spread over more reads than this goes to node:http's streaming parser. */
const partialReadCountMax = 16;

/** Parses the head of the request at the start of buffer, if this path takes it. */
export function parseLeanHead(
  buffer: Buffer,
  headerBytesMax: number,
): LeanRequestHead | typeof incomplete | typeof unsupported {
  const end = buffer.indexOf(headEnd);
  if (end < 0) return buffer.length > headerBytesMax ? unsupported : incomplete;
  if (end + 4 > headerBytesMax) return unsupported;
  // The request line: "POST " target " HTTP/1.1", then at least one header (Host).
  if (buffer[0] !== 0x50 || buffer[4] !== 0x20 || buffer[5] !== 0x2f) return unsupported;
  const lineEnd = buffer.indexOf(crlf, 5);
  if (lineEnd === end) return unsupported;
  const requestLine = buffer.toString('latin1', 0, lineEnd);
  if (!requestLine.startsWith('POST ') || !requestLine.endsWith(httpVersionSuffix)) {
    return unsupported;
  }
  const url = requestLine.slice(5, requestLine.length - httpVersionSuffix.length);
  if (!targetPattern.test(url)) return unsupported;
  // Every header line checked in one pass, each ending in CRLF (the head's last one included).
  const block = buffer.toString('latin1', lineEnd + 2, end + 2);
  if (!headerBlockPattern.test(block)) return unsupported;
  // A plain object, not Object.create(null): a null-prototype object starts in dictionary mode,
  // and building one per request cost about 0.3 µs more. A repeated name finds its first value;
  // a name of a prototype member (constructor, __proto__) finds that member, so it is left to
  // node:http with the repeats. (`name in headers` said the same and cost 0.3 µs more a request.)
  const headers: Record<string, string> = {};
  for (let lineStart = 0; lineStart < block.length;) {
    const colon = block.indexOf(':', lineStart);
    const nextLine = block.indexOf('\r\n', colon);
    const name = block.slice(lineStart, colon).toLowerCase();
    if (headers[name] !== undefined) return unsupported;
    headers[name] = trimSpacesAndTabs(block.slice(colon + 1, nextLine));
    lineStart = nextLine + 2;
  }
  if (headers.host === undefined) return unsupported;
  for (const name of handedOverHeaders) if (headers[name] !== undefined) return unsupported;
  const connection = headers.connection;
  if (connection !== undefined && connection.toLowerCase() !== 'keep-alive') return unsupported;
  const length = headers['content-length'];
  if (length !== undefined && !contentLengthPattern.test(length)) return unsupported;
  return { url, headers, headBytes: end + 4, contentLength: length === undefined ? 0 : +length };
}

function trimSpacesAndTabs(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value[start] === ' ' || value[start] === '\t')) start++;
  while (end > start && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * Why a connection left the lean path: a request outside its subset, head size included
 * (`request`), a body over its limit (`limit`), a target it does not serve (`target`), or a
 * request not whole within the time or the number of reads allowed (`slow`, `trickle`).
 */
export type HandOverReason = 'request' | 'limit' | 'target' | 'slow' | 'trickle';

/** What a lean connection needs from its listener. */
export interface LeanConnectionOwner {
  readonly options: LeanHttpOptions;
  readonly handle: (exchange: HttpExchange) => void;
  /** Gives the socket, its unanswered bytes unshifted, to node:http. */
  readonly handOver: (connection: LeanConnection, reason: HandOverReason) => void;
  /** The connection is closed or handed over; forget it. */
  readonly release: (connection: LeanConnection) => void;
}

/** One client connection read by the lean path until it closes or is handed to node:http. */
export class LeanConnection {
  /** Bytes received and not yet answered, in arrival order. */
  #chunks: Buffer[] = [];
  #bufferedBytes = 0;
  /** When the first unanswered byte arrived (performance.now()). */
  #partialSinceMs = 0;
  /** Reads that brought the request not yet complete (each one joins the buffer once). */
  #partialReads = 0;
  #exchange: LeanExchange | undefined;
  #released = false;
  #closing = false;
  #waitingForDrain = false;

  constructor(
    readonly socket: Socket,
    private readonly owner: LeanConnectionOwner,
  ) {
    socket.setNoDelay(true);
    socket.setTimeout(owner.options.keepAliveTimeoutMs);
    for (const [event, listener] of this.#listeners) socket.on(event, listener);
  }

  /** Every listener this path puts on the socket; a hand-over takes them all off again. */
  readonly #listeners: readonly (readonly [string, (chunk: Buffer) => void])[] = [
    ['data', (chunk: Buffer) => this.#onData(chunk)],
    ['end', () => this.#onEnd()],
    ['timeout', () => this.#onTimeout()],
    ['drain', () => this.#onDrain()],
    ['error', ignoreError],
    ['close', () => this.#onClose()],
  ];

  /** Bytes of a request not yet complete have waited since this time, or 0 if none. */
  get partialSinceMs(): number {
    return this.#exchange === undefined && this.#bufferedBytes > 0 ? this.#partialSinceMs : 0;
  }

  /** Graceful stop: close now if idle, else right after the answer in progress. */
  closeWhenIdle(): void {
    this.#closing = true;
    if (this.#exchange === undefined && !this.#released) this.socket.end();
  }

  /** Hands the connection to node:http unless a request is being answered. */
  handOverIfIdle(reason: HandOverReason): void {
    if (this.#exchange === undefined && !this.#released) this.#handOver(reason);
  }

  /** Moves the unanswered bytes back onto the socket for whoever reads it next. */
  takeUnansweredBytes(): Buffer[] {
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#bufferedBytes = 0;
    return chunks;
  }

  #onData(chunk: Buffer): void {
    if (this.#bufferedBytes === 0) this.#partialSinceMs = performance.now();
    this.#partialReads += 1;
    this.#chunks.push(chunk);
    this.#bufferedBytes += chunk.length;
    if (this.#exchange !== undefined || this.#waitingForDrain) {
      // Pipelined requests wait their turn; past one full request's worth, stop reading.
      const options = this.owner.options;
      if (this.#bufferedBytes > options.headerBytesMax + options.bodyBytesMax) this.socket.pause();
      return;
    }
    this.#serve();
  }

  /** Answers complete requests in order until one is in progress or the bytes run out. */
  #serve(): void {
    const options = this.owner.options;
    while (this.#exchange === undefined && this.#bufferedBytes > 0 && !this.#released) {
      const buffer = this.#contiguous();
      const head = parseLeanHead(buffer, options.headerBytesMax);
      if (head === unsupported) return this.#handOver('request');
      if (head !== incomplete && head.contentLength > options.bodyBytesMax) {
        return this.#handOver('limit');
      }
      if (head !== incomplete && !options.accepts(head.url)) return this.#handOver('target');
      const requestBytes = head === incomplete ? Infinity : head.headBytes + head.contentLength;
      if (head === incomplete || buffer.length < requestBytes) {
        if (this.#partialReads > partialReadCountMax) return this.#handOver('trickle');
        if (this.socket.isPaused()) this.socket.resume();
        break;
      }
      const body = buffer.subarray(head.headBytes, requestBytes);
      this.#partialReads = 0;
      if (buffer.length === requestBytes) {
        this.#chunks = [];
        this.#bufferedBytes = 0;
      } else {
        this.#chunks = [buffer.subarray(requestBytes)];
        this.#bufferedBytes = buffer.length - requestBytes;
        this.#partialSinceMs = performance.now();
      }
      const exchange = new LeanExchange(this, head.url, head.headers, body);
      this.#exchange = exchange;
      this.owner.handle(exchange);
    }
  }

  #contiguous(): Buffer {
    if (this.#chunks.length === 1) return this.#chunks[0] as Buffer;
    const joined = Buffer.concat(this.#chunks, this.#bufferedBytes);
    this.#chunks = [joined];
    return joined;
  }

  /** Called by the exchange with its answer. */
  answer(statusCode: number, headers: Readonly<Record<string, string>>, body: string): void {
    this.#exchange = undefined;
    const socket = this.socket;
    if (this.#released || socket.destroyed) return;
    const close = this.#closing;
    const written = socket.write(
      responseHead(statusCode, headers, body, close, this.owner.options) + body,
    );
    if (close) {
      socket.end();
      return;
    }
    if (!written) {
      this.#waitingForDrain = true;
      return;
    }
    if (socket.isPaused()) socket.resume();
    this.#serve();
  }

  #onDrain(): void {
    if (!this.#waitingForDrain) return;
    this.#waitingForDrain = false;
    if (this.socket.isPaused()) this.socket.resume();
    this.#serve();
  }

  #onEnd(): void {
    // The client closed its side: as node:http does, the request in progress is abandoned (a
    // long poll stops waiting) and the connection closes.
    this.#exchange?.abort();
    this.#exchange = undefined;
    this.takeUnansweredBytes();
    if (!this.#released) this.socket.end();
  }

  #onTimeout(): void {
    // Idle past the keep-alive timeout. A request being answered (a long poll) is not idle.
    if (this.#exchange === undefined && !this.#released) this.socket.destroy();
  }

  #onClose(): void {
    this.#exchange?.abort();
    if (!this.#released) {
      this.#released = true;
      this.owner.release(this);
    }
  }

  #handOver(reason: HandOverReason): void {
    this.#released = true;
    const socket = this.socket;
    socket.setTimeout(0);
    for (const [event, listener] of this.#listeners) socket.off(event, listener);
    this.owner.release(this);
    this.owner.handOver(this, reason);
  }
}

function ignoreError(): void {
  // Every socket error is followed by 'close', where the connection is released.
}

/** One request read by the lean path. */
class LeanExchange implements HttpExchange {
  readonly method = 'POST';
  finished = false;
  #headersDistinct: Record<string, string[]> | undefined;
  #abortListeners: (() => void)[] | undefined;

  constructor(
    private readonly connection: LeanConnection,
    readonly url: string,
    readonly headers: Readonly<Record<string, string>>,
    private readonly body: Buffer,
  ) {}

  get socket(): Socket {
    return this.connection.socket;
  }

  get headersDistinct(): Readonly<Record<string, string[]>> {
    if (this.#headersDistinct === undefined) {
      const distinct: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      for (const name in this.headers) distinct[name] = [this.headers[name] as string];
      this.#headersDistinct = distinct;
    }
    return this.#headersDistinct;
  }

  readBody(limitBytes: number): Promise<Buffer> {
    if (this.body.length > limitBytes) return Promise.reject(new BodyTooLargeError(limitBytes));
    return Promise.resolve(this.body);
  }

  onAbort(listener: () => void): void {
    if (!this.finished) (this.#abortListeners ??= []).push(listener);
  }

  respond(statusCode: number, headers: Readonly<Record<string, string>>, body: string): void {
    if (this.finished) return;
    this.finished = true;
    this.connection.answer(statusCode, headers, body);
  }

  /** The connection closed before the answer was written. */
  abort(): void {
    if (this.finished) return;
    this.finished = true;
    for (const listener of this.#abortListeners ?? []) listener();
  }
}

const fieldValuePattern = /^[\t\x20-\x7e]*$/;

function responseHead(
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  close: boolean,
  options: LeanHttpOptions,
): string {
  let head = `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Unknown'}\r\n`;
  let hasLength = false;
  for (const name in headers) {
    const value = headers[name] as string;
    // Every header the endpoint writes is ASCII; one that is not would split the response.
    if (!tokenPattern.test(name.toLowerCase()) || !fieldValuePattern.test(value)) continue;
    if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
    head += `${name}: ${value}\r\n`;
  }
  if (!hasLength) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  head += `Date: ${httpDate()}\r\n`;
  head += close
    ? 'Connection: close\r\n\r\n'
    : `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(options.keepAliveTimeoutMs / 1000)}\r\n\r\n`;
  return head;
}

let dateSecond = -1;
let dateText = '';

/** The Date header's value, formatted at most once a second. */
function httpDate(): string {
  // The Date header is wall-clock time by definition (node:http's comes from the same clock).
  // eslint-disable-next-line no-restricted-properties
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
