import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQueueArn, buildQueueUrl, parseQueueArn, parseQueueUrl } from './queue-address.js';
import { assertSqsError } from './test-assertions.js';

const account = '000000000000';

test('queue URLs are <endpoint>/<account>/<name> and ARNs arn:aws:sqs:<region>:<account>:<name>', () => {
  assert.equal(
    buildQueueUrl('http://127.0.0.1:9324', account, 'jobs'),
    `http://127.0.0.1:9324/${account}/jobs`,
  );
  assert.equal(
    buildQueueUrl('http://localhost:9324/', account, 'jobs'),
    `http://localhost:9324/${account}/jobs`,
  );
  assert.equal(
    buildQueueArn('us-east-1', account, 'jobs.fifo'),
    `arn:aws:sqs:us-east-1:${account}:jobs.fifo`,
  );
});

test('a queue URL names the same queue whatever host the client used to reach us', () => {
  const expected = { accountId: account, queueName: 'jobs' };
  for (const url of [
    `http://localhost:9324/${account}/jobs`,
    `http://127.0.0.1:9324/${account}/jobs`,
    `https://sqs.us-east-1.amazonaws.com/${account}/jobs`,
    `https://queue.amazonaws.com/${account}/jobs/`,
    `sqs.eu-west-1.amazonaws.com/${account}/jobs`,
    `http://lb.internal/queue/us-east-1/${account}/jobs`,
    `http://[::1]:9324/${account}/jobs?ignored=1`,
    `/${account}/jobs`,
  ]) {
    assert.deepEqual(parseQueueUrl(url), expected, url);
  }
  assert.deepEqual(parseQueueUrl(`http://h/${account}/orders.fifo`), {
    accountId: account,
    queueName: 'orders.fifo',
  });
});

test('a URL that cannot name a queue is InvalidAddress, worded as SQS does', () => {
  for (const url of [
    '',
    'jobs',
    'http://localhost:9324',
    'http://localhost:9324/',
    `http://localhost:9324/jobs`,
    'http://localhost:9324/12345/jobs',
    `http://localhost:9324/${account}/bad name`,
    `http://localhost:9324/${account}/${'a'.repeat(81)}`,
  ]) {
    assertSqsError(
      () => parseQueueUrl(url),
      'InvalidAddress',
      `The address ${url} is not valid for this endpoint.`,
    );
  }
});

test('queue ARNs parse into partition, region, account and name; anything else is refused', () => {
  assert.deepEqual(parseQueueArn(`arn:aws:sqs:us-east-1:${account}:dlq`), {
    partition: 'aws',
    region: 'us-east-1',
    accountId: account,
    queueName: 'dlq',
  });
  for (const arn of [
    'arn:aws:sqs:us-east-1:000000000000',
    `arn:aws:sns:us-east-1:${account}:dlq`,
    `arn:aws:sqs::${account}:dlq`,
    `arn:aws:sqs:us-east-1:1234:dlq`,
    `arn:aws:sqs:us-east-1:${account}:bad/name`,
    `urn:aws:sqs:us-east-1:${account}:dlq`,
  ]) {
    assert.equal(parseQueueArn(arn), undefined, arn);
  }
});
