import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateQueueCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { metricValue, startTestServer } from '../testing/test-server.js';

test('every group commit reaches /metrics: batches, their records, appended bytes and fsync time', async () => {
  const harness = await startTestServer();
  try {
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'durable' }),
    );
    await harness.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: Array.from({ length: 10 }, (_, index) => ({
          Id: `e${index}`,
          MessageBody: 'x'.repeat(1000),
        })),
      }),
    );
    const exposition = await (await fetch(`${harness.server.url}/metrics`)).text();
    assert.ok(
      metricValue(exposition, 'sluice_storage_batch_records_count') >= 1,
      'batches observed',
    );
    assert.ok(
      metricValue(exposition, 'sluice_storage_batch_records_sum') >= 11,
      'queue creation and 10 sends',
    );
    assert.ok(
      metricValue(exposition, 'sluice_storage_appended_bytes_total') > 10_000,
      'bytes of the sends',
    );
    assert.ok(
      metricValue(exposition, 'sluice_storage_fsync_duration_seconds_count') >= 1,
      'fsync timed',
    );
  } finally {
    await harness.close();
  }
});
