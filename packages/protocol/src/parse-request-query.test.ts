import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequest, type HttpRequestParts } from './parse-request.js';
import { assertSqsError } from './test-assertions.js';

const account = '000000000000';
const queueUrl = `http://localhost:9324/${account}/jobs`;
const encodedUrl = encodeURIComponent(queueUrl);

function post(body: string, overrides: Partial<HttpRequestParts> = {}): HttpRequestParts {
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'localhost:9324',
    },
    body: Buffer.from(body),
    ...overrides,
  };
}

test('a Query SendMessageBatch reads flattened entries and attributes as botocore writes them', () => {
  const body = [
    'Action=SendMessageBatch',
    'Version=2012-11-05',
    `QueueUrl=${encodedUrl}`,
    'SendMessageBatchRequestEntry.1.Id=first',
    'SendMessageBatchRequestEntry.1.MessageBody=hello+world%21',
    'SendMessageBatchRequestEntry.1.DelaySeconds=10',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=color',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=blue',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=String',
    'SendMessageBatchRequestEntry.1.MessageAttribute.2.Name=raw',
    'SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.BinaryValue=AQL%2F',
    'SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.DataType=Binary',
    'SendMessageBatchRequestEntry.1.MessageSystemAttribute.1.Name=AWSTraceHeader',
    'SendMessageBatchRequestEntry.1.MessageSystemAttribute.1.Value.StringValue=Root%3D1',
    'SendMessageBatchRequestEntry.1.MessageSystemAttribute.1.Value.DataType=String',
    'SendMessageBatchRequestEntry.2.Id=second',
    'SendMessageBatchRequestEntry.2.MessageBody=%E2%9C%93',
    'SendMessageBatchRequestEntry.2.MessageGroupId=g',
    'SendMessageBatchRequestEntry.2.MessageDeduplicationId=d',
  ].join('&');
  const parsed = parseRequest(post(body));
  assert.equal(parsed.protocol, 'query');
  if (parsed.action !== 'SendMessageBatch') assert.fail(parsed.action);
  const [first, second] = parsed.input.Entries;
  assert.equal(parsed.input.QueueUrl, queueUrl);
  assert.equal(first?.MessageBody, 'hello world!');
  assert.equal(first?.DelaySeconds, 10);
  assert.deepEqual(
    { ...first?.MessageAttributes?.['color'] },
    { StringValue: 'blue', DataType: 'String' },
  );
  assert.deepEqual(first?.MessageAttributes?.['raw']?.BinaryValue, Buffer.from([1, 2, 255]));
  assert.equal(first?.MessageSystemAttributes?.['AWSTraceHeader']?.StringValue, 'Root=1');
  assert.deepEqual(second, {
    Id: 'second',
    MessageBody: '✓',
    MessageGroupId: 'g',
    MessageDeduplicationId: 'd',
  });
});

test('Query maps and lists read Attribute.N.Name/Value, AttributeName.N, Tag.N.Key/Value and TagKey.N', () => {
  const create = parseRequest(
    post(
      'Action=CreateQueue&QueueName=q&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40' +
        '&Attribute.2.Name=Policy&Attribute.2.Value=&Tag.1.Key=team&Tag.1.Value=core',
    ),
  );
  if (create.action !== 'CreateQueue') assert.fail(create.action);
  assert.deepEqual({ ...create.input.Attributes }, { VisibilityTimeout: '40', Policy: '' });
  assert.deepEqual({ ...create.input.tags }, { team: 'core' });
  const get = parseRequest(
    post(
      `Action=GetQueueAttributes&QueueUrl=${encodedUrl}&AttributeName.1=All&AttributeName.2=QueueArn`,
    ),
  );
  assert.deepEqual(get.input, { QueueUrl: queueUrl, AttributeNames: ['All', 'QueueArn'] });
  const untag = parseRequest(
    post(`Action=UntagQueue&QueueUrl=${encodedUrl}&TagKey.1=a&TagKey.2=b`),
  );
  assert.deepEqual(untag.input, { QueueUrl: queueUrl, TagKeys: ['a', 'b'] });
});

test('ReceiveMessage reads AttributeName.N, MessageSystemAttributeName.N and MessageAttributeName.N', () => {
  const parsed = parseRequest(
    post(
      `Action=ReceiveMessage&QueueUrl=${encodedUrl}&AttributeName.1=All&MessageSystemAttributeName.1=SentTimestamp` +
        '&MessageAttributeName.1=color&MaxNumberOfMessages=10&WaitTimeSeconds=20&VisibilityTimeout=0',
    ),
  );
  assert.deepEqual(parsed.input, {
    QueueUrl: queueUrl,
    AttributeNames: ['All'],
    MessageSystemAttributeNames: ['SentTimestamp'],
    MessageAttributeNames: ['color'],
    MaxNumberOfMessages: 10,
    VisibilityTimeout: 0,
    WaitTimeSeconds: 20,
  });
});

test('list elements are taken in index order whatever order the parameters came in', () => {
  const parsed = parseRequest(
    post(`Action=UntagQueue&QueueUrl=${encodedUrl}&TagKey.10=j&TagKey.2=b&TagKey.1=a`),
  );
  assert.deepEqual(parsed.input, { QueueUrl: queueUrl, TagKeys: ['a', 'b', 'j'] });
});

test('the queue URL may be the request path instead of a QueueUrl parameter', () => {
  const parsed = parseRequest(
    post('Action=SendMessage&MessageBody=hi', { path: `/${account}/jobs` }),
  );
  assert.equal(parsed.queueUrlFromPath, `/${account}/jobs`);
  assert.deepEqual(parsed.input, { QueueUrl: queueUrl, MessageBody: 'hi' });
  const explicit = parseRequest(
    post(`Action=DeleteQueue&QueueUrl=${encodeURIComponent('http://other/111122223333/x')}`, {
      path: `/${account}/jobs`,
    }),
  );
  assert.deepEqual(explicit.input, { QueueUrl: 'http://other/111122223333/x' });
});

test('GET requests carry their parameters in the URL query string', () => {
  const parsed = parseRequest({
    method: 'GET',
    path: '/',
    query: 'Action=ListQueues&QueueNamePrefix=jo&MaxResults=5',
    headers: {},
    body: Buffer.alloc(0),
  });
  assert.deepEqual(parsed.input, { QueueNamePrefix: 'jo', MaxResults: 5 });
});

test('body parameters win over the same parameters in the URL of a POST', () => {
  const parsed = parseRequest(
    post('Action=ListQueues&QueueNamePrefix=body', { query: 'QueueNamePrefix=url&MaxResults=3' }),
  );
  assert.deepEqual(parsed.input, { QueueNamePrefix: 'body', MaxResults: 3 });
});

test('a request without Action is MissingAction; an unknown one InvalidAction in SQS wording', () => {
  assertSqsError(() => parseRequest(post('QueueName=q')), 'MissingAction');
  assertSqsError(() => parseRequest(post('Action=')), 'MissingAction');
  assertSqsError(
    () => parseRequest(post('Action=Fly')),
    'InvalidAction',
    'The action Fly is not valid for this endpoint.',
  );
  assertSqsError(() => parseRequest(post('Action=ListQueues', { method: 'PUT' })), 'InvalidAction');
});

test('a missing required Query parameter is MissingParameter naming it', () => {
  assertSqsError(
    () =>
      parseRequest(post(`Action=ChangeMessageVisibility&QueueUrl=${encodedUrl}&ReceiptHandle=r`)),
    'MissingParameter',
    'The request must contain the parameter VisibilityTimeout.',
  );
  assertSqsError(
    () =>
      parseRequest(
        post(
          `Action=SendMessage&QueueUrl=${encodedUrl}&MessageAttribute.1.Value.StringValue=v&MessageBody=b`,
        ),
      ),
    'MissingParameter',
    'MessageAttribute.1.Name',
  );
  assertSqsError(
    () =>
      parseRequest(
        post(`Action=SendMessage&QueueUrl=${encodedUrl}&MessageAttribute.1.Name=n&MessageBody=b`),
      ),
    'MissingParameter',
    'MessageAttribute.1.Value.DataType',
  );
});

test('an absent or empty batch reads as no entries, for validation to call EmptyBatchRequest', () => {
  assert.deepEqual(parseRequest(post(`Action=DeleteMessageBatch&QueueUrl=${encodedUrl}`)).input, {
    QueueUrl: queueUrl,
    Entries: [],
  });
  assert.deepEqual(
    parseRequest(post(`Action=DeleteMessageBatch&QueueUrl=${encodedUrl}&Entries=`)).input,
    {
      QueueUrl: queueUrl,
      Entries: [],
    },
  );
});

test('a non-integer where the model has an integer is InvalidParameterValue', () => {
  for (const value of ['abc', '1.5', '', '-', '99999999999', '1e3']) {
    assertSqsError(
      () =>
        parseRequest(
          post(`Action=ReceiveMessage&QueueUrl=${encodedUrl}&MaxNumberOfMessages=${value}`),
        ),
      'InvalidParameterValue',
      'parameter MaxNumberOfMessages is invalid',
    );
  }
});

test('a list index that is not a positive integer is InvalidQueryParameter', () => {
  for (const key of ['TagKey.0', 'TagKey.x', 'TagKey.01', 'TagKey.-1']) {
    assertSqsError(
      () => parseRequest(post(`Action=UntagQueue&QueueUrl=${encodedUrl}&${key}=a`)),
      'InvalidQueryParameter',
    );
  }
});

test('two map entries with the same name are refused rather than one silently lost', () => {
  assertSqsError(
    () =>
      parseRequest(
        post(
          'Action=CreateQueue&QueueName=q&Attribute.1.Name=A&Attribute.1.Value=1&Attribute.2.Name=A&Attribute.2.Value=2',
        ),
      ),
    'InvalidParameterValue',
  );
});

test('a malformed percent-escape or invalid UTF-8 is MalformedQueryString', () => {
  for (const body of [
    'Action=ListQueues&QueueNamePrefix=%zz',
    'Action=ListQueues&QueueNamePrefix=%E2%82',
    'Action=ListQueues&Q%=1',
  ]) {
    assertSqsError(() => parseRequest(post(body)), 'MalformedQueryString');
  }
});

test('a binary value that is not base64 is InvalidParameterValue', () => {
  assertSqsError(
    () =>
      parseRequest(
        post(
          `Action=SendMessage&QueueUrl=${encodedUrl}&MessageBody=b&MessageAttribute.1.Name=n` +
            '&MessageAttribute.1.Value.DataType=Binary&MessageAttribute.1.Value.BinaryValue=%21%21',
        ),
      ),
    'InvalidParameterValue',
  );
});
