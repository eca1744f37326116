import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPeek, peekBodyPreviewLengthMax } from './format-peek.js';

test('peek shows one row per message with its sent time, receive count and body', () => {
  assert.equal(
    formatPeek({
      messages: [
        {
          messageId: 'm-1',
          body: 'hello\nworld',
          sentTimestamp: 1_700_000_000_000,
          receiveCount: 0,
        },
        { messageId: 'm-22', body: '{}', sentTimestamp: 1_700_000_060_000, receiveCount: 12 },
      ],
    }),
    [
      'MESSAGE ID  SENT                  RECEIVES  BODY',
      'm-1         2023-11-14T22:13:20Z         0  hello\\nworld',
      'm-22        2023-11-14T22:14:20Z        12  {}',
      '',
    ].join('\n'),
  );
});

test('peek adds a GROUP column only when some message has a group', () => {
  const text = formatPeek({
    messages: [
      { messageId: 'a', body: 'x', sentTimestamp: 0, receiveCount: 1, messageGroupId: 'g1' },
      { messageId: 'b', body: 'y', sentTimestamp: 0, receiveCount: 1 },
    ],
  });
  assert.match(text, /^MESSAGE ID +SENT +RECEIVES +GROUP +BODY\n/);
  assert.match(text, /\nb .* -  +y\n$/);
});

test('peek cuts long bodies to a one-line preview', () => {
  const body = 'x'.repeat(500);
  const text = formatPeek({
    messages: [{ messageId: 'a', body, sentTimestamp: 0, receiveCount: 0 }],
  });
  const preview = text.split('\n')[1]?.split('  ').at(-1) ?? '';
  assert.equal(Array.from(preview).length, peekBodyPreviewLengthMax);
  assert.ok(preview.endsWith('…'));
});

test('peek of an empty queue says there are no messages', () => {
  assert.equal(formatPeek({ messages: [] }), 'no messages\n');
});
