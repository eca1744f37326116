import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
before(async () => {
  // Sampling every millisecond so samples land between the metadata and partition steps.
  server = await startTestServer({ historySampleIntervalMs: 1 });
});
after(async () => {
  await server.close();
});

test('sampling and scraping while queues are created and deleted never fails: a queue half-created is skipped', async () => {
  const scrapes: Promise<number>[] = [];
  const churn = Array.from({ length: 30 }, async (_, index) => {
    const { QueueUrl } = await server.client.send(
      new CreateQueueCommand({ QueueName: `churn-${index}` }),
    );
    scrapes.push(fetch(`${server.server.url}/metrics`).then((response) => response.status));
    scrapes.push(
      fetch(`${server.server.url}/admin/v1/overview`).then((response) => response.status),
    );
    await server.client.send(new DeleteQueueCommand({ QueueUrl }));
  });
  await Promise.all(churn);
  for (const status of await Promise.all(scrapes)) assert.equal(status, 200);
  const health = await fetch(`${server.server.url}/healthz`);
  assert.equal(health.status, 200);
});
