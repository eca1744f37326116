import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatQueueAttributes, formatQueueList, queueNameFromUrl } from './format-queues.js';

test('a queue name is the last path segment of its URL', () => {
  assert.equal(queueNameFromUrl('http://127.0.0.1:9324/000000000000/orders'), 'orders');
  assert.equal(
    queueNameFromUrl('https://sqs.us-east-1.amazonaws.com/123456789012/a.fifo/'),
    'a.fifo',
  );
  assert.equal(queueNameFromUrl('http://h/000000000000/q?x=1'), 'q');
});

test('queue list prints a NAME / URL table, or a sentence when empty', () => {
  assert.equal(
    formatQueueList([
      { name: 'orders', url: 'http://h/0/orders' },
      { name: 'a', url: 'http://h/0/a' },
    ]),
    'NAME    URL\norders  http://h/0/orders\na       http://h/0/a\n',
  );
  assert.equal(formatQueueList([]), 'no queues\n');
});

test('queue attributes print sorted by name with values aligned', () => {
  assert.equal(
    formatQueueAttributes({ VisibilityTimeout: '30', DelaySeconds: '0', FifoQueue: 'true' }),
    'DelaySeconds:      0\nFifoQueue:         true\nVisibilityTimeout: 30\n',
  );
});
