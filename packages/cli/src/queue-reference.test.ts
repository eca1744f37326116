import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from './cli-errors.js';
import { isQueueUrl, queueAddress } from './queue-reference.js';

test('http and https URLs are queue URLs; anything else is a queue name', () => {
  assert.equal(isQueueUrl('http://127.0.0.1:9324/000000000000/orders'), true);
  assert.equal(isQueueUrl('HTTPS://sqs.us-east-1.amazonaws.com/1/q'), true);
  assert.equal(isQueueUrl('orders'), false);
  assert.equal(isQueueUrl('orders.fifo'), false);
});

test('a queue URL yields the account and name in its path; a name takes the default account', () => {
  assert.deepEqual(queueAddress('http://localhost:9324/123456789012/orders.fifo', '000000000000'), {
    accountId: '123456789012',
    name: 'orders.fifo',
  });
  assert.deepEqual(queueAddress('orders', '000000000000'), {
    accountId: '000000000000',
    name: 'orders',
  });
});

test('a URL without an account and a name in its path is a usage error', () => {
  assert.throws(() => queueAddress('http://localhost:9324/orders', '000000000000'), UsageError);
});
