import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'undici';
import { post } from './post.mjs';

const longText = `é${'€'.repeat(200_000)}`;
const longAnswer = Buffer.from(JSON.stringify([longText]));

describe('post', () => {
  let server;
  let origin;
  before(async () => {
    // Echoes the request's target, method, X-Amz-Target and body; "/status/N" answers with
    // status N, and "/chunks" writes a 600 KB answer in three pieces.
    server = createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/chunks') {
          // Cut inside a two-byte and a three-byte character, so no piece decodes on its own.
          response.write(longAnswer.subarray(0, 3));
          setImmediate(() => {
            response.write(longAnswer.subarray(3, 100_001));
            setImmediate(() => response.end(longAnswer.subarray(100_001)));
          });
          return;
        }
        const echo = JSON.stringify({
          url: request.url,
          method: request.method,
          target: request.headers['x-amz-target'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const status = /^\/status\/(\d+)$/.exec(request.url ?? '');
        response.writeHead(status === null ? 200 : Number(status[1])).end(echo);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('sends a POST with the given headers and body and resolves the answer as text', async () => {
    const pool = new Pool(origin, { connections: 2 });
    const answer = await post(pool, {
      headers: { 'x-amz-target': 'AmazonSQS.SendMessage' },
      body: '{"MessageBody":"hé"}',
    });
    await pool.close();
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(JSON.parse(answer.text), {
      url: '/',
      method: 'POST',
      target: 'AmazonSQS.SendMessage',
      body: '{"MessageBody":"hé"}',
    });
  });

  it('resolves an error status with its body rather than rejecting', async () => {
    const pool = new Pool(origin);
    const answer = await post(pool, { path: '/status/400', headers: {}, body: 'x' });
    await pool.close();
    assert.equal(answer.statusCode, 400);
    assert.equal(JSON.parse(answer.text).url, '/status/400');
  });

  it('joins an answer that arrives in several chunks, multi-byte characters included', async () => {
    const pool = new Pool(origin);
    const answer = await post(pool, { path: '/chunks', headers: {}, body: '' });
    await pool.close();
    assert.deepEqual(JSON.parse(answer.text), [longText]);
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const pool = new Pool(`http://127.0.0.1:${port}`);
    await assert.rejects(post(pool, { headers: {}, body: 'x' }), { code: 'ECONNREFUSED' });
    await pool.close();
  });
});
