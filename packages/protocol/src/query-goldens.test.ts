/**
 * Golden Query requests for all 23 actions, written by hand as botocore writes them (parameter
 * names from the Query-era SQS model), each with the canonical input it must parse to. The JSON
 * form of the same input must parse to the same thing. These pin the wire names independently
 * of the schema the parser is built from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqsActions, type SqsAction } from './actions.js';
import { parseRequest } from './parse-request.js';
import { botocoreJsonRequest } from './botocore-style-serializers.js';
import { comparable } from './random-input.js';

const url = 'http://localhost:9324/000000000000/q';
const encodedUrl = 'http%3A%2F%2Flocalhost%3A9324%2F000000000000%2Fq';
const dlq = 'arn:aws:sqs:us-east-1:000000000000:dlq';
const encodedDlq = 'arn%3Aaws%3Asqs%3Aus-east-1%3A000000000000%3Adlq';

const goldens: ReadonlyArray<readonly [SqsAction, string, object]> = [
  [
    'AddPermission',
    `QueueUrl=${encodedUrl}&Label=l&AWSAccountId.1=111122223333&AWSAccountId.2=444455556666&ActionName.1=SendMessage`,
    {
      QueueUrl: url,
      Label: 'l',
      AWSAccountIds: ['111122223333', '444455556666'],
      Actions: ['SendMessage'],
    },
  ],
  ['CancelMessageMoveTask', 'TaskHandle=abc', { TaskHandle: 'abc' }],
  [
    'ChangeMessageVisibility',
    `QueueUrl=${encodedUrl}&ReceiptHandle=r%2B1&VisibilityTimeout=60`,
    { QueueUrl: url, ReceiptHandle: 'r+1', VisibilityTimeout: 60 },
  ],
  [
    'ChangeMessageVisibilityBatch',
    `QueueUrl=${encodedUrl}&ChangeMessageVisibilityBatchRequestEntry.1.Id=a&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle=r1&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=5&ChangeMessageVisibilityBatchRequestEntry.2.Id=b&ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle=r2`,
    {
      QueueUrl: url,
      Entries: [
        { Id: 'a', ReceiptHandle: 'r1', VisibilityTimeout: 5 },
        { Id: 'b', ReceiptHandle: 'r2' },
      ],
    },
  ],
  [
    'CreateQueue',
    'QueueName=q.fifo&Attribute.1.Name=FifoQueue&Attribute.1.Value=true&Tag.1.Key=team&Tag.1.Value=core',
    { QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' }, tags: { team: 'core' } },
  ],
  [
    'DeleteMessage',
    `QueueUrl=${encodedUrl}&ReceiptHandle=r`,
    { QueueUrl: url, ReceiptHandle: 'r' },
  ],
  [
    'DeleteMessageBatch',
    `QueueUrl=${encodedUrl}&DeleteMessageBatchRequestEntry.1.Id=a&DeleteMessageBatchRequestEntry.1.ReceiptHandle=r1`,
    { QueueUrl: url, Entries: [{ Id: 'a', ReceiptHandle: 'r1' }] },
  ],
  ['DeleteQueue', `QueueUrl=${encodedUrl}`, { QueueUrl: url }],
  [
    'GetQueueAttributes',
    `QueueUrl=${encodedUrl}&AttributeName.1=All`,
    { QueueUrl: url, AttributeNames: ['All'] },
  ],
  [
    'GetQueueUrl',
    'QueueName=q&QueueOwnerAWSAccountId=000000000000',
    { QueueName: 'q', QueueOwnerAWSAccountId: '000000000000' },
  ],
  [
    'ListDeadLetterSourceQueues',
    `QueueUrl=${encodedUrl}&NextToken=t&MaxResults=10`,
    { QueueUrl: url, NextToken: 't', MaxResults: 10 },
  ],
  [
    'ListMessageMoveTasks',
    `SourceArn=${encodedDlq}&MaxResults=2`,
    { SourceArn: dlq, MaxResults: 2 },
  ],
  ['ListQueueTags', `QueueUrl=${encodedUrl}`, { QueueUrl: url }],
  [
    'ListQueues',
    'QueueNamePrefix=pre&MaxResults=1000',
    { QueueNamePrefix: 'pre', MaxResults: 1000 },
  ],
  ['PurgeQueue', `QueueUrl=${encodedUrl}`, { QueueUrl: url }],
  [
    'ReceiveMessage',
    `QueueUrl=${encodedUrl}&AttributeName.1=All&MessageAttributeName.1=All&MaxNumberOfMessages=10&VisibilityTimeout=30&WaitTimeSeconds=20&ReceiveRequestAttemptId=x`,
    {
      QueueUrl: url,
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 30,
      WaitTimeSeconds: 20,
      ReceiveRequestAttemptId: 'x',
    },
  ],
  ['RemovePermission', `QueueUrl=${encodedUrl}&Label=l`, { QueueUrl: url, Label: 'l' }],
  [
    'SendMessage',
    `QueueUrl=${encodedUrl}&MessageBody=a+b%0D%0A&DelaySeconds=3&MessageAttribute.1.Name=n&MessageAttribute.1.Value.StringValue=1.5&MessageAttribute.1.Value.DataType=Number&MessageSystemAttribute.1.Name=AWSTraceHeader&MessageSystemAttribute.1.Value.StringValue=Root&MessageSystemAttribute.1.Value.DataType=String&MessageDeduplicationId=d&MessageGroupId=g`,
    {
      QueueUrl: url,
      MessageBody: 'a b\r\n',
      DelaySeconds: 3,
      MessageAttributes: { n: { StringValue: '1.5', DataType: 'Number' } },
      MessageSystemAttributes: { AWSTraceHeader: { StringValue: 'Root', DataType: 'String' } },
      MessageDeduplicationId: 'd',
      MessageGroupId: 'g',
    },
  ],
  [
    'SendMessageBatch',
    `QueueUrl=${encodedUrl}&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x&SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=b&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue=AAE%3D&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=Binary`,
    {
      QueueUrl: url,
      Entries: [
        {
          Id: 'a',
          MessageBody: 'x',
          MessageAttributes: { b: { BinaryValue: Buffer.from([0, 1]), DataType: 'Binary' } },
        },
      ],
    },
  ],
  [
    'SetQueueAttributes',
    `QueueUrl=${encodedUrl}&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=45`,
    { QueueUrl: url, Attributes: { VisibilityTimeout: '45' } },
  ],
  [
    'StartMessageMoveTask',
    `SourceArn=${encodedDlq}&DestinationArn=${encodedDlq}&MaxNumberOfMessagesPerSecond=50`,
    { SourceArn: dlq, DestinationArn: dlq, MaxNumberOfMessagesPerSecond: 50 },
  ],
  [
    'TagQueue',
    `QueueUrl=${encodedUrl}&Tag.1.Key=a&Tag.1.Value=1&Tag.2.Key=b&Tag.2.Value=`,
    { QueueUrl: url, Tags: { a: '1', b: '' } },
  ],
  ['UntagQueue', `QueueUrl=${encodedUrl}&TagKey.1=a`, { QueueUrl: url, TagKeys: ['a'] }],
];

test('there is a golden Query request for every one of the 23 actions', () => {
  assert.deepEqual(
    goldens.map(([action]) => action),
    [...sqsActions],
  );
});

test('each golden Query request parses to its canonical input, and so does its JSON form', () => {
  for (const [action, parameters, expected] of goldens) {
    const query = parseRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(`Action=${action}&Version=2012-11-05&${parameters}`),
    });
    assert.equal(query.action, action);
    assert.deepEqual(comparable(query.input), comparable(expected), `${action} (Query)`);
    const json = parseRequest(botocoreJsonRequest(action, expected));
    assert.deepEqual(comparable(json.input), comparable(expected), `${action} (JSON)`);
  }
});
