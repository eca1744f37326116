import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import type { IncomingMessage } from 'node:http';
import { HttpListener, type ListenerOptions } from './http-listener.js';
import { nodeHttpExchange, type HttpExchange } from './http-exchange.js';
import { incomplete, parseLeanHead, unsupported } from './lean-http.js';

const sdkHead =
  'POST /000000000000/orders HTTP/1.1\r\n' +
  'host: 127.0.0.1:9324\r\n' +
  'Content-Type: application/x-amz-json-1.0\r\n' +
  'X-Amz-Target:   AmazonSQS.SendMessage \t\r\n' +
  'Content-Length: 17\r\n' +
  'Connection: keep-alive\r\n\r\n';

describe('parseLeanHead', () => {
  test('reads a typical SDK request: target, lower-cased names, trimmed values, body length', () => {
    const head = parseLeanHead(Buffer.from(`${sdkHead}{"QueueUrl":"x"}`), 16_384);
    assert.notEqual(head, incomplete);
    assert.notEqual(head, unsupported);
    if (typeof head === 'string') return;
    assert.equal(head.url, '/000000000000/orders');
    assert.equal(head.headers['x-amz-target'], 'AmazonSQS.SendMessage');
    assert.equal(head.headers['content-type'], 'application/x-amz-json-1.0');
    assert.equal(head.contentLength, 17);
    assert.equal(head.headBytes, Buffer.byteLength(sdkHead));
  });

  test('a head without its blank line is incomplete until it passes the header limit', () => {
    const partial = Buffer.from(sdkHead.slice(0, -2));
    assert.equal(parseLeanHead(partial, 16_384), incomplete);
    assert.equal(parseLeanHead(partial, 64), unsupported);
    assert.equal(parseLeanHead(Buffer.from(sdkHead), sdkHead.length - 1), unsupported);
  });

  test('a head of 200,000 header lines is checked in one pass without overflowing the regex stack', () => {
    const many = Array.from({ length: 200_000 }, (_, index) => `x-${index}: v\r\n`).join('');
    const head = parseLeanHead(Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\n${many}\r\n`), 1 << 30);
    assert.ok(typeof head !== 'string');
    assert.equal(Object.keys(head.headers).length, 200_001);
  });

  test('everything outside the plain-POST subset is left to node:http', () => {
    const variants: Record<string, string> = {
      'another method': sdkHead.replace('POST', 'GET'),
      'a lower-case method': sdkHead.replace('POST', 'post'),
      'HTTP/1.0': sdkHead.replace('HTTP/1.1', 'HTTP/1.0'),
      'an absolute target': sdkHead.replace('/000000000000/orders', 'http://x/q'),
      'a space in the target': sdkHead.replace('/orders', '/or ders'),
      'chunked bodies': sdkHead.replace('Content-Length: 17', 'Transfer-Encoding: chunked'),
      Expect: sdkHead.replace('Connection: keep-alive', 'Expect: 100-continue'),
      Upgrade: sdkHead.replace('Connection: keep-alive', 'Upgrade: h2c'),
      'Connection: close': sdkHead.replace('keep-alive', 'close'),
      'a repeated header': sdkHead.replace('Connection: keep-alive', 'HOST: other'),
      'a header named like an Object member': sdkHead.replace('Connection:', 'Constructor:'),
      'a header named __proto__': sdkHead.replace('Connection:', '__proto__:'),
      'a folded header': sdkHead.replace('Connection: keep-alive', 'X-A: b\r\n c'),
      'no Host': sdkHead.replace('host: 127.0.0.1:9324\r\n', ''),
      'a signed Content-Length': sdkHead.replace('17', '+17'),
      'a Content-Length list': sdkHead.replace('17', '17, 17'),
      'a line without a colon': sdkHead.replace('Connection: keep-alive', 'Connection keep-alive'),
      'an empty name': sdkHead.replace('Connection: keep-alive', ': keep-alive'),
      'a space before the colon': sdkHead.replace('Connection:', 'Connection :'),
      'a NUL in a value': sdkHead.replace('keep-alive', 'keep\0alive'),
      'a bare LF in a value': sdkHead.replace('keep-alive', 'keep\nalive'),
      'a bare CR in a value': sdkHead.replace('keep-alive', 'keep\ralive'),
    };
    for (const [name, text] of Object.entries(variants)) {
      assert.equal(parseLeanHead(Buffer.from(text), 16_384), unsupported, name);
    }
  });
});

/** An echo of what a handler saw, the same whichever parser read the request. */
function echo(exchange: HttpExchange, body: Buffer): string {
  const headers = Object.entries(exchange.headers).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify({
    method: exchange.method,
    url: exchange.url,
    headers,
    body: body.toString('latin1'),
  });
}

async function startEcho(lean: boolean): Promise<{ port: number; listener: HttpListener }> {
  const options: ListenerOptions = {
    tls: undefined,
    headerBytesMax: 2048,
    headersTimeoutMs: 2000,
    requestTimeoutMs: 4000,
    keepAliveTimeoutMs: 5000,
    connectionCountMax: 100,
  };
  const answer = (exchange: HttpExchange): void => {
    void exchange.readBody(4096).then(
      (body) => {
        const text = echo(exchange, body);
        exchange.respond(
          200,
          { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
          text,
        );
      },
      () => exchange.respond(413, { 'content-length': '9' }, 'too large'),
    );
  };
  const listener = new HttpListener(
    options,
    (request: IncomingMessage, response) => answer(nodeHttpExchange(request, response)),
    lean
      ? { bodyBytesMax: 4096, accepts: (url) => !url.startsWith('/node/'), handle: answer }
      : undefined,
  );
  const { port } = await listener.listen(0, '127.0.0.1');
  return { port, listener };
}

/**
 * Sends raw bytes in pieces and returns what came back: statuses and bodies of every response,
 * read until `responses` have arrived (or the server closes; 10 s at the most), or, when the
 * count is not known, until the server closes or stays quiet for quietMs.
 */
function exchangeRaw(
  port: number,
  pieces: readonly Buffer[],
  until: { readonly responses: number } | { readonly quietMs: number } = { quietMs: 100 },
): Promise<string[]> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const parsed = (): string[] => responsesIn(Buffer.concat(received).toString('latin1'));
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parsed());
    };
    const rearm = (): void => {
      if (!('quietMs' in until)) return;
      clearTimeout(timer);
      timer = setTimeout(finish, until.quietMs);
    };
    if ('responses' in until) timer = setTimeout(finish, 10_000);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if ('responses' in until && parsed().length >= until.responses) finish();
      else rearm();
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('connect', () => {
      void (async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((wait) => setTimeout(wait, 2));
        }
        rearm();
      })();
    });
  });
}

/** The body a response echoes back. */
function echoedBody(response: string): string {
  return (JSON.parse(response.slice(4)) as { body: string }).body;
}

/** "status body" for each HTTP/1.1 response in text (Content-Length framed, as both paths send). */
function responsesIn(text: string): string[] {
  const responses: string[] = [];
  let at = 0;
  while (at < text.length) {
    const headEnd = text.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const head = text.slice(at, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    responses.push(`${head.slice(9, 12)} ${text.slice(headEnd + 4, headEnd + 4 + length)}`);
    at = headEnd + 4 + length;
  }
  return responses;
}

describe('the lean path against node:http', () => {
  let lean: { port: number; listener: HttpListener };
  let plain: { port: number; listener: HttpListener };
  before(async () => {
    lean = await startEcho(true);
    plain = await startEcho(false);
  });
  after(async () => {
    await lean.listener.stop(100);
    await plain.listener.stop(100);
  });

  test('pipelined requests are answered in order on one connection', async () => {
    const request = (body: string): string =>
      `POST /q HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const responses = await exchangeRaw(
      lean.port,
      [Buffer.from(request('one') + request('two') + request('three'))],
      { responses: 3 },
    );
    assert.deepEqual(responses.map(echoedBody), ['one', 'two', 'three']);
  });

  test('a connection moves to node:http mid-stream and keeps its order (lean, node, lean)', async () => {
    const pieces = [
      'POST /q HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na',
      'POST /node/q HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\n',
      'POST /q HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nc',
    ].map((text) => Buffer.from(text));
    const responses = await exchangeRaw(lean.port, pieces, { responses: 3 });
    assert.deepEqual(responses.map(echoedBody), ['a', 'b', 'c']);
  });

  test('a request trickled a byte at a time is still answered (node:http takes it over)', async () => {
    const text = 'POST /q HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello';
    const pieces = [...Buffer.from(text)].map((byte) => Buffer.from([byte]));
    const responses = await exchangeRaw(lean.port, pieces, { responses: 1 });
    assert.equal(echoedBody(responses[0] ?? ''), 'hello');
  });

  test('a request in a few reads stays on the lean path; one in more than 16 goes to node:http', async () => {
    const reasons: string[] = [];
    const listener = new HttpListener(
      {
        tls: undefined,
        headerBytesMax: 2048,
        headersTimeoutMs: 2000,
        requestTimeoutMs: 4000,
        keepAliveTimeoutMs: 5000,
        connectionCountMax: 10,
      },
      (_request, response) => response.writeHead(200, { 'content-length': '4' }).end('node'),
      {
        bodyBytesMax: 4096,
        accepts: () => true,
        handle: (exchange) => exchange.respond(200, { 'content-length': '4' }, 'lean'),
        onHandOver: (reason) => reasons.push(reason),
      },
    );
    const { port } = await listener.listen(0, '127.0.0.1');
    try {
      const text = 'POST /q HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n01234567890123456789';
      const bytes = Buffer.from(text);
      const inThree = [bytes.subarray(0, 10), bytes.subarray(10, 40), bytes.subarray(40)];
      const inSeventy = Array.from({ length: 70 }, (_, index) =>
        bytes.subarray(index, index + 1),
      ).concat([bytes.subarray(70)]);
      assert.deepEqual(await exchangeRaw(port, inThree, { responses: 1 }), ['200 lean']);
      assert.deepEqual(await exchangeRaw(port, inSeventy, { responses: 1 }), ['200 node']);
      assert.deepEqual(reasons, ['trickle']);
    } finally {
      await listener.stop(100);
    }
  });

  test('fuzz: for generated requests, every status and body matches node:http alone', async () => {
    // Mostly requests the lean path takes, with a minority of everything it must hand over.
    const headerName = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('Content-Type', 'X-Amz-Target', 'x-custom', 'X-A') },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'Host',
          'Connection',
          'Expect',
          'Transfer-Encoding',
          'X Bad',
          '',
        ),
      },
    );
    const headerValue = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('x', ' padded\t', 'keep-alive', 'a, b', '') },
      { weight: 1, arbitrary: fc.constantFrom('close', 'chunked', '100-continue') },
      {
        weight: 2,
        arbitrary: fc.string({
          unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)),
          maxLength: 12,
        }),
      },
    );
    const request = fc.record({
      method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'post'),
      target: fc.constantFrom(
        '/',
        '/000000000000/q',
        '/node/q',
        '/q?Action=SendMessage',
        '/a%20b',
        'x',
      ),
      version: fc.constantFrom(
        'HTTP/1.1',
        'HTTP/1.1',
        'HTTP/1.1',
        'HTTP/1.1',
        'HTTP/1.0',
        'HTTP/2.0',
      ),
      headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
      host: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      body: fc.string({ maxLength: 40 }),
      lengthDelta: fc.constantFrom(0, 0, 0, 1),
      split: fc.array(fc.nat(), { maxLength: 3 }),
      repeat: fc.integer({ min: 1, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const lines = [`${generated.method} ${generated.target} ${generated.version}`];
        if (generated.host) lines.push('Host: sluice');
        for (const [name, value] of generated.headers) lines.push(`${name}: ${value}`);
        const bodyBytes = Buffer.from(generated.body);
        const chunked = generated.headers.some(
          ([name, value]) => name === 'Transfer-Encoding' && value === 'chunked',
        );
        // A Content-Length one past the body leaves the request waiting (no answer on either
        // path). Garbage after a whole request is not generated: node:http alone drops the
        // answer it owes the request before it when its parser fails, where the lean path answers
        // the request and hands the garbage to node:http, so the two would rightly differ.
        const delta = generated.repeat === 1 ? generated.lengthDelta : 0;
        const length = bodyBytes.length + delta;
        if (!chunked) lines.push(`Content-Length: ${length}`);
        const body = chunked
          ? Buffer.from(`${bodyBytes.length.toString(16)}\r\n${generated.body}\r\n0\r\n\r\n`)
          : bodyBytes;
        const one = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
        const bytes = Buffer.concat(Array.from({ length: generated.repeat }, () => one));
        const cuts = [...new Set(generated.split.map((cut) => cut % bytes.length))].sort(
          (a, b) => a - b,
        );
        const pieces: Buffer[] = [];
        let from = 0;
        for (const cut of [...cuts, bytes.length]) {
          if (cut > from) pieces.push(bytes.subarray(from, cut));
          from = cut;
        }
        // node:http alone first; the lean listener then has to give as many answers, the same.
        const fromPlain = await exchangeRaw(plain.port, pieces);
        const fromLean = await exchangeRaw(
          lean.port,
          pieces,
          fromPlain.length === 0 ? { quietMs: 100 } : { responses: fromPlain.length },
        );
        assert.deepEqual(fromLean, fromPlain, JSON.stringify(bytes.toString('latin1')));
      }),
      { numRuns: 120, seed: 20261122 },
    );
  });
});
