import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePeekDocument, parseStatusDocument } from './admin-documents.js';
import { CommandError } from './cli-errors.js';

const validStatus = {
  version: '0.1.0',
  uptimeSeconds: 5,
  dataDirectory: '/d',
  queues: [
    {
      name: 'q',
      url: 'http://h/0/q',
      fifo: false,
      visible: 1,
      inflight: 0,
      delayed: 0,
      oldestAgeSeconds: 3,
    },
    { name: 'e', url: 'http://h/0/e', fifo: true, visible: 0, inflight: 0, delayed: 0 },
  ],
  storage: { logBytes: 10, segmentCount: 1 },
  futureField: 'ignored',
};

test('a well-formed status document parses, an absent oldest age reading as null', () => {
  const status = parseStatusDocument(validStatus);
  assert.equal(status.queues[0]?.oldestAgeSeconds, 3);
  assert.equal(status.queues[1]?.oldestAgeSeconds, null);
  assert.equal(status.storage.segmentCount, 1);
});

test('a malformed status document is a CommandError naming the bad field', () => {
  const broken = { ...validStatus, queues: [{ ...validStatus.queues[0], visible: '1' }] };
  assert.throws(
    () => parseStatusDocument(broken),
    (error) =>
      error instanceof CommandError &&
      error.message.includes('status.queues[0].visible is not a number'),
  );
  assert.throws(() => parseStatusDocument([]), /status is not an object/);
  assert.throws(
    () => parseStatusDocument({ ...validStatus, storage: null }),
    /status.storage is not an object/,
  );
});

test('a peek document parses, accepting SentTimestamp as a number or a digit string', () => {
  const peek = parsePeekDocument({
    messages: [
      { messageId: 'a', body: 'x', sentTimestamp: 5, receiveCount: 0 },
      {
        messageId: 'b',
        body: 'y',
        sentTimestamp: '6',
        receiveCount: 1,
        messageGroupId: 'g',
        messageAttributes: {},
      },
    ],
  });
  assert.deepEqual(
    peek.messages.map((message) => [message.sentTimestamp, message.messageGroupId]),
    [
      [5, undefined],
      [6, 'g'],
    ],
  );
});

test('a peek message without a body is refused', () => {
  assert.throws(
    () => parsePeekDocument({ messages: [{ messageId: 'a', sentTimestamp: 1, receiveCount: 0 }] }),
    /peek.messages\[0\].body is not a string/,
  );
});
