import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqsLimits } from '@sluice/core';
import { parseRequest, type HttpRequestParts } from './parse-request.js';
import { assertSqsError } from './test-assertions.js';

const queueUrl = 'http://localhost:9324/000000000000/jobs';

function jsonRequest(
  action: string,
  body: unknown,
  overrides: Partial<HttpRequestParts> = {},
): HttpRequestParts {
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      'x-amz-target': `AmazonSQS.${action}`,
      'content-type': 'application/x-amz-json-1.0',
    },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    ...overrides,
  };
}

test('a JSON request is read by its X-Amz-Target into the model-named canonical input', () => {
  const parsed = parseRequest(
    jsonRequest('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: 'hello',
      DelaySeconds: 5,
      MessageAttributes: {
        name: { DataType: 'String', StringValue: 'v' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 255]).toString('base64') },
      },
    }),
  );
  assert.equal(parsed.protocol, 'json');
  assert.equal(parsed.action, 'SendMessage');
  if (parsed.action !== 'SendMessage') return;
  assert.equal(parsed.input.MessageBody, 'hello');
  assert.equal(parsed.input.DelaySeconds, 5);
  assert.deepEqual(parsed.input.MessageAttributes?.['blob']?.BinaryValue, Buffer.from([1, 2, 255]));
  assert.equal(parsed.queueUrlFromPath, undefined);
});

test('an unknown X-Amz-Target is InvalidAction, sent on JSON as UnknownOperationException', () => {
  assertSqsError(() => parseRequest(jsonRequest('Fly', {})), 'InvalidAction');
  assertSqsError(
    () =>
      parseRequest({
        ...jsonRequest('SendMessage', {}),
        headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      }),
    'InvalidAction',
  );
});

test('a JSON request must be a POST', () => {
  assertSqsError(
    () => parseRequest(jsonRequest('ListQueues', {}, { method: 'GET' })),
    'InvalidAction',
  );
});

test('a body that is not JSON, or JSON that is not an object, is SerializationException', () => {
  for (const body of ['{', '{"QueueUrl":', 'nul', '[]', '"text"', '42', 'null', '\u0000']) {
    assertSqsError(() => parseRequest(jsonRequest('ListQueues', body)), 'SerializationException');
  }
});

test('an empty JSON body reads as an empty object', () => {
  const parsed = parseRequest(jsonRequest('ListQueues', ''));
  assert.deepEqual(parsed.input, {});
});

test('a member of the wrong JSON type is SerializationException, worded as Coral words it', () => {
  assertSqsError(
    () =>
      parseRequest(jsonRequest('ReceiveMessage', { QueueUrl: queueUrl, VisibilityTimeout: '30' })),
    'SerializationException',
    'STRING_VALUE can not be converted to an Integer',
  );
  const wrong: unknown[] = [
    { QueueUrl: 5 },
    { QueueUrl: queueUrl, MaxNumberOfMessages: 1.5 },
    { QueueUrl: queueUrl, MaxNumberOfMessages: 2 ** 31 },
    `{"QueueUrl":"${queueUrl}","MaxNumberOfMessages":1e400}`,
    { QueueUrl: queueUrl, AttributeNames: 'All' },
    { QueueUrl: queueUrl, AttributeNames: [1] },
    { QueueUrl: queueUrl, AttributeNames: [null] },
    { QueueUrl: [queueUrl] },
    { QueueUrl: { url: queueUrl } },
  ];
  for (const body of wrong) {
    assertSqsError(
      () => parseRequest(jsonRequest('ReceiveMessage', body)),
      'SerializationException',
    );
  }
});

test('a binary value that is not base64 is SerializationException', () => {
  assertSqsError(
    () =>
      parseRequest(
        jsonRequest('SendMessage', {
          QueueUrl: queueUrl,
          MessageBody: 'x',
          MessageAttributes: { b: { DataType: 'Binary', BinaryValue: 'not base64!' } },
        }),
      ),
    'SerializationException',
  );
});

test('a missing required member is MissingParameter naming it; null counts as missing', () => {
  assertSqsError(
    () => parseRequest(jsonRequest('SendMessage', { QueueUrl: queueUrl })),
    'MissingParameter',
    'The request must contain the parameter MessageBody.',
  );
  assertSqsError(
    () => parseRequest(jsonRequest('SendMessage', { QueueUrl: null, MessageBody: 'x' })),
    'MissingParameter',
  );
  assertSqsError(
    () =>
      parseRequest(jsonRequest('SendMessageBatch', { QueueUrl: queueUrl, Entries: [{ Id: 'a' }] })),
    'MissingParameter',
    'Entries.1.MessageBody',
  );
});

test('members the model does not know are ignored and optional nulls are dropped', () => {
  const parsed = parseRequest(
    jsonRequest('ListQueues', { QueueNamePrefix: null, Future: 1, MaxResults: 5 }),
  );
  assert.deepEqual(parsed.input, { MaxResults: 5 });
});

test('client-chosen map keys such as __proto__ stay plain keys', () => {
  const parsed = parseRequest(
    jsonRequest(
      'TagQueue',
      '{"QueueUrl":"http://h/000000000000/q","Tags":{"__proto__":"x","constructor":"y"}}',
    ),
  );
  if (parsed.action !== 'TagQueue') assert.fail('wrong action');
  assert.deepEqual(Object.keys(parsed.input.Tags), ['__proto__', 'constructor']);
  assert.equal(parsed.input.Tags['__proto__'], 'x');
  assert.equal(Object.getPrototypeOf(parsed.input.Tags), null);
});

test('a body over the request size limit is RequestEntityTooLarge before any parsing', () => {
  const body = Buffer.alloc(sqsLimits.requestBodyBytesMax + 1, 0x20);
  assertSqsError(
    () => parseRequest({ ...jsonRequest('ListQueues', {}), body }),
    'RequestEntityTooLarge',
  );
});

test('an empty Entries list reads as an empty list, for validation to call EmptyBatchRequest', () => {
  const parsed = parseRequest(
    jsonRequest('DeleteMessageBatch', { QueueUrl: queueUrl, Entries: [] }),
  );
  assert.deepEqual(parsed.input, { QueueUrl: queueUrl, Entries: [] });
});

test('a JSON body without a backslash or a 0xEF byte is marked as holding only XML-safe text; one with either is not', () => {
  const safe = (body: string | Buffer): boolean | undefined =>
    parseRequest({ ...jsonRequest('SendMessage', ''), body: Buffer.from(body) }).xmlSafeText;
  assert.equal(safe(`{"QueueUrl":"${queueUrl}","MessageBody":"plain é 😀 text"}`), true);
  assert.equal(safe(`{"QueueUrl":"${queueUrl}","MessageBody":"a \\"quoted\\" word"}`), false);
  assert.equal(safe(`{"QueueUrl":"${queueUrl}","MessageBody":"\\u0001"}`), false);
  // U+FFFE is refused by XML and arrives raw as EF BF BE.
  assert.equal(safe(`{"QueueUrl":"${queueUrl}","MessageBody":"a\ufffeb"}`), false);
  assert.equal(safe(`{"QueueUrl":"${queueUrl}","MessageBody":"\ue000 is EE 80 80"}`), true);
});
