import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Prng, testSeed } from '@sluice/core';
import { startTestServer, type TestServer } from '../testing/test-server.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function send(
  url: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
  },
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers: options.headers ?? {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const json = (
  action: string,
  body: unknown,
): { headers: Record<string, string>; body: string } => ({
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const form = (body: string): { headers: Record<string, string>; body: string } => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body,
});

describe('bad input over real HTTP gets the exact SQS error, never a 500, a hang or a crash', () => {
  let harness: TestServer;
  let queueUrl: string;
  before(async () => {
    harness = await startTestServer();
    const created = await send(harness.server.url, json('CreateQueue', { QueueName: 'target' }));
    queueUrl = (JSON.parse(created.body) as { QueueUrl: string }).QueueUrl;
  });
  after(async () => harness.close());

  const jsonError = (response: RawResponse): { type: string; queryError: string | undefined } => ({
    type: (JSON.parse(response.body) as { __type: string }).__type,
    queryError: response.headers['x-amzn-query-error'] as string | undefined,
  });

  test('malformed JSON is a SerializationException-style 400 with the query error header', async () => {
    const response = await send(harness.server.url, json('SendMessage', '{"QueueUrl": '));
    assert.equal(response.status, 400);
    assert.ok(jsonError(response).type.length > 0);
    assert.ok(response.headers['x-amzn-query-error'] !== undefined);
  });

  test('an unknown JSON action is refused as an unknown operation', async () => {
    const response = await send(harness.server.url, json('FlyToTheMoon', {}));
    assert.equal(response.status, 400);
    assert.match(jsonError(response).type, /UnknownOperation|InvalidAction/);
  });

  test('an unknown Query action is InvalidAction in an XML ErrorResponse', async () => {
    const response = await send(harness.server.url, form('Action=FlyToTheMoon&Version=2012-11-05'));
    assert.equal(response.status, 400);
    assert.match(response.body, /<ErrorResponse[\s\S]*<Code>InvalidAction<\/Code>/);
  });

  test('a missing required parameter is MissingParameter on both protocols', async () => {
    const jsonResponse = await send(
      harness.server.url,
      json('SendMessage', { QueueUrl: queueUrl }),
    );
    assert.equal(jsonResponse.status, 400);
    assert.match(jsonError(jsonResponse).queryError ?? '', /^MissingParameter;Sender/);
    const queryResponse = await send(
      harness.server.url,
      form(`Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}`),
    );
    assert.match(queryResponse.body, /<Code>MissingParameter<\/Code>/);
  });

  test('a mistyped parameter (string for an integer) is a 400, not a crash', async () => {
    const response = await send(
      harness.server.url,
      json('ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 'ten' }),
    );
    assert.equal(response.status, 400);
  });

  test('a message body with a character SQS forbids is InvalidMessageContents', async () => {
    const response = await send(
      harness.server.url,
      json('SendMessage', { QueueUrl: queueUrl, MessageBody: 'bad \u0001 char' }),
    );
    assert.equal(response.status, 400);
    assert.match(jsonError(response).queryError ?? '', /^InvalidMessageContents;/);
  });

  test('a message over 1 MiB is refused and a body over the request limit is refused before it is buffered', async () => {
    const big = await send(
      harness.server.url,
      json('SendMessage', { QueueUrl: queueUrl, MessageBody: 'x'.repeat(1024 * 1024 + 1) }),
    );
    assert.equal(big.status, 400);
    assert.match(jsonError(big).queryError ?? '', /^InvalidParameterValue;/);
    const huge = await send(harness.server.url, json('SendMessage', 'x'.repeat(9 * 1024 * 1024)));
    assert.equal(huge.status, 413);
  });

  test('a queue URL that names no queue is QueueDoesNotExist; one that is not a URL at all is InvalidAddress', async () => {
    const missing = await send(
      harness.server.url,
      json('SendMessage', {
        QueueUrl: `${harness.server.url}/000000000000/ghost`,
        MessageBody: 'x',
      }),
    );
    assert.match(
      jsonError(missing).queryError ?? '',
      /^AWS\.SimpleQueueService\.NonExistentQueue;Sender/,
    );
    const garbage = await send(
      harness.server.url,
      json('SendMessage', { QueueUrl: '::not a url::', MessageBody: 'x' }),
    );
    // SQS's model gives InvalidAddress HTTP 404.
    assert.equal(garbage.status, 404);
    assert.match(jsonError(garbage).queryError ?? '', /^InvalidAddress;Sender/);
  });

  test('a forged receipt handle is ReceiptHandleIsInvalid (HTTP 404, as in the SQS model)', async () => {
    const response = await send(
      harness.server.url,
      json('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: 'AAAAforgedAAAA' }),
    );
    assert.equal(response.status, 404);
    assert.match(jsonError(response).queryError ?? '', /^ReceiptHandleIsInvalid;/);
  });

  test('a DeleteMessageBatch of malformed and forged handles fails each entry as ReceiptHandleIsInvalid', async () => {
    const handles = [
      '',
      'x',
      'A'.repeat(10_000),
      `${'A'.repeat(49)}Q`,
      `${'A'.repeat(49)}B`,
      `${'é'.repeat(50)}`,
      `${'+'.repeat(49)}Q`,
      'AgAAAAEAAAAAP_AAAAAAAAAAAAABFbm70l9JniO_eSL57mn6jQ',
    ];
    const response = await send(
      harness.server.url,
      json('DeleteMessageBatch', {
        QueueUrl: queueUrl,
        Entries: handles.map((ReceiptHandle, index) => ({ Id: `e${index}`, ReceiptHandle })),
      }),
    );
    assert.equal(response.status, 200, response.body);
    const answer = JSON.parse(response.body) as {
      Successful: unknown[];
      Failed: { Id: string; Code: string; SenderFault: boolean }[];
    };
    assert.deepEqual(answer.Successful, []);
    assert.deepEqual(
      answer.Failed.map((entry) => [entry.Id, entry.Code, entry.SenderFault]),
      handles.map((_, index) => [`e${index}`, 'ReceiptHandleIsInvalid', true]),
    );
  });

  test('fuzz: random bodies, headers and actions never produce a 5xx and the server keeps serving', async () => {
    const seed = testSeed(424242);
    console.log(`bad-input fuzz seed ${seed}`);
    const prng = new Prng(seed);
    const actions = [
      'SendMessage',
      'ReceiveMessage',
      'DeleteMessage',
      'CreateQueue',
      'SendMessageBatch',
      'GetQueueAttributes',
      'ChangeMessageVisibilityBatch',
      'DeleteMessageBatch',
      'ListQueues',
      'Nope',
    ];
    const fragments = [
      '{',
      '}',
      '"QueueUrl":',
      `"${queueUrl}"`,
      '"Entries":[',
      ']',
      '"MessageBody":"',
      '\\u0000',
      '"Attributes":{',
      ',',
      '1e309',
      'null',
      '[[[[',
      '"Id":"a"',
      '"ReceiptHandle":"x"',
      // The length and alphabet of a genuine handle, with a MAC that cannot match.
      `"ReceiptHandle":"${'A'.repeat(49)}Q"`,
      ':',
      '\u{1F600}',
      '"MaxNumberOfMessages":11',
    ];
    for (let round = 0; round < 300; round++) {
      const action = prng.pick(actions);
      const useQuery = prng.nextInt(0, 3) === 0;
      let body: string;
      if (useQuery) {
        body = Array.from(
          { length: prng.nextInt(0, 8) },
          () =>
            `${prng.pick(['Action', 'QueueUrl', 'MessageBody', 'Entries.1.Id', 'Attribute.1.Name', 'AttributeName.1', '%zz', 'MaxNumberOfMessages'])}=${encodeURIComponent(prng.pick(fragments))}`,
        ).join('&');
        body = `Action=${action}&${body}`;
      } else {
        body = Array.from({ length: prng.nextInt(0, 12) }, () => prng.pick(fragments)).join('');
      }
      const response = await send(harness.server.url, useQuery ? form(body) : json(action, body));
      assert.ok(
        response.status < 500,
        `round ${round} (${action}): status ${response.status} for ${JSON.stringify(body)}: ${response.body}`,
      );
    }
    const alive = await send(harness.server.url, json('ListQueues', {}));
    assert.equal(alive.status, 200);
  });
});
