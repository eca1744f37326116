import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '@sluice/core';
import { startTestServer, waitFor, type TestServer } from '../testing/test-server.js';

describe('dead-letter queues and redrive through the AWS SDK v3', () => {
  const clock = new ManualClock(1_750_000_000_000);
  let harness: TestServer;
  const arnOf = async (QueueUrl: string): Promise<string> => {
    const { Attributes } = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return Attributes?.['QueueArn'] as string;
  };
  before(async () => {
    harness = await startTestServer({ clock });
  });
  after(async () => harness.close());

  test('a message received maxReceiveCount times moves to the DLQ on the next receive, keeping its id; redrive brings it back with its count reset', async () => {
    const dlq = (await harness.client.send(new CreateQueueCommand({ QueueName: 'orders-dlq' })))
      .QueueUrl as string;
    const dlqArn = await arnOf(dlq);
    const source = (
      await harness.client.send(
        new CreateQueueCommand({
          QueueName: 'orders-main',
          Attributes: {
            VisibilityTimeout: '10',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
          },
        }),
      )
    ).QueueUrl as string;
    const sent = await harness.client.send(
      new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }),
    );
    for (let attempt = 1; attempt <= 2; attempt++) {
      const { Messages } = await harness.client.send(
        new ReceiveMessageCommand({ QueueUrl: source }),
      );
      assert.equal(
        Messages?.[0]?.MessageId,
        sent.MessageId,
        `receive ${attempt} delivers the message`,
      );
      clock.advance(10_000);
    }
    assert.equal(
      (await harness.client.send(new ReceiveMessageCommand({ QueueUrl: source }))).Messages,
      undefined,
    );
    const dead = await harness.client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq,
        MessageSystemAttributeNames: ['All'],
        VisibilityTimeout: 0,
      }),
    );
    assert.equal(dead.Messages?.[0]?.MessageId, sent.MessageId);
    assert.equal(dead.Messages?.[0]?.Attributes?.['DeadLetterQueueSourceArn'], await arnOf(source));

    const sources = await harness.client.send(
      new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }),
    );
    assert.deepEqual(sources.queueUrls, [source]);

    const { TaskHandle } = await harness.client.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlqArn }),
    );
    assert.ok(TaskHandle);
    await waitFor(async () => {
      const { Results } = await harness.client.send(
        new ListMessageMoveTasksCommand({ SourceArn: dlqArn }),
      );
      return Results?.[0]?.Status === 'COMPLETED';
    });
    const { Results } = await harness.client.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn }),
    );
    assert.equal(Results?.[0]?.ApproximateNumberOfMessagesMoved, 1);
    const back = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl: source, MessageSystemAttributeNames: ['All'] }),
    );
    assert.equal(back.Messages?.[0]?.MessageId, sent.MessageId);
    assert.equal(back.Messages?.[0]?.Attributes?.['ApproximateReceiveCount'], '1');
  });

  test('a slow move task can be cancelled: it reports CANCELLED, keeps what it moved, and a second cancel is refused', async () => {
    const dlq = (await harness.client.send(new CreateQueueCommand({ QueueName: 'slow-dlq' })))
      .QueueUrl as string;
    const dlqArn = await arnOf(dlq);
    const destination = (
      await harness.client.send(new CreateQueueCommand({ QueueName: 'slow-destination' }))
    ).QueueUrl as string;
    await harness.client.send(
      new CreateQueueCommand({
        QueueName: 'slow-source',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
        },
      }),
    );
    for (let index = 0; index < 20; index++) {
      await harness.client.send(
        new SendMessageCommand({ QueueUrl: dlq, MessageBody: `m${index}` }),
      );
    }
    const { TaskHandle } = await harness.client.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: await arnOf(destination),
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    await assert.rejects(
      harness.client.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn })),
      (error: Error) => error.name === 'UnsupportedOperation',
      'one active task per queue',
    );
    const cancelled = await harness.client.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    assert.ok((cancelled.ApproximateNumberOfMessagesMoved ?? -1) >= 0);
    const { Results } = await harness.client.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn }),
    );
    assert.equal(Results?.[0]?.Status, 'CANCELLED');
    assert.equal(Results?.[0]?.DestinationArn, await arnOf(destination));
    const count = async (QueueUrl: string): Promise<number> => {
      const { Attributes } = await harness.client.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      return Number(Attributes?.['ApproximateNumberOfMessages']);
    };
    assert.equal(
      (await count(dlq)) + (await count(destination)),
      20,
      'nothing lost or duplicated by the cancel',
    );
    await assert.rejects(
      harness.client.send(new CancelMessageMoveTaskCommand({ TaskHandle })),
      (error: Error) => error.name === 'UnsupportedOperation',
    );
  });

  test("StartMessageMoveTask on a queue that is nobody's dead-letter queue is refused", async () => {
    const plain = (await harness.client.send(new CreateQueueCommand({ QueueName: 'not-a-dlq' })))
      .QueueUrl as string;
    await assert.rejects(
      harness.client.send(new StartMessageMoveTaskCommand({ SourceArn: await arnOf(plain) })),
      (error: Error) => error.name === 'InvalidParameterValue',
    );
  });
});
