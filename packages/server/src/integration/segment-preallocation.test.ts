import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateQueueCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { storageLimits } from '@sluice/core';
import { ConfigError, resolveServerConfig, type ServerConfig } from '../config.js';
import { metricValue, startTestServer, waitFor } from '../testing/test-server.js';

const segmentBytes = 1024 * 1024;

function spareOf(dataDirectory: string): string {
  return join(dataDirectory, 'partitions', '0', 'log', 'preallocated.spare');
}

/** Single sends, each answered before the next: one small durable write apiece. */
async function sendOneByOne(client: SQSClient, count: number): Promise<void> {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'small-writes' }));
  for (let index = 0; index < count; index++) {
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: `message ${index}` }));
  }
}

async function withServer(
  config: Partial<ServerConfig>,
  run: (dataDirectory: string, client: SQSClient, url: string) => Promise<void>,
): Promise<void> {
  const harness = await startTestServer({ segmentBytes, config });
  try {
    await run(harness.dataDirectory, harness.client, harness.server.url);
  } finally {
    await harness.close();
  }
}

async function spareGauge(url: string): Promise<number> {
  const exposition = await (await fetch(`${url}/metrics`)).text();
  return metricValue(exposition, 'sluice_storage_spare_segment_bytes');
}

const enoughWrites = storageLimits.preallocationDecisionWritesMin + 20;

test('by default (auto) the server starts a spare segment once single sends have made small writes', async () => {
  await withServer({}, async (dataDirectory, client) => {
    assert.equal(existsSync(spareOf(dataDirectory)), false, 'no spare before any writes');
    await sendOneByOne(client, enoughWrites);
    await waitFor(() => existsSync(spareOf(dataDirectory)));
  });
});

test('segmentPreallocation off never makes a spare; on makes one at start and shows its fill', async () => {
  await withServer({ segmentPreallocation: 'off' }, async (dataDirectory, client, url) => {
    await sendOneByOne(client, enoughWrites);
    assert.equal(existsSync(spareOf(dataDirectory)), false);
    assert.equal(await spareGauge(url), 0);
  });
  await withServer({ segmentPreallocation: 'on' }, async (dataDirectory, _client, url) => {
    await waitFor(() => existsSync(spareOf(dataDirectory)));
    // The fill's progress is on /metrics, up to the whole segment once the spare is ready.
    await waitFor(async () => (await spareGauge(url)) === segmentBytes);
  });
});

test('segmentPreallocation takes auto, on or off from the environment and refuses anything else', () => {
  const resolve = (value: string): ServerConfig =>
    resolveServerConfig({ flags: {}, environment: { SLUICE_SEGMENT_PREALLOCATION: value } });
  assert.equal(resolveServerConfig({ flags: {}, environment: {} }).segmentPreallocation, 'auto');
  for (const value of ['auto', 'on', 'off'] as const) {
    assert.equal(resolve(value).segmentPreallocation, value);
  }
  assert.throws(() => resolve('sometimes'), ConfigError);
  assert.throws(() => resolve('true'), /must be auto, on or off/);
});
