import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { startTestServer } from '../testing/test-server.js';

test('queues, their attributes and tags, and their messages survive a graceful restart', async () => {
  const first = await startTestServer();
  const { QueueUrl } = await first.client.send(
    new CreateQueueCommand({
      QueueName: 'kept',
      Attributes: { VisibilityTimeout: '77' },
      tags: { owner: 'ops' },
    }),
  );
  const sent = await first.client.send(
    new SendMessageCommand({ QueueUrl, MessageBody: 'still here' }),
  );
  await first.stop();
  const second = await startTestServer({ dataDirectory: first.dataDirectory });
  try {
    const url = `${second.server.url}${new URL(QueueUrl as string).pathname}`;
    const { Attributes } = await second.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['VisibilityTimeout', 'ApproximateNumberOfMessages'],
      }),
    );
    assert.deepEqual(Attributes, { VisibilityTimeout: '77', ApproximateNumberOfMessages: '1' });
    assert.deepEqual((await second.client.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags, {
      owner: 'ops',
    });
    const { Messages } = await second.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(Messages?.[0]?.MessageId, sent.MessageId);
    assert.equal(Messages?.[0]?.Body, 'still here');
  } finally {
    await second.close();
  }
});

test('a second server on the same data directory is refused while the first runs', async () => {
  const first = await startTestServer();
  try {
    await assert.rejects(
      startTestServer({ dataDirectory: first.dataDirectory }),
      (error: Error & { code?: string }) => error.code === 'DataDirectoryLocked',
    );
  } finally {
    await first.close();
  }
});
