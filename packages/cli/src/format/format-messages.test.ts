import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReceivedMessages, type ReceivedMessage } from './format-messages.js';

const message: ReceivedMessage = {
  messageId: 'm-1',
  receiptHandle: 'r-1',
  body: 'line one\nline two',
  md5OfBody: 'ignored',
  attributes: {
    SentTimestamp: '1700000000000',
    ApproximateReceiveCount: '2',
    MessageGroupId: 'g1',
  },
  messageAttributes: {
    trace: { dataType: 'String', stringValue: 'abc' },
    blob: { dataType: 'Binary', binaryValue: 'AAEC' },
  },
};

test('a received message prints as aligned key: value lines, attributes by name, body last', () => {
  assert.equal(
    formatReceivedMessages([message]),
    [
      'MessageId:    m-1',
      'Sent:         2023-11-14T22:13:20Z',
      'ReceiveCount: 2',
      'Group:        g1',
      'Attribute:    blob=base64:AAEC (Binary)',
      'Attribute:    trace=abc (String)',
      'Body:         line one\\nline two',
      '',
    ].join('\n'),
  );
});

test('several messages are separated by a blank line; none is a sentence', () => {
  const bare = { ...message, attributes: {}, messageAttributes: {} };
  assert.equal(
    formatReceivedMessages([bare, { ...bare, messageId: 'm-2', body: 'b' }]),
    'MessageId: m-1\nBody:      line one\\nline two\n\nMessageId: m-2\nBody:      b\n',
  );
  assert.equal(formatReceivedMessages([]), 'no messages\n');
});
