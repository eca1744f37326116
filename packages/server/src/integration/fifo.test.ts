import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '@sluice/core';
import { startTestServer, waitFor, type TestServer } from '../testing/test-server.js';

describe('FIFO queues through the AWS SDK v3', () => {
  const clock = new ManualClock(1_750_000_000_000);
  let harness: TestServer;
  let counter = 0;
  const newQueue = async (attributes: Record<string, string> = {}): Promise<string> => {
    counter += 1;
    const { QueueUrl } = await harness.client.send(
      new CreateQueueCommand({
        QueueName: `fifo-${counter}.fifo`,
        Attributes: { FifoQueue: 'true', ...attributes },
      }),
    );
    return QueueUrl as string;
  };
  before(async () => {
    harness = await startTestServer({ clock });
  });
  after(async () => harness.close());

  test('messages of one group are received in send order with increasing sequence numbers', async () => {
    const QueueUrl = await newQueue({ ContentBasedDeduplication: 'true' });
    const sequenceNumbers: string[] = [];
    for (let index = 0; index < 5; index++) {
      const sent = await harness.client.send(
        new SendMessageCommand({ QueueUrl, MessageBody: `m${index}`, MessageGroupId: 'g' }),
      );
      sequenceNumbers.push(sent.SequenceNumber as string);
    }
    assert.deepEqual([...sequenceNumbers].sort(), sequenceNumbers);
    const { Messages } = await harness.client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    assert.deepEqual(
      Messages?.map((message) => message.Body),
      ['m0', 'm1', 'm2', 'm3', 'm4'],
    );
    assert.deepEqual(
      Messages?.map((message) => message.Attributes?.['SequenceNumber']),
      sequenceNumbers,
    );
    assert.equal(Messages?.[0]?.Attributes?.['MessageGroupId'], 'g');
  });

  test('SequenceNumber is in send, batch and receive answers of FIFO queues and of no other', async () => {
    const fifoUrl = await newQueue({ ContentBasedDeduplication: 'true' });
    const { QueueUrl: standardUrl } = await harness.client.send(
      new CreateQueueCommand({ QueueName: `standard-${counter}` }),
    );
    const answers = async (QueueUrl: string, groupId: string | undefined) => {
      const group = groupId === undefined ? {} : { MessageGroupId: groupId };
      const single = await harness.client.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'single', ...group }),
      );
      const batch = await harness.client.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: [{ Id: 'a', MessageBody: 'batched', ...group }],
        }),
      );
      const { Messages } = await harness.client.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      return [
        single.SequenceNumber,
        batch.Successful?.[0]?.SequenceNumber,
        ...(Messages ?? []).map((message) => message.Attributes?.['SequenceNumber']),
      ];
    };
    const fifo = await answers(fifoUrl, 'g');
    assert.equal(fifo.length, 4);
    for (const sequenceNumber of fifo) assert.match(String(sequenceNumber), /^\d{20}$/);
    assert.deepEqual(await answers(standardUrl as string, undefined), [
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('a group is blocked while one of its messages is in flight; other groups are not', async () => {
    const QueueUrl = await newQueue({ ContentBasedDeduplication: 'true' });
    for (const [group, body] of [
      ['a', 'a1'],
      ['a', 'a2'],
      ['b', 'b1'],
    ] as const) {
      await harness.client.send(
        new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: group }),
      );
    }
    const first = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(first.Messages?.[0]?.Body, 'a1');
    const second = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    assert.deepEqual(
      second.Messages?.map((message) => message.Body),
      ['b1'],
    );
    await harness.client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    const third = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    assert.deepEqual(
      third.Messages?.map((message) => message.Body),
      ['a2'],
    );
  });

  test(
    "a DeleteMessageBatch of a group's message in flight wakes a long poll waiting for that group",
    { timeout: 10_000 },
    async () => {
      const QueueUrl = await newQueue({ ContentBasedDeduplication: 'true' });
      for (const body of ['a1', 'a2']) {
        await harness.client.send(
          new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'a' }),
        );
      }
      const first = await harness.client.send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(first.Messages?.[0]?.Body, 'a1');
      const waiting = harness.client.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }),
      );
      await waitFor(() => harness.server.services.waiters.waiterCount === 1);
      const deleted = await harness.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'a1', ReceiptHandle: first.Messages?.[0]?.ReceiptHandle },
            { Id: 'forged', ReceiptHandle: 'not-a-handle' },
          ],
        }),
      );
      assert.deepEqual(
        deleted.Successful?.map((entry) => entry.Id),
        ['a1'],
      );
      assert.equal(deleted.Failed?.[0]?.Code, 'ReceiptHandleIsInvalid');
      assert.equal((await waiting).Messages?.[0]?.Body, 'a2');
    },
  );

  test('a duplicate MessageDeduplicationId within 5 minutes returns the original MessageId and queues nothing', async () => {
    const QueueUrl = await newQueue();
    const first = await harness.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'pay',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'order-1',
      }),
    );
    const duplicate = await harness.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'pay again',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'order-1',
      }),
    );
    assert.equal(duplicate.MessageId, first.MessageId);
    const { Messages } = await harness.client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    assert.deepEqual(
      Messages?.map((message) => message.Body),
      ['pay'],
    );
    await harness.client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages?.[0]?.ReceiptHandle }),
    );
    clock.advance(5 * 60_000);
    const later = await harness.client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'pay later',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'order-1',
      }),
    );
    assert.notEqual(later.MessageId, first.MessageId);
  });

  test('content-based deduplication treats an identical body as a duplicate', async () => {
    const QueueUrl = await newQueue({ ContentBasedDeduplication: 'true' });
    const first = await harness.client.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }),
    );
    const second = await harness.client.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }),
    );
    assert.equal(second.MessageId, first.MessageId);
  });

  test('FIFO sends without a group id, without a deduplication id, or with a per-message delay are refused', async () => {
    const QueueUrl = await newQueue();
    await assert.rejects(
      harness.client.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' }),
      ),
      (error: Error) => error.name === 'MissingParameter',
    );
    await assert.rejects(
      harness.client.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }),
      ),
      (error: Error) => error.name === 'InvalidParameterValue',
    );
    await assert.rejects(
      harness.client.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      ),
      (error: Error) => error.name === 'InvalidParameterValue',
    );
  });

  test('a FIFO queue name must end in .fifo', async () => {
    await assert.rejects(
      harness.client.send(
        new CreateQueueCommand({ QueueName: 'plain', Attributes: { FifoQueue: 'true' } }),
      ),
      (error: unknown) =>
        error instanceof SQSServiceException && error.name === 'InvalidParameterValue',
    );
  });
});
