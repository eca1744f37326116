import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddPermissionCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ListQueuesCommand,
  QueueDeletedRecently,
  QueueDoesNotExist,
  QueueNameExists,
  RemovePermissionCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '@sluice/core';
import { startTestServer, type TestServer } from '../testing/test-server.js';

describe('queue administration through the AWS SDK v3 (JSON protocol)', () => {
  const clock = new ManualClock(1_750_000_000_000);
  let harness: TestServer;
  before(async () => {
    harness = await startTestServer({ clock });
  });
  after(async () => harness.close());

  test('CreateQueue returns a URL of the form http://host:port/<account>/<name>, and GetQueueUrl finds it', async () => {
    const { QueueUrl } = await harness.client.send(new CreateQueueCommand({ QueueName: 'orders' }));
    assert.equal(QueueUrl, `${harness.server.url}/000000000000/orders`);
    const found = await harness.client.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    assert.equal(found.QueueUrl, QueueUrl);
  });

  test('CreateQueue with the same name and matching attributes returns the existing queue; a different value is QueueNameExists', async () => {
    const first = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'same', Attributes: { VisibilityTimeout: '40' } }),
    );
    const again = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'same', Attributes: { VisibilityTimeout: '40' } }),
    );
    assert.equal(again.QueueUrl, first.QueueUrl);
    await assert.rejects(
      harness.client.send(
        new CreateQueueCommand({ QueueName: 'same', Attributes: { VisibilityTimeout: '41' } }),
      ),
      QueueNameExists,
    );
  });

  test('GetQueueAttributes All returns the SQS defaults, the ARN, timestamps and counts', async () => {
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'defaults' }),
    );
    const { Attributes } = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    assert.equal(Attributes?.['VisibilityTimeout'], '30');
    assert.equal(Attributes?.['MessageRetentionPeriod'], '345600');
    assert.equal(Attributes?.['DelaySeconds'], '0');
    assert.equal(Attributes?.['ReceiveMessageWaitTimeSeconds'], '0');
    assert.equal(Attributes?.['MaximumMessageSize'], '1048576');
    assert.equal(Attributes?.['QueueArn'], 'arn:aws:sqs:us-east-1:000000000000:defaults');
    assert.equal(Attributes?.['ApproximateNumberOfMessages'], '0');
    assert.equal(Attributes?.['CreatedTimestamp'], String(Math.floor(clock.nowMs() / 1000)));
    assert.equal(Attributes?.['FifoQueue'], undefined);
  });

  test('SetQueueAttributes changes what GetQueueAttributes reports and moves LastModifiedTimestamp', async () => {
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'settable' }),
    );
    clock.advance(5000);
    await harness.client.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: { VisibilityTimeout: '120', DelaySeconds: '5' },
      }),
    );
    const { Attributes } = await harness.client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['VisibilityTimeout', 'DelaySeconds', 'LastModifiedTimestamp'],
      }),
    );
    assert.deepEqual(Attributes, {
      VisibilityTimeout: '120',
      DelaySeconds: '5',
      LastModifiedTimestamp: String(Math.floor(clock.nowMs() / 1000)),
    });
  });

  test('ListQueues filters by prefix and pages with MaxResults and NextToken', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      await harness.client.send(new CreateQueueCommand({ QueueName: name }));
    }
    const first = await harness.client.send(
      new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }),
    );
    assert.equal(first.QueueUrls?.length, 2);
    assert.ok(first.NextToken);
    const second = await harness.client.send(
      new ListQueuesCommand({
        QueueNamePrefix: 'page-',
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(
      [...(first.QueueUrls ?? []), ...(second.QueueUrls ?? [])].map((url) => url.split('/').at(-1)),
      ['page-a', 'page-b', 'page-c'],
    );
    assert.equal(second.NextToken, undefined);
  });

  test('TagQueue, ListQueueTags and UntagQueue manage tags; CreateQueue accepts initial tags', async () => {
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'payments' } }),
    );
    await harness.client.send(
      new TagQueueCommand({ QueueUrl, Tags: { env: 'prod', tier: 'gold' } }),
    );
    await harness.client.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['tier'] }));
    const { Tags } = await harness.client.send(new ListQueueTagsCommand({ QueueUrl }));
    assert.deepEqual(Tags, { team: 'payments', env: 'prod' });
  });

  test('AddPermission stores a labelled statement in the Policy attribute and RemovePermission takes it out', async () => {
    const { QueueUrl } = await harness.client.send(new CreateQueueCommand({ QueueName: 'shared' }));
    await harness.client.send(
      new AddPermissionCommand({
        QueueUrl,
        Label: 'let-partner-send',
        AWSAccountIds: ['111122223333'],
        Actions: ['SendMessage'],
      }),
    );
    const { Attributes } = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }),
    );
    const policy = JSON.parse(Attributes?.['Policy'] ?? '{}') as {
      Statement: { Sid: string; Action: string }[];
    };
    assert.equal(policy.Statement[0]?.Sid, 'let-partner-send');
    assert.equal(policy.Statement[0]?.Action, 'SQS:SendMessage');
    await harness.client.send(new RemovePermissionCommand({ QueueUrl, Label: 'let-partner-send' }));
    const after = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }),
    );
    assert.equal(after.Attributes?.['Policy'], undefined);
  });

  test('DeleteQueue removes the queue, and its name cannot be reused for 60 seconds (QueueDeletedRecently)', async () => {
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: 'short-lived' }),
    );
    await harness.client.send(new DeleteQueueCommand({ QueueUrl }));
    await assert.rejects(
      harness.client.send(new GetQueueUrlCommand({ QueueName: 'short-lived' })),
      QueueDoesNotExist,
    );
    await assert.rejects(
      harness.client.send(new CreateQueueCommand({ QueueName: 'short-lived' })),
      QueueDeletedRecently,
    );
    clock.advance(60_000);
    await harness.client.send(new CreateQueueCommand({ QueueName: 'short-lived' }));
  });

  test('an operation on a queue that does not exist fails with QueueDoesNotExist', async () => {
    await assert.rejects(
      harness.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: `${harness.server.url}/000000000000/nope`,
          AttributeNames: ['All'],
        }),
      ),
      QueueDoesNotExist,
    );
  });
});
