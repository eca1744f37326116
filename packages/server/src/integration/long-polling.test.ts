import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startTestServer, waitFor, type TestServer } from '../testing/test-server.js';

describe('long polling (real clock)', () => {
  let harness: TestServer;
  let QueueUrl: string;
  before(async () => {
    harness = await startTestServer();
    QueueUrl = (await harness.client.send(new CreateQueueCommand({ QueueName: 'long-poll' })))
      .QueueUrl as string;
  });
  after(async () => harness.close());

  test('a waiting ReceiveMessage answers as soon as a message is sent, long before its wait ends', async () => {
    const waiting = harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }),
    );
    await waitFor(() => harness.server.services.waiters.waiterCount === 1);
    const startedAt = performance.now();
    await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const { Messages } = await waiting;
    assert.equal(Messages?.[0]?.Body, 'wake up');
    // Structural, not a timing assertion: it came back within the same 20 s wait window.
    assert.ok(performance.now() - startedAt < 20_000);
  });

  test('many waiting consumers are each woken by one message, and each message goes to exactly one of them', async () => {
    const consumers = Array.from({ length: 50 }, () =>
      harness.client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })),
    );
    await waitFor(() => harness.server.services.waiters.waiterCount === 50);
    // A second client: the first one's connection pool is busy holding the 50 long polls.
    const producer = new SQSClient({
      endpoint: harness.server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    for (let index = 0; index < 50; index++) {
      await producer.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${index}` }));
    }
    producer.destroy();
    const bodies = (await Promise.all(consumers)).flatMap(
      (output) => output.Messages?.map((message) => message.Body) ?? [],
    );
    assert.equal(bodies.length, 50);
    assert.equal(new Set(bodies).size, 50);
  });

  test('a client that disconnects while waiting is forgotten at once', async () => {
    const body = JSON.stringify({ QueueUrl, WaitTimeSeconds: 20 });
    const url = new URL(harness.server.url);
    const pending = request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ReceiveMessage',
      },
    });
    pending.on('error', () => undefined);
    pending.end(body);
    await waitFor(() => harness.server.services.waiters.waiterCount === 1);
    pending.destroy();
    await waitFor(() => harness.server.services.waiters.waiterCount === 0);
  });

  test('stopping the server answers waiting long polls with no messages instead of cutting them off', async () => {
    const other = await startTestServer();
    const url = (await other.client.send(new CreateQueueCommand({ QueueName: 'stopping' })))
      .QueueUrl;
    const waiting = other.client.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }),
    );
    await waitFor(() => other.server.services.waiters.waiterCount === 1);
    const stopped = other.server.stop();
    const { Messages } = await waiting;
    assert.equal(Messages, undefined);
    await stopped;
    await other.close();
  });
});
