#!/usr/bin/env node
// Micro-benchmarks of the per-request protocol work (parse, validate, MD5, serialize), on the
// built package. Usage: node packages/protocol/scripts/bench.mjs [rounds]
// Prints the median over `rounds` (default 5) of operations per second for each case.
import {
  md5OfMessageAttributes,
  md5OfMessageBody,
  parseRequest,
  serializeResponse,
  validateRequest,
} from '../dist/index.js';
import { findInvalidCharacter } from '../dist/validate-message.js';

const rounds = Number(process.argv[2] ?? 5);
const queueUrl = 'http://127.0.0.1:9324/000000000000/bench';
const body1k = 'x'.repeat(1000) + 'é✓';
const attributes = {
  trace: { DataType: 'String', StringValue: 'abc-123' },
  count: { DataType: 'Number', StringValue: '42' },
};
const jsonSend = {
  method: 'POST',
  path: '/',
  query: '',
  headers: {
    'x-amz-target': 'AmazonSQS.SendMessage',
    'content-type': 'application/x-amz-json-1.0',
  },
  body: Buffer.from(
    JSON.stringify({ QueueUrl: queueUrl, MessageBody: body1k, MessageAttributes: attributes }),
  ),
};
const querySend = {
  method: 'POST',
  path: '/',
  query: '',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(
    `Action=SendMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=${encodeURIComponent(body1k)}` +
      '&MessageAttribute.1.Name=trace&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=abc-123' +
      '&MessageAttribute.2.Name=count&MessageAttribute.2.Value.DataType=Number&MessageAttribute.2.Value.StringValue=42',
  ),
};
const jsonBatch = {
  ...jsonSend,
  headers: { 'x-amz-target': 'AmazonSQS.SendMessageBatch' },
  body: Buffer.from(
    JSON.stringify({
      QueueUrl: queueUrl,
      Entries: Array.from({ length: 10 }, (_, index) => ({
        Id: `e${index}`,
        MessageBody: body1k,
        MessageAttributes: attributes,
      })),
    }),
  ),
};
const receiveOutput = {
  Messages: Array.from({ length: 10 }, (_, index) => ({
    MessageId: `0b7c7f4e-8d2a-4a5e-9d6b-00000000000${index}`,
    ReceiptHandle: 'AQEB'.padEnd(180, 'r'),
    MD5OfBody: md5OfMessageBody(body1k),
    Body: body1k,
    Attributes: { SentTimestamp: '1700000000000', ApproximateReceiveCount: '1' },
    MD5OfMessageAttributes: md5OfMessageAttributes(attributes),
    MessageAttributes: attributes,
  })),
};
const body1MiB = 'y'.repeat(1024 * 1024);

const cases = {
  'parse JSON SendMessage (1 KiB, 2 attributes)': () => parseRequest(jsonSend),
  'parse Query SendMessage (1 KiB, 2 attributes)': () => parseRequest(querySend),
  'parse+validate JSON SendMessage': () => validateRequest(parseRequest(jsonSend)),
  'parse+validate JSON SendMessageBatch (10 x 1 KiB)': () =>
    validateRequest(parseRequest(jsonBatch)),
  'MD5 of body + attributes (1 KiB)': () => {
    md5OfMessageBody(body1k);
    md5OfMessageAttributes(attributes);
  },
  'serialize JSON SendMessage response': () =>
    serializeResponse(
      'json',
      'SendMessage',
      { MessageId: 'id', MD5OfMessageBody: 'a'.repeat(32) },
      'req',
    ),
  'serialize Query SendMessage response': () =>
    serializeResponse(
      'query',
      'SendMessage',
      { MessageId: 'id', MD5OfMessageBody: 'a'.repeat(32) },
      'req',
    ),
  'serialize JSON ReceiveMessage (10 x 1 KiB)': () =>
    serializeResponse('json', 'ReceiveMessage', receiveOutput, 'req'),
  'serialize Query ReceiveMessage (10 x 1 KiB)': () =>
    serializeResponse('query', 'ReceiveMessage', receiveOutput, 'req'),
  'check characters of a 1 MiB body': () => findInvalidCharacter(body1MiB),
};

function opsPerSecond(run) {
  for (let warm = 0; warm < 200; warm++) run();
  let operations = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  while (elapsedNs < 300_000_000n) {
    for (let index = 0; index < 50; index++) run();
    operations += 50;
    elapsedNs = process.hrtime.bigint() - start;
  }
  return (operations * 1e9) / Number(elapsedNs);
}

for (const [name, run] of Object.entries(cases)) {
  const samples = Array.from({ length: rounds }, () => opsPerSecond(run)).sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `${name.padEnd(52)} ${Math.round(median).toLocaleString('en-US').padStart(12)} ops/s`,
  );
}
