import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startTestServer, waitFor } from '../testing/test-server.js';

function rawSocket(url: string): Promise<Socket> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname, port: Number(target.port) }, () =>
      resolve(socket),
    );
    socket.on('error', reject);
    // Read whatever the server answers, so its closing the connection is seen.
    socket.resume();
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

describe('TLS and connection hygiene', () => {
  test('with --tls-cert and --tls-key the server speaks HTTPS, and the AWS SDK trusting the test CA works against it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-tls-'));
    try {
      const cert = join(directory, 'cert.pem');
      const key = join(directory, 'key.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
        ],
        { stdio: 'ignore' },
      );
      const harness = await startTestServer({ config: { tlsCertFile: cert, tlsKeyFile: key } });
      try {
        assert.match(harness.server.url, /^https:\/\//);
        const client = new SQSClient({
          endpoint: harness.server.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          requestHandler: new NodeHttpHandler({
            httpsAgent: new Agent({ ca: readFileSync(cert) }),
          }),
        });
        const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'secure' }));
        assert.match(QueueUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+\/000000000000\/secure$/);
        await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'over tls' }));
        const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl }));
        assert.equal(Messages?.[0]?.Body, 'over tls');
        const untrusting = new SQSClient({
          endpoint: harness.server.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          maxAttempts: 1,
        });
        await assert.rejects(untrusting.send(new CreateQueueCommand({ QueueName: 'nope' })));
        client.destroy();
        untrusting.destroy();
      } finally {
        await harness.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('slowloris connections are cut off after the header timeout while a well-behaved client is served', async () => {
    const harness = await startTestServer({
      config: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 },
    });
    try {
      const slow = await Promise.all(
        Array.from({ length: 50 }, () => rawSocket(harness.server.url)),
      );
      for (const socket of slow) {
        socket.on('error', () => undefined);
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      }
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'steady' }),
      );
      await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'still served' }));
      await Promise.all(slow.map((socket) => closed(socket)));
      const { Messages } = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(Messages?.[0]?.Body, 'still served');
    } finally {
      await harness.close();
    }
  });

  test('a header block over the limit is answered 431 and the server keeps serving', async () => {
    const harness = await startTestServer({ config: { headerBytesMax: 4096 } });
    try {
      const response = await fetch(harness.server.url, {
        method: 'POST',
        headers: { 'x-padding': 'a'.repeat(8192), 'content-type': 'application/x-amz-json-1.0' },
        body: '{}',
      }).catch((error: unknown) => error);
      if (response instanceof Response) assert.equal(response.status, 431);
      await harness.client.send(new CreateQueueCommand({ QueueName: 'after-big-headers' }));
    } finally {
      await harness.close();
    }
  });

  test('connections beyond the limit are closed, and the server serves again once they are gone', async () => {
    const harness = await startTestServer({
      config: { connectionCountMax: 20, headersTimeoutMs: 1000 },
    });
    try {
      const flood = await Promise.all(
        Array.from({ length: 60 }, () => rawSocket(harness.server.url).catch(() => undefined)),
      );
      const sockets = flood.filter((socket): socket is Socket => socket !== undefined);
      for (const socket of sockets) socket.on('error', () => undefined);
      await waitFor(() => sockets.filter((socket) => !socket.destroyed).length <= 20);
      assert.ok(sockets.filter((socket) => !socket.destroyed).length <= 20);
      for (const socket of sockets) socket.destroy();
      // The server notices the closed connections asynchronously; until then it may still be full.
      await waitFor(async () => {
        try {
          await harness.client.send(new CreateQueueCommand({ QueueName: 'after-flood' }));
          return true;
        } catch {
          return false;
        }
      });
    } finally {
      await harness.close();
    }
  });

  test('on one connection, pipelined sends (lean path) and a chunked send (node:http) all land in order, and the hand-over is counted', async () => {
    const harness = await startTestServer();
    try {
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'mixed-parsers' }),
      );
      const url = new URL(harness.server.url);
      const sendBody = (text: string): string => JSON.stringify({ QueueUrl, MessageBody: text });
      const head = `POST / HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.SendMessage\r\n`;
      const plain = (text: string): string =>
        `${head}Content-Length: ${Buffer.byteLength(sendBody(text))}\r\n\r\n${sendBody(text)}`;
      const chunkedBody = sendBody('second');
      const chunked = `${head}Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(chunkedBody).toString(16)}\r\n${chunkedBody}\r\n0\r\n\r\n`;
      const socket = await rawSocket(harness.server.url);
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (text: string) => (received += text));
      socket.write(plain('first') + chunked + plain('third'));
      await waitFor(() => (received.match(/HTTP\/1\.1 200/g) ?? []).length === 3);
      socket.destroy();
      const bodies: string[] = [];
      while (bodies.length < 3) {
        const { Messages } = await harness.client.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
        );
        bodies.push(...(Messages ?? []).map((message) => message.Body ?? ''));
      }
      assert.deepEqual(bodies, ['first', 'second', 'third']);
      // Two connections left the lean path: the raw one at its chunked request, and the GET
      // of /metrics itself; the SDK's POSTs stayed on it.
      const metrics = await (await fetch(`${harness.server.url}/metrics`)).text();
      assert.match(metrics, /^sluice_http_lean_handovers_total\{reason="request"\} 2$/m);
    } finally {
      await harness.close();
    }
  });

  test('with nodeHttpOnly (the lean path off) the SDK round trip works as before', async () => {
    const harness = await startTestServer({ config: { nodeHttpOnly: true } });
    try {
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'node-http-only' }),
      );
      await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'via node:http' }));
      const { Messages } = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(Messages?.[0]?.Body, 'via node:http');
    } finally {
      await harness.close();
    }
  });
});
