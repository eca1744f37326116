import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SqsError } from './errors.js';
import type { Message } from './output-types.js';
import { quoteValidatedBody, serializeError, serializeResponse } from './serialize-response.js';
import { findInvalidCharacter } from './validate-message.js';

const requestId = '66916324-67ca-54bb-a410-3f567a7a0571';
const namespace = 'xmlns="http://queue.amazonaws.com/doc/2012-11-05/"';

test('a JSON response is application/x-amz-json-1.0 with the request id header', () => {
  const response = serializeResponse(
    'json',
    'CreateQueue',
    { QueueUrl: 'http://h/000000000000/q' },
    requestId,
  );
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/x-amz-json-1.0');
  assert.equal(response.headers['x-amzn-RequestId'], requestId);
  assert.equal(response.headers['content-length'], String(Buffer.byteLength(response.body)));
  assert.deepEqual(JSON.parse(response.body.toString()), { QueueUrl: 'http://h/000000000000/q' });
});

test('JSON ReceiveMessage writes binary attribute values as base64', () => {
  const response = serializeResponse(
    'json',
    'ReceiveMessage',
    {
      Messages: [
        {
          MessageId: 'm',
          Body: 'b',
          MessageAttributes: { raw: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 255]) } },
        },
      ],
    },
    requestId,
  );
  const body = JSON.parse(response.body.toString()) as {
    Messages: [{ MessageAttributes: { raw: { BinaryValue: string } } }];
  };
  assert.equal(body.Messages[0].MessageAttributes.raw.BinaryValue, 'AQL/');
});

test('an action without output answers {} on JSON and an empty Response element on Query', () => {
  assert.equal(serializeResponse('json', 'DeleteMessage', {}, requestId).body.toString(), '{}');
  assert.equal(
    serializeResponse('query', 'DeleteMessage', {}, requestId).body.toString(),
    `<?xml version="1.0"?><DeleteMessageResponse ${namespace}><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></DeleteMessageResponse>`,
  );
});

test('a JSON error carries __type, message and the x-amzn-query-error header the JS SDK v3 needs', () => {
  const response = serializeError('json', new SqsError('QueueDoesNotExist'), requestId);
  assert.equal(response.statusCode, 400);
  assert.equal(
    response.headers['x-amzn-query-error'],
    'AWS.SimpleQueueService.NonExistentQueue;Sender',
  );
  assert.equal(response.headers['x-amzn-RequestId'], requestId);
  assert.deepEqual(JSON.parse(response.body.toString()), {
    __type: 'com.amazonaws.sqs#QueueDoesNotExist',
    message: 'The specified queue does not exist.',
  });
});

test('a Query error is an ErrorResponse with Type, Code, Message, Detail and RequestId', () => {
  const response = serializeError(
    'query',
    new SqsError('QueueNameExists', 'A queue named "q" exists.'),
    requestId,
  );
  assert.equal(response.statusCode, 400);
  assert.equal(response.headers['content-type'], 'text/xml');
  assert.equal(
    response.body.toString(),
    `<?xml version="1.0"?><ErrorResponse ${namespace}><Error><Type>Sender</Type><Code>QueueAlreadyExists</Code>` +
      `<Message>A queue named &quot;q&quot; exists.</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
});

test('QueueDoesNotExist keeps SQS Query wording "for this wsdl version" unless a message was given', () => {
  const plain = serializeError(
    'query',
    new SqsError('QueueDoesNotExist'),
    requestId,
  ).body.toString();
  assert.ok(
    plain.includes('<Message>The specified queue does not exist for this wsdl version.</Message>'),
  );
  const worded = serializeError(
    'query',
    new SqsError('QueueDoesNotExist', 'Gone.'),
    requestId,
  ).body.toString();
  assert.ok(worded.includes('<Message>Gone.</Message>'));
});

test('internal errors go out as ServiceUnavailable and unknown exceptions as InternalError, hiding their text', () => {
  const notLeader = serializeError('json', new SqsError('NotLeader'), requestId);
  assert.equal(notLeader.statusCode, 503);
  assert.equal(notLeader.headers['x-amzn-query-error'], 'ServiceUnavailable;Receiver');
  const bug = serializeError('query', new TypeError('secret detail'), requestId);
  assert.equal(bug.statusCode, 500);
  assert.ok(bug.body.toString().includes('<Type>Receiver</Type><Code>InternalError</Code>'));
  assert.ok(!bug.body.toString().includes('secret'));
});

test('Query SendMessage answers its MD5s and MessageId inside SendMessageResult', () => {
  const xml = serializeResponse(
    'query',
    'SendMessage',
    { MessageId: 'id-1', MD5OfMessageBody: 'aa', MD5OfMessageAttributes: 'bb' },
    requestId,
  ).body.toString();
  assert.equal(
    xml,
    `<?xml version="1.0"?><SendMessageResponse ${namespace}><SendMessageResult><MD5OfMessageBody>aa</MD5OfMessageBody>` +
      `<MD5OfMessageAttributes>bb</MD5OfMessageAttributes><MessageId>id-1</MessageId></SendMessageResult>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></SendMessageResponse>`,
  );
});

test('Query ReceiveMessage repeats <Message>, flattens attributes and escapes the body', () => {
  const xml = serializeResponse(
    'query',
    'ReceiveMessage',
    {
      Messages: [
        {
          MessageId: 'm1',
          ReceiptHandle: 'r1',
          MD5OfBody: 'md5',
          Body: 'line\r\n<b>"&"</b>',
          Attributes: { SentTimestamp: '1700000000000', ApproximateReceiveCount: '1' },
          MD5OfMessageAttributes: 'md5a',
          MessageAttributes: {
            color: { DataType: 'String', StringValue: 'blue' },
            raw: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 255]) },
          },
        },
        { MessageId: 'm2', Body: 'second' },
      ],
    },
    requestId,
  ).body.toString();
  const expectedFirst =
    '<Message><MessageId>m1</MessageId><ReceiptHandle>r1</ReceiptHandle><MD5OfBody>md5</MD5OfBody>' +
    '<Body>line&#13;\n&lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;</Body>' +
    '<Attribute><Name>SentTimestamp</Name><Value>1700000000000</Value></Attribute>' +
    '<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>' +
    '<MD5OfMessageAttributes>md5a</MD5OfMessageAttributes>' +
    '<MessageAttribute><Name>color</Name><Value><StringValue>blue</StringValue><DataType>String</DataType></Value></MessageAttribute>' +
    '<MessageAttribute><Name>raw</Name><Value><BinaryValue>AQL/</BinaryValue><DataType>Binary</DataType></Value></MessageAttribute>' +
    '</Message>';
  assert.ok(
    xml.includes(
      `<ReceiveMessageResult>${expectedFirst}<Message><MessageId>m2</MessageId><Body>second</Body></Message></ReceiveMessageResult>`,
    ),
    xml,
  );
});

test('Query ListQueues repeats <QueueUrl>; an empty list is an empty result element', () => {
  const xml = serializeResponse(
    'query',
    'ListQueues',
    { QueueUrls: ['u1', 'u2'], NextToken: 't' },
    requestId,
  ).body.toString();
  assert.ok(
    xml.includes(
      '<ListQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl><NextToken>t</NextToken></ListQueuesResult>',
    ),
  );
  const empty = serializeResponse('query', 'ListQueues', {}, requestId).body.toString();
  assert.ok(empty.includes('<ListQueuesResult></ListQueuesResult>'));
});

test('Query batch results list each success and each BatchResultErrorEntry', () => {
  const xml = serializeResponse(
    'query',
    'SendMessageBatch',
    {
      Successful: [{ Id: 'a', MessageId: 'm', MD5OfMessageBody: 'x' }],
      Failed: [{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad' }],
    },
    requestId,
  ).body.toString();
  assert.ok(
    xml.includes(
      '<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a</Id><MessageId>m</MessageId><MD5OfMessageBody>x</MD5OfMessageBody></SendMessageBatchResultEntry>' +
        '<BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code><Message>bad</Message></BatchResultErrorEntry></SendMessageBatchResult>',
    ),
    xml,
  );
});

test('Query GetQueueAttributes, ListQueueTags and ListDeadLetterSourceQueues use their flattened element names', () => {
  const attributes = serializeResponse(
    'query',
    'GetQueueAttributes',
    { Attributes: { VisibilityTimeout: '30' } },
    requestId,
  ).body.toString();
  assert.ok(
    attributes.includes(
      '<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute></GetQueueAttributesResult>',
    ),
  );
  const tags = serializeResponse(
    'query',
    'ListQueueTags',
    { Tags: { team: 'core' } },
    requestId,
  ).body.toString();
  assert.ok(
    tags.includes(
      '<ListQueueTagsResult><Tag><Key>team</Key><Value>core</Value></Tag></ListQueueTagsResult>',
    ),
  );
  const sources = serializeResponse(
    'query',
    'ListDeadLetterSourceQueues',
    { queueUrls: ['u'] },
    requestId,
  ).body.toString();
  assert.ok(
    sources.includes(
      '<ListDeadLetterSourceQueuesResult><QueueUrl>u</QueueUrl></ListDeadLetterSourceQueuesResult>',
    ),
  );
  const tasks = serializeResponse(
    'query',
    'ListMessageMoveTasks',
    {
      Results: [
        { Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 3, StartedTimestamp: 1700000000000 },
      ],
    },
    requestId,
  ).body.toString();
  assert.ok(
    tasks.includes(
      '<ListMessageMoveTasksResult><ListMessageMoveTasksResultEntry><Status>RUNNING</Status><ApproximateNumberOfMessagesMoved>3</ApproximateNumberOfMessagesMoved><StartedTimestamp>1700000000000</StartedTimestamp></ListMessageMoveTasksResultEntry></ListMessageMoveTasksResult>',
    ),
  );
});

const special = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\u{1f600}',
  '\u00e9',
  '\u007f',
);
/** Bodies that pass validation, with the characters JSON escapes mixed in. */
const validBody = fc
  .array(fc.oneof(fc.string({ unit: 'binary' }), special), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((body) => findInvalidCharacter(body) === -1);

test('a body that passes validation is quoted exactly as JSON.stringify quotes it', () => {
  fc.assert(
    fc.property(validBody, (body) => {
      assert.equal(quoteValidatedBody(body), JSON.stringify(body));
    }),
    { numRuns: 2000 },
  );
});

test('JSON ReceiveMessage parses to the same document JSON.stringify would write, with or without bodies and attributes', () => {
  const message = fc.record(
    {
      MessageId: fc.uuid(),
      ReceiptHandle: fc.string({ minLength: 1, maxLength: 60 }),
      MD5OfBody: fc
        .uint8Array({ minLength: 16, maxLength: 16 })
        .map((bytes) => Buffer.from(bytes).toString('hex')),
      // Long and short bodies: the long ones are quoted apart (bodiesWorthQuotingApart).
      Body: fc
        .tuple(validBody, fc.boolean())
        .map(([body, long]) => (long ? `${body}${'x'.repeat(300)}` : body)),
      Attributes: fc.dictionary(fc.constantFrom('SenderId', 'SentTimestamp'), fc.string()),
      MessageAttributes: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.oneof(
          fc.record({ DataType: fc.constant('String'), StringValue: fc.string() }),
          fc.record({
            DataType: fc.constant('Binary'),
            BinaryValue: fc.uint8Array({ maxLength: 16 }).map((bytes) => Buffer.from(bytes)),
          }),
        ),
      ),
    },
    { requiredKeys: ['MessageId'] },
  );
  fc.assert(
    fc.property(fc.option(fc.array(message, { maxLength: 10 }), { nil: undefined }), (messages) => {
      const output = messages === undefined ? {} : { Messages: messages as Message[] };
      const text = serializeResponse('json', 'ReceiveMessage', output, requestId).body;
      const expected = JSON.stringify(output, (_key, value: unknown) =>
        value !== null &&
        typeof value === 'object' &&
        (value as { type?: unknown }).type === 'Buffer'
          ? Buffer.from((value as { data: number[] }).data).toString('base64')
          : value,
      );
      assert.deepEqual(JSON.parse(text), JSON.parse(expected));
    }),
    { numRuns: 300 },
  );
});

test('JSON batch results are exactly what JSON.stringify writes, for valid Ids, any other Id and any failure message', () => {
  const hex = fc
    .uint8Array({ minLength: 16, maxLength: 16 })
    .map((bytes) => Buffer.from(bytes).toString('hex'));
  const nameCharacters = fc.constantFrom(...'aZ09-_');
  const id = fc.oneof(
    fc.string({ unit: nameCharacters, minLength: 1, maxLength: 80 }),
    // Validation refuses these before any action runs; the writer must not trust it.
    fc.string({ unit: 'binary', maxLength: 12 }),
  );
  const sent = fc.record(
    {
      Id: id,
      MessageId: fc.uuid(),
      MD5OfMessageBody: hex,
      MD5OfMessageAttributes: hex,
      MD5OfMessageSystemAttributes: hex,
      SequenceNumber: fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
    },
    { requiredKeys: ['Id', 'MessageId', 'MD5OfMessageBody'] },
  );
  const failed = fc.record({
    Id: id,
    SenderFault: fc.boolean(),
    Code: fc.string(),
    Message: fc.string({ unit: 'binary' }),
  });
  const batch = (successful: fc.Arbitrary<object>) =>
    fc.record({
      Successful: fc.array(successful, { maxLength: 10 }),
      Failed: fc.array(failed, { maxLength: 3 }),
    });
  const cases = fc.oneof(
    fc.tuple(fc.constant('SendMessageBatch' as const), batch(sent)),
    fc.tuple(fc.constant('DeleteMessageBatch' as const), batch(fc.record({ Id: id }))),
    fc.tuple(fc.constant('ChangeMessageVisibilityBatch' as const), batch(fc.record({ Id: id }))),
  );
  fc.assert(
    fc.property(cases, ([action, output]) => {
      const text = serializeResponse('json', action, output as never, requestId).body;
      assert.equal(text, JSON.stringify(output));
    }),
    { numRuns: 2000 },
  );
});
