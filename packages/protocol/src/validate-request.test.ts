import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedRequest } from './parse-request.js';
import { validateRequest } from './validate-request.js';
import { assertSqsError } from './test-assertions.js';

const queueUrl = 'http://localhost:9324/000000000000/jobs';

function request<Action extends ParsedRequest['action']>(
  action: Action,
  input: Extract<ParsedRequest, { action: Action }>['input'],
): ParsedRequest {
  return { protocol: 'json', action, input } as ParsedRequest;
}

test('validation returns the queue the QueueUrl names, for the server to look up', () => {
  const result = validateRequest(request('DeleteQueue', { QueueUrl: queueUrl }));
  assert.deepEqual(result.queue, { accountId: '000000000000', queueName: 'jobs' });
  assert.equal(validateRequest(request('ListQueues', {})).queue, undefined);
});

test('a QueueUrl that cannot name a queue fails every action with InvalidAddress', () => {
  assertSqsError(
    () => validateRequest(request('PurgeQueue', { QueueUrl: 'nope' })),
    'InvalidAddress',
  );
});

test('SendMessage is checked for body, attributes, system attributes, size, delay and FIFO ids', () => {
  validateRequest(
    request('SendMessage', { QueueUrl: queueUrl, MessageBody: 'hello', DelaySeconds: 900 }),
  );
  assertSqsError(
    () => validateRequest(request('SendMessage', { QueueUrl: queueUrl, MessageBody: '' })),
    'MissingParameter',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('SendMessage', { QueueUrl: queueUrl, MessageBody: 'x', DelaySeconds: 901 }),
      ),
    'InvalidParameterValue',
    'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('SendMessage', {
          QueueUrl: queueUrl,
          MessageBody: 'x',
          MessageSystemAttributes: { SenderId: { DataType: 'String', StringValue: 'me' } },
        }),
      ),
    'InvalidParameterValue',
    "Message system attribute name 'SenderId' is invalid.",
  );
  validateRequest(
    request('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: 'x',
      MessageSystemAttributes: {
        AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' },
      },
    }),
  );
  assertSqsError(
    () =>
      validateRequest(
        request('SendMessage', { QueueUrl: queueUrl, MessageBody: 'x', MessageGroupId: 'bad id' }),
      ),
    'InvalidParameterValue',
  );
});

test('the message size limit counts attributes, so a 1 MiB body with an attribute is refused', () => {
  assertSqsError(
    () =>
      validateRequest(
        request('SendMessage', {
          QueueUrl: queueUrl,
          MessageBody: 'x'.repeat(1024 * 1024),
          MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } },
        }),
      ),
    'InvalidParameterValue',
    'Message must be shorter than',
  );
});

test('batch entries that break a per-message rule fail alone, not the whole batch', () => {
  const result = validateRequest(
    request('SendMessageBatch', {
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'good', MessageBody: 'fine' },
        { Id: 'bad', MessageBody: 'nul\u0000' },
        { Id: 'late', MessageBody: 'x', DelaySeconds: 1000 },
      ],
    }),
  );
  assert.deepEqual([...result.failedEntries.keys()], ['bad', 'late']);
  assert.equal(result.failedEntries.get('bad')?.code, 'InvalidMessageContents');
  assert.equal(result.failedEntries.get('late')?.code, 'InvalidParameterValue');
});

test('batch-level rules fail the whole request', () => {
  assertSqsError(
    () => validateRequest(request('SendMessageBatch', { QueueUrl: queueUrl, Entries: [] })),
    'EmptyBatchRequest',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('DeleteMessageBatch', {
          QueueUrl: queueUrl,
          Entries: [
            { Id: 'a', ReceiptHandle: 'r1' },
            { Id: 'a', ReceiptHandle: 'r2' },
          ],
        }),
      ),
    'BatchEntryIdsNotDistinct',
  );
  const result = validateRequest(
    request('ChangeMessageVisibilityBatch', {
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'a', ReceiptHandle: 'r', VisibilityTimeout: 43_201 },
        { Id: 'b', ReceiptHandle: 'r', VisibilityTimeout: 10 },
      ],
    }),
  );
  assert.deepEqual([...result.failedEntries.keys()], ['a']);
});

test('CreateQueue checks the name against the queue type its attributes ask for', () => {
  validateRequest(
    request('CreateQueue', { QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } }),
  );
  assertSqsError(
    () => validateRequest(request('CreateQueue', { QueueName: 'orders.fifo' })),
    'InvalidParameterValue',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('CreateQueue', { QueueName: 'orders', Attributes: { FifoQueue: 'true' } }),
      ),
    'InvalidParameterValue',
    'must end with .fifo suffix',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('CreateQueue', {
          QueueName: 'jobs',
          Attributes: { ContentBasedDeduplication: 'true' },
        }),
      ),
    'InvalidAttributeName',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('CreateQueue', { QueueName: 'jobs', tags: { ['k'.repeat(129)]: 'v' } }),
      ),
    'InvalidParameterValue',
  );
});

test('list actions accept MaxResults 1 to 1000 only', () => {
  validateRequest(request('ListQueues', { MaxResults: 1000 }));
  assertSqsError(
    () => validateRequest(request('ListQueues', { MaxResults: 0 })),
    'InvalidParameterValue',
    'MaxResults must be an integer between 1 and 1000.',
  );
  assertSqsError(
    () =>
      validateRequest(
        request('ListDeadLetterSourceQueues', { QueueUrl: queueUrl, MaxResults: 1001 }),
      ),
    'InvalidParameterValue',
  );
});

test('ChangeMessageVisibility accepts 0 to 43200 seconds', () => {
  validateRequest(
    request('ChangeMessageVisibility', {
      QueueUrl: queueUrl,
      ReceiptHandle: 'r',
      VisibilityTimeout: 0,
    }),
  );
  assertSqsError(
    () =>
      validateRequest(
        request('ChangeMessageVisibility', {
          QueueUrl: queueUrl,
          ReceiptHandle: 'r',
          VisibilityTimeout: 43_201,
        }),
      ),
    'InvalidParameterValue',
  );
});

test('GetQueueUrl needs a queue name and takes only a 12-digit owner account', () => {
  validateRequest(
    request('GetQueueUrl', { QueueName: 'jobs', QueueOwnerAWSAccountId: '111122223333' }),
  );
  assertSqsError(
    () => validateRequest(request('GetQueueUrl', { QueueName: '' })),
    'MissingParameter',
  );
  assertSqsError(
    () =>
      validateRequest(request('GetQueueUrl', { QueueName: 'jobs', QueueOwnerAWSAccountId: 'me' })),
    'InvalidParameterValue',
  );
});

test('every action is validated without error for a minimal valid request', () => {
  const dlq = 'arn:aws:sqs:us-east-1:000000000000:dlq';
  const minimal: ParsedRequest[] = [
    request('AddPermission', {
      QueueUrl: queueUrl,
      Label: 'l',
      AWSAccountIds: ['111122223333'],
      Actions: ['*'],
    }),
    request('CancelMessageMoveTask', { TaskHandle: 't' }),
    request('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: 'r' }),
    request('GetQueueAttributes', { QueueUrl: queueUrl }),
    request('ListMessageMoveTasks', { SourceArn: dlq }),
    request('ListQueueTags', { QueueUrl: queueUrl }),
    request('ReceiveMessage', { QueueUrl: queueUrl }),
    request('RemovePermission', { QueueUrl: queueUrl, Label: 'l' }),
    request('SetQueueAttributes', { QueueUrl: queueUrl, Attributes: {} }),
    request('StartMessageMoveTask', { SourceArn: dlq }),
    request('TagQueue', { QueueUrl: queueUrl, Tags: { team: 'a' } }),
    request('UntagQueue', { QueueUrl: queueUrl, TagKeys: ['team'] }),
  ];
  for (const valid of minimal)
    assert.equal(validateRequest(valid).failedEntries.size, 0, valid.action);
});
