import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  MessageNotInflight,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '@sluice/core';
import { startTestServer, type TestServer } from '../testing/test-server.js';

describe('standard-queue messages through the AWS SDK v3', () => {
  const clock = new ManualClock(1_750_000_000_000);
  let harness: TestServer;
  let counter = 0;
  const newQueue = async (attributes: Record<string, string> = {}): Promise<string> => {
    counter += 1;
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: `messages-${counter}`, Attributes: attributes }),
    );
    return QueueUrl as string;
  };
  const counts = async (QueueUrl: string): Promise<number[]> => {
    const { Attributes } = await harness.client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    return [
      Number(Attributes?.['ApproximateNumberOfMessages']),
      Number(Attributes?.['ApproximateNumberOfMessagesNotVisible']),
      Number(Attributes?.['ApproximateNumberOfMessagesDelayed']),
    ];
  };
  before(async () => {
    harness = await startTestServer({ clock });
  });
  after(async () => harness.close());

  test('a sent message is received with its body, attributes and system attributes, and the SDK verifies every MD5', async () => {
    const QueueUrl = await newQueue();
    const sent = await harness.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'hello, sluice \u00e9\u{1F600}',
        MessageAttributes: {
          color: { DataType: 'String', StringValue: 'blue' },
          weight: { DataType: 'Number', StringValue: '12.5' },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2, 255]) },
        },
      }),
    );
    assert.match(sent.MessageId ?? '', /^[0-9a-f-]{36}$/);
    const { Messages } = await harness.client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const message = Messages?.[0];
    assert.equal(message?.MessageId, sent.MessageId);
    assert.equal(message?.Body, 'hello, sluice \u00e9\u{1F600}');
    assert.equal(message?.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(message?.MessageAttributes?.['color']?.StringValue, 'blue');
    assert.deepEqual(
      [...(message?.MessageAttributes?.['blob']?.BinaryValue ?? [])],
      [0, 1, 2, 255],
    );
    assert.equal(message?.Attributes?.['ApproximateReceiveCount'], '1');
    assert.equal(message?.Attributes?.['SentTimestamp'], String(clock.nowMs()));
    assert.equal(message?.Attributes?.['ApproximateFirstReceiveTimestamp'], String(clock.nowMs()));
  });

  test('ten bodies with and without characters JSON escapes come back in one receive exactly as sent, each MD5 verified by the SDK', async () => {
    const QueueUrl = await newQueue();
    const kilobyte = 'x'.repeat(1024);
    const bodies = [
      kilobyte,
      `${kilobyte}"quoted"`,
      `back\\slash ${kilobyte}`,
      `tab\t, LF\n and CR\r ${kilobyte}`,
      `\u00e9\u{1F600}\u4e2d ${kilobyte}`,
      'short',
      '{"json":"inside"}',
      `${'\u00fc'.repeat(600)}`,
      '\ue000\ufffd\u{10FFFF}',
      '  spaces  ',
    ];
    await harness.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: bodies.map((MessageBody, index) => ({ Id: `m${index}`, MessageBody })),
      }),
    );
    const { Messages } = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    assert.deepEqual(Messages?.map((message) => message.Body).sort(), [...bodies].sort());
  });

  test('a received message is invisible until its visibility timeout passes, then comes back with receive count 2', async () => {
    const QueueUrl = await newQueue({ VisibilityTimeout: '30' });
    await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'] }),
    );
    assert.equal(first.Messages?.length, 1);
    assert.deepEqual(await counts(QueueUrl), [0, 1, 0]);
    assert.equal(
      (await harness.client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages,
      undefined,
    );
    clock.advance(30_000);
    const second = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'] }),
    );
    assert.equal(second.Messages?.[0]?.Attributes?.['ApproximateReceiveCount'], '2');
    assert.notEqual(second.Messages?.[0]?.ReceiptHandle, first.Messages?.[0]?.ReceiptHandle);
  });

  test('DeleteMessage removes a received message for good', async () => {
    const QueueUrl = await newQueue({ VisibilityTimeout: '5' });
    await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'once' }));
    const { Messages } = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
    await harness.client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages?.[0]?.ReceiptHandle }),
    );
    clock.advance(10_000);
    assert.deepEqual(await counts(QueueUrl), [0, 0, 0]);
    assert.equal(
      (await harness.client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages,
      undefined,
    );
  });

  test('a forged receipt handle is ReceiptHandleIsInvalid; deleting twice with a genuine one succeeds', async () => {
    const QueueUrl = await newQueue();
    await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const { Messages } = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
    const handle = Messages?.[0]?.ReceiptHandle as string;
    await assert.rejects(
      harness.client.send(
        new DeleteMessageCommand({ QueueUrl, ReceiptHandle: `${handle.slice(0, -2)}xx` }),
      ),
      ReceiptHandleIsInvalid,
    );
    await harness.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    await harness.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
  });

  test('ChangeMessageVisibility 0 makes a message visible at once; on a visible message it is MessageNotInflight', async () => {
    const QueueUrl = await newQueue();
    await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'back' }));
    const { Messages } = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
    const handle = Messages?.[0]?.ReceiptHandle;
    await harness.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
    assert.deepEqual(await counts(QueueUrl), [1, 0, 0]);
    await assert.rejects(
      harness.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: handle,
          VisibilityTimeout: 10,
        }),
      ),
      MessageNotInflight,
    );
  });

  test('DelaySeconds keeps a message delayed, counted as Delayed, until the delay passes', async () => {
    const QueueUrl = await newQueue();
    await harness.client.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 10 }),
    );
    assert.deepEqual(await counts(QueueUrl), [0, 0, 1]);
    assert.equal(
      (await harness.client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages,
      undefined,
    );
    clock.advance(10_000);
    assert.equal(
      (await harness.client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0]?.Body,
      'later',
    );
  });

  test('SendMessageBatch reports a bad entry in Failed and stores the rest; batch delete and visibility work per entry', async () => {
    const QueueUrl = await newQueue();
    const sent = await harness.client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 901 },
          { Id: 'c', MessageBody: 'three' },
        ],
      }),
    );
    assert.deepEqual(sent.Successful?.map((entry) => entry.Id).sort(), ['a', 'c']);
    assert.equal(sent.Failed?.[0]?.Id, 'b');
    assert.equal(sent.Failed?.[0]?.SenderFault, true);
    const { Messages } = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    assert.equal(Messages?.length, 2);
    const visibility = await harness.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'v1', ReceiptHandle: Messages?.[0]?.ReceiptHandle, VisibilityTimeout: 60 },
          { Id: 'v2', ReceiptHandle: 'not-a-handle', VisibilityTimeout: 60 },
        ],
      }),
    );
    assert.deepEqual(
      visibility.Successful?.map((entry) => entry.Id),
      ['v1'],
    );
    assert.equal(visibility.Failed?.[0]?.Code, 'ReceiptHandleIsInvalid');
    const deleted = await harness.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          ...(Messages ?? []).map((message, index) => ({
            Id: `d${index}`,
            ReceiptHandle: message.ReceiptHandle,
          })),
          { Id: 'forged', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );
    assert.deepEqual(deleted.Successful?.map((entry) => entry.Id).sort(), ['d0', 'd1']);
    assert.equal(deleted.Failed?.[0]?.Id, 'forged');
    assert.equal(deleted.Failed?.[0]?.Code, 'ReceiptHandleIsInvalid');
    assert.deepEqual(await counts(QueueUrl), [0, 0, 0]);
  });

  test('PurgeQueue empties the queue, and a second purge within 60 seconds is PurgeQueueInProgress', async () => {
    const QueueUrl = await newQueue();
    for (let index = 0; index < 5; index++) {
      await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${index}` }));
    }
    await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
    await harness.client.send(new PurgeQueueCommand({ QueueUrl }));
    assert.deepEqual(await counts(QueueUrl), [0, 0, 0]);
    await assert.rejects(
      harness.client.send(new PurgeQueueCommand({ QueueUrl })),
      PurgeQueueInProgress,
    );
    clock.advance(60_000);
    await harness.client.send(new PurgeQueueCommand({ QueueUrl }));
  });

  test('messages older than MessageRetentionPeriod are removed', async () => {
    const QueueUrl = await newQueue({ MessageRetentionPeriod: '60' });
    await harness.client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));
    clock.advance(61_000);
    assert.equal(
      (await harness.client.send(new ReceiveMessageCommand({ QueueUrl }))).Messages,
      undefined,
    );
    assert.deepEqual(await counts(QueueUrl), [0, 0, 0]);
  });
});
