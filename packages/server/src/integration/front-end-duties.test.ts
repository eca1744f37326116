import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startTestServer } from '../testing/test-server.js';

const isCode = (code: string) => (error: Error) => error.name === code;

/** The error name of a rejected settlement (the SDK names errors by their SQS code). */
function rejectionName(result: PromiseSettledResult<unknown>): string | undefined {
  return result.status === 'rejected' ? (result.reason as Error).name : undefined;
}

describe('throttling, back pressure, bulkheads, usage and audit', () => {
  test("a burst beyond the per-key bucket gets ThrottlingException, and the SDK's own retries then get through", async () => {
    const harness = await startTestServer({
      config: { throttlePerKeyPerSecond: 5, throttlePerKeyBurst: 5 },
    });
    try {
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'throttled' }),
      );
      const burst = await Promise.allSettled(
        Array.from({ length: 20 }, (_, index) =>
          harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: `b${index}` })),
        ),
      );
      const refused = burst.filter((result) => result.status === 'rejected');
      assert.ok(refused.length > 0, 'some of the burst was throttled');
      for (const result of refused) assert.equal(rejectionName(result), 'ThrottlingException');
      const patient = new SQSClient({
        endpoint: harness.server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'patient', secretAccessKey: 'patient' },
        maxAttempts: 10,
      });
      const retried = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          patient.send(new SendMessageCommand({ QueueUrl, MessageBody: `r${index}` })),
        ),
      );
      assert.equal(retried.length, 8);
      assert.ok(harness.server.services.frontEnd.throttledCount >= refused.length);
      patient.destroy();
    } finally {
      await harness.close();
    }
  });

  test('a queue at its maximum depth refuses sends but still serves receives and deletes, and nothing is lost', async () => {
    const harness = await startTestServer({ config: { queueDepthMessagesMax: 3 } });
    try {
      const { QueueUrl } = await harness.client.send(new CreateQueueCommand({ QueueName: 'full' }));
      for (let index = 0; index < 3; index++) {
        await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${index}` }));
      }
      await assert.rejects(
        harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one too many' })),
        isCode('ThrottlingException'),
      );
      const { Messages } = await harness.client.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
      );
      assert.deepEqual(Messages?.map((message) => message.Body).sort(), ['m0', 'm1', 'm2']);
      await harness.client.send(
        new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages?.[0]?.ReceiptHandle }),
      );
      await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'fits again' }));
      const queueId = harness.server.services.metadata.getQueue('000000000000', 'full')?.id ?? -1;
      assert.equal(harness.server.services.frontEnd.backPressure.rejectedCount(queueId), 1);
      const status = (await (await fetch(`${harness.server.url}/admin/v1/status`)).json()) as {
        queues: { name: string; visible: number; bytes: number; rejectedSends: number }[];
      };
      const full = status.queues.find((queue) => queue.name === 'full');
      assert.equal(full?.rejectedSends, 1, 'status shows the rejection');
      assert.equal(
        full?.bytes,
        'm1'.length + 'm2'.length + 'fits again'.length,
        'status shows the depth in bytes',
      );
    } finally {
      await harness.close();
    }
  });

  test('a queue at its maximum size in bytes refuses a send that would pass it', async () => {
    const harness = await startTestServer({ config: { queueDepthBytesMax: 1000 } });
    try {
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'bytes' }),
      );
      await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(900) }));
      await assert.rejects(
        harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(200) })),
        isCode('ThrottlingException'),
      );
      await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(100) }));
    } finally {
      await harness.close();
    }
  });

  test('below the disk free-space watermark, sends are refused while receives keep working', async () => {
    const harness = await startTestServer({
      config: { diskFreeBytesMin: Number.MAX_SAFE_INTEGER },
    });
    try {
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'no-disk' }),
      );
      await assert.rejects(
        harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })),
        isCode('ThrottlingException'),
      );
      const { Messages } = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(Messages, undefined);
    } finally {
      await harness.close();
    }
  });

  test('a flood of admin requests past their bulkhead is refused at once while message requests all succeed', async () => {
    const harness = await startTestServer({ config: { adminConcurrencyMax: 1, adminQueueMax: 0 } });
    try {
      const { QueueUrl } = await harness.client.send(new CreateQueueCommand({ QueueName: 'busy' }));
      const admin = Promise.allSettled(
        Array.from({ length: 30 }, (_, index) =>
          harness.client.send(new CreateQueueCommand({ QueueName: `flood-${index}` })),
        ),
      );
      const data = Promise.allSettled(
        Array.from({ length: 30 }, (_, index) =>
          harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: `d${index}` })),
        ),
      );
      const [adminResults, dataResults] = await Promise.all([admin, data]);
      const refused = adminResults.filter((result) => result.status === 'rejected');
      assert.ok(refused.length > 0, 'the admin bulkhead refused some requests');
      for (const result of refused) assert.equal(rejectionName(result), 'ServiceUnavailable');
      assert.equal(dataResults.filter((result) => result.status === 'fulfilled').length, 30);
    } finally {
      await harness.close();
    }
  });

  test('usage is counted per account and action, and admin actions land in the audit log without secrets', async () => {
    const harness = await startTestServer();
    try {
      const { QueueUrl } = await harness.client.send(
        new CreateQueueCommand({ QueueName: 'audited' }),
      );
      await harness.client.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'secret body text' }),
      );
      await harness.client.send(new DeleteQueueCommand({ QueueUrl }));
      const usage = harness.server.services.frontEnd.usage.entries();
      const sends = usage.find((entry) => entry.action === 'SendMessage');
      assert.equal(sends?.requests, 1);
      assert.equal(sends?.accountId, '000000000000');
      assert.ok((sends?.requestBytes ?? 0) > 'secret body text'.length);
      await harness.server.services.frontEnd.audit.flush();
      const lines = readFileSync(join(harness.dataDirectory, 'audit.log'), 'utf8')
        .trim()
        .split('\n');
      const entries = lines.map(
        (line) => JSON.parse(line) as { action: string; queue: string; outcome: string },
      );
      assert.deepEqual(
        entries.map((entry) => [entry.action, entry.queue, entry.outcome]),
        [
          ['CreateQueue', '000000000000/audited', 'ok'],
          ['DeleteQueue', '000000000000/audited', 'ok'],
        ],
      );
      const text = lines.join('\n');
      assert.ok(!text.includes('secret body text') && !text.includes('secretAccessKey'));
    } finally {
      await harness.close();
    }
  });
});
