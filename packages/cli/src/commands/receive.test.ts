import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '@aws-sdk/client-sqs';
import { useStubServer } from '../test-support/stub-session.js';
import { toReceivedMessage } from './receive.js';

const { stub, run } = useStubServer();

test('receive asks for all attributes with the given count, wait and visibility', async () => {
  await run(['queue', 'create', 'polled']);
  const { code, context } = await run([
    'receive',
    'polled',
    '--count',
    '10',
    '--wait',
    '0',
    '--visibility',
    '30',
  ]);
  assert.equal(code, 0, context.output.stderr);
  assert.equal(context.output.stdout, 'no messages\n');
  assert.deepEqual(stub.calls.at(-1), {
    action: 'ReceiveMessage',
    input: {
      QueueUrl: stub.queueUrl('polled'),
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      VisibilityTimeout: 30,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    },
  });
});

test('receive deletes every message it received, in one batch, after printing them', async () => {
  await run(['queue', 'create', 'drained']);
  for (const body of ['one', 'two', 'three']) await run(['send', 'drained', body]);
  const { context } = await run(['receive', 'drained', '--count', '3', '--json']);
  const document = JSON.parse(context.output.stdout) as {
    messages: { body: string }[];
    deleted: boolean;
  };
  assert.deepEqual(
    document.messages.map((message) => message.body),
    ['one', 'two', 'three'],
  );
  assert.equal(document.deleted, true);
  const batch = stub.calls.at(-1);
  assert.equal(batch?.action, 'DeleteMessageBatch');
  assert.equal((batch?.input['Entries'] as unknown[]).length, 3);
  assert.equal(stub.queues.get('drained')?.messages.length, 0);
});

test('receive --keep deletes nothing and says so in --json', async () => {
  await run(['queue', 'create', 'kept']);
  await run(['send', 'kept', 'stay']);
  const { context } = await run(['receive', 'kept', '--keep', '--json']);
  assert.equal((JSON.parse(context.output.stdout) as { deleted: boolean }).deleted, false);
  assert.notEqual(stub.calls.at(-1)?.action, 'DeleteMessageBatch');
  assert.equal(stub.queues.get('kept')?.messages.length, 1);
});

test('an SDK message becomes a camelCase document with binary attribute values in base64', () => {
  const message: Message = {
    MessageId: 'm',
    ReceiptHandle: 'r',
    Body: 'b',
    MD5OfBody: 'md5',
    Attributes: { SentTimestamp: '1' },
    MessageAttributes: {
      text: { DataType: 'String', StringValue: 'v' },
      blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2]) },
    },
  };
  assert.deepEqual(toReceivedMessage(message), {
    messageId: 'm',
    receiptHandle: 'r',
    body: 'b',
    md5OfBody: 'md5',
    attributes: { SentTimestamp: '1' },
    messageAttributes: {
      text: { dataType: 'String', stringValue: 'v' },
      blob: { dataType: 'Binary', binaryValue: 'AAEC' },
    },
  });
});
