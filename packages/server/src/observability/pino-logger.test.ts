import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pinoLogger } from './pino-logger.js';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const lines = () =>
    text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, stream };
}

test('log lines are JSON with a level name, an ISO time, the message and the fields, errors with their stack', () => {
  const { lines, stream } = capture();
  const logger = pinoLogger(stream);
  logger.info('sluice listening', { url: 'http://127.0.0.1:9324' });
  logger.error('unexpected error while handling a request', {
    requestId: 'request-1',
    error: new Error('boom'),
  });
  const [info, error] = lines();
  assert.equal(info?.['level'], 'info');
  assert.equal(info?.['msg'], 'sluice listening');
  assert.equal(info?.['url'], 'http://127.0.0.1:9324');
  assert.match(String(info?.['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(error?.['level'], 'error');
  assert.equal(error?.['requestId'], 'request-1');
  const serialized = error?.['error'] as { message: string; stack: string };
  assert.equal(serialized.message, 'boom');
  assert.match(serialized.stack, /Error: boom/);
});

test('message bodies and credentials are redacted even when a caller passes them', () => {
  const { lines, stream } = capture();
  pinoLogger(stream).info('careless', {
    body: 'secret payload',
    input: { MessageBody: 'another payload', secretAccessKey: 'abc' },
    authorization: 'AWS4-HMAC-SHA256 Credential=...',
  });
  const text = JSON.stringify(lines());
  for (const secret of ['secret payload', 'another payload', '"abc"', 'AWS4-HMAC'])
    assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  assert.match(text, /\[redacted\]/);
});
