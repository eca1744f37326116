import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aesCmacMethod } from '@sluice/partition';
import { bodyDigestMethod } from '@sluice/protocol';
import { ConfigError } from '../config.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { serverLimits } from '../server-limits.js';
import { parseExpositionText } from './exposition-text.js';
import { unsafeDefaultMetricNames } from './server-metrics.js';

async function scrape(server: TestServer): Promise<Map<string, number>> {
  const response = await fetch(`${server.server.url}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  return parseExpositionText(await response.text());
}

function queueSample(
  samples: Map<string, number>,
  name: string,
  queue: string,
  extra = '',
): number | undefined {
  return samples.get(`${name}{account="000000000000",queue="${queue}"${extra}}`);
}

describe('GET /metrics', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  test('after a scripted SDK workload, /metrics reports exactly the sends, receives, deletes, dead letters, rejections and depths it caused', async () => {
    const { client } = server;
    const dlq = await client.send(new CreateQueueCommand({ QueueName: 'orders-dlq' }));
    const dlqArn = `arn:aws:sqs:us-east-1:000000000000:orders-dlq`;
    const source = await client.send(
      new CreateQueueCommand({
        QueueName: 'orders',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
        },
      }),
    );
    const QueueUrl = source.QueueUrl as string;
    for (let index = 0; index < 3; index++)
      await client.send(new SendMessageCommand({ QueueUrl, MessageBody: `single ${index}` }));
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'batch a' },
          { Id: 'b', MessageBody: 'batch b' },
        ],
      }),
    );
    // Two received and deleted.
    const firstTwo = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2, VisibilityTimeout: 60 }),
    );
    assert.equal(firstTwo.Messages?.length, 2);
    for (const message of firstTwo.Messages ?? [])
      await client.send(
        new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    // Three received once and released at once; the next receive dead-letters all three.
    const rest = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    assert.equal(rest.Messages?.length, 3);
    const none = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    assert.equal(none.Messages, undefined);
    // One message in flight on the DLQ; one request refused by validation.
    const dlqUrl = dlq.QueueUrl as string;
    const inFlight = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 1,
        VisibilityTimeout: 60,
      }),
    );
    assert.equal(inFlight.Messages?.length, 1);
    await assert.rejects(
      client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late', DelaySeconds: 901 })),
    );
    await assert.rejects(client.send(new GetQueueUrlCommand({ QueueName: 'missing' })));

    const samples = await scrape(server);
    const expected: [string, string, number][] = [
      ['sluice_queue_messages_sent_total', 'orders', 5],
      ['sluice_queue_messages_received_total', 'orders', 5],
      ['sluice_queue_messages_deleted_total', 'orders', 2],
      ['sluice_queue_messages_dead_lettered_total', 'orders', 3],
      ['sluice_queue_requests_rejected_total', 'orders', 1],
      ['sluice_queue_requests_throttled_total', 'orders', 0],
      ['sluice_queue_messages_received_total', 'orders-dlq', 1],
      ['sluice_queue_messages_sent_total', 'orders-dlq', 0],
    ];
    for (const [name, queue, value] of expected)
      assert.equal(queueSample(samples, name, queue), value, `${name}{queue="${queue}"}`);
    const depths: [string, string, number][] = [
      ['orders', 'visible', 0],
      ['orders', 'inflight', 0],
      ['orders-dlq', 'visible', 2],
      ['orders-dlq', 'inflight', 1],
      ['orders-dlq', 'delayed', 0],
    ];
    for (const [queue, state, value] of depths) {
      const sample = queueSample(samples, 'sluice_queue_messages', queue, `,state="${state}"`);
      assert.equal(sample, value, `${queue} ${state}`);
    }
    assert.equal(samples.get('sluice_requests_total{action="SendMessage",outcome="ok"}'), 3);
    assert.equal(samples.get('sluice_requests_total{action="SendMessageBatch",outcome="ok"}'), 1);
    assert.equal(samples.get('sluice_requests_total{action="ReceiveMessage",outcome="ok"}'), 4);
    assert.equal(samples.get('sluice_requests_total{action="DeleteMessage",outcome="ok"}'), 2);
    assert.equal(
      samples.get('sluice_requests_total{action="SendMessage",outcome="InvalidParameterValue"}'),
      1,
    );
    assert.equal(
      samples.get('sluice_requests_total{action="GetQueueUrl",outcome="QueueDoesNotExist"}'),
      1,
    );
    assert.equal(samples.get('sluice_request_duration_seconds_count{action="SendMessage"}'), 4);
    assert.equal(samples.get('sluice_queues'), 2);
    assert.ok((samples.get('sluice_storage_log_bytes') ?? 0) > 0);
    assert.ok((samples.get('sluice_storage_segments') ?? 0) >= 1);
    assert.equal(samples.get('sluice_storage_snapshot_buffer_bytes'), 0, 'no snapshot yet');
    await server.server.services.partition.snapshot();
    const afterSnapshot = await scrape(server);
    assert.equal(
      afterSnapshot.get('sluice_storage_snapshot_buffer_bytes'),
      server.server.services.partition.status().snapshotBufferBytes,
    );
    assert.ok((afterSnapshot.get('sluice_storage_snapshot_buffer_bytes') ?? 0) > 0);
    assert.ok((samples.get('sluice_http_open_connections') ?? 0) >= 1);
    assert.ok(samples.has('nodejs_eventloop_lag_seconds'));
    assert.ok((samples.get('nodejs_active_resources_total') ?? 0) > 0);
    for (const unsafe of unsafeDefaultMetricNames) {
      const exported = [...samples.keys()].some(
        (key) => key === unsafe || key.startsWith(`${unsafe}{`),
      );
      assert.equal(exported, false, `${unsafe} walks live handle wrappers and can abort a scrape`);
    }
    assert.ok((samples.get('process_resident_memory_bytes') ?? 0) > 0);
  });

  test('sluice_native_code_info names the body digest and receipt tag implementations the modules chose', async () => {
    const samples = await scrape(server);
    const series = [...samples.keys()].filter((key) => key.startsWith('sluice_native_code_info'));
    const expected = `sluice_native_code_info{body_digest="${bodyDigestMethod}",receipt_tags="${aesCmacMethod}"}`;
    assert.deepEqual(series, [expected]);
    assert.equal(samples.get(expected), 1);
  });

  test('past the label bound, further queues are summed under queue="_other" and the series count stays bounded', async () => {
    const extra = 5;
    const names = Array.from(
      { length: serverLimits.metricsQueueLabelCountMax + extra },
      (_, index) => `bulk-${String(index).padStart(4, '0')}`,
    );
    await Promise.all(
      names.map((QueueName) => server.client.send(new CreateQueueCommand({ QueueName }))),
    );
    const samples = await scrape(server);
    const labeled = [...samples.keys()].filter(
      (key) => key.startsWith('sluice_queue_messages{') && key.includes('state="visible"'),
    );
    assert.equal(labeled.length, serverLimits.metricsQueueLabelCountMax + 1);
    // The two queues of the first test and the first 98 bulk queues keep labels; 7 are "other".
    const other = samples.get('sluice_queue_messages{account="",queue="_other",state="visible"}');
    assert.equal(other, 0);
    assert.equal(samples.get('sluice_queues'), names.length + 2);
  });
});

test('the startup log line names the same implementations as the metric', async () => {
  const lines: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  const record = (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ message, fields });
  const running = await startTestServer({ logger: { info: record, error: record } });
  try {
    const listening = lines.find((line) => line.message === 'sluice listening');
    assert.deepEqual(listening?.fields?.['nativeCode'], {
      bodyDigest: bodyDigestMethod,
      receiptTags: aesCmacMethod,
    });
  } finally {
    await running.close();
  }
});

describe('GET /metrics with --metrics-token-file', () => {
  const token = 'f3a9c2e17b5d4086a1c3e5f7092b4d6e';
  let server: TestServer;
  let tokenDirectory: string;
  before(async () => {
    tokenDirectory = mkdtempSync(join(tmpdir(), 'sluice-metrics-token-'));
    const metricsTokenFile = join(tokenDirectory, 'token');
    writeFileSync(metricsTokenFile, `${token}\n`);
    server = await startTestServer({ config: { metricsTokenFile } });
  });
  after(async () => {
    await server.close();
    rmSync(tokenDirectory, { recursive: true, force: true });
  });

  test('a scrape without the token or with another one is a 401 naming Bearer; with it, the exposition', async () => {
    const url = `${server.server.url}/metrics`;
    for (const headers of [{}, { authorization: 'Bearer not-the-token-0123456789' }]) {
      const refused = await fetch(url, { headers });
      assert.equal(refused.status, 401);
      assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer /);
      assert.doesNotMatch(await refused.text(), /sluice_requests_total/);
    }
    const scraped = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(scraped.status, 200);
    assert.ok(parseExpositionText(await scraped.text()).has('sluice_queues'));
  });

  test('the token guards /metrics only: SQS requests and the health check are answered as before', async () => {
    await server.client.send(new CreateQueueCommand({ QueueName: 'token-unrelated' }));
    assert.equal((await fetch(`${server.server.url}/healthz`)).status, 200);
  });

  test('an unreadable or too short token file stops the server from starting with a ConfigError', async () => {
    const short = join(tokenDirectory, 'short');
    writeFileSync(short, 'abc\n');
    for (const metricsTokenFile of [short, join(tokenDirectory, 'missing')]) {
      await assert.rejects(
        startTestServer({ dataDirectory: tokenDirectory, config: { metricsTokenFile } }),
        (error: unknown) => error instanceof ConfigError,
      );
    }
  });
});
