import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { exitCodes } from '../cli-errors.js';
import { useStubServer } from '../test-support/stub-session.js';

const { stub, run } = useStubServer();

test('send passes group, deduplication id, delay and typed attributes to SendMessage', async () => {
  await run(['queue', 'create', 'jobs.fifo']);
  const { code, context } = await run([
    'send',
    'jobs.fifo',
    'payload',
    '--group',
    'g1',
    '--dedup-id',
    'd1',
    '--delay',
    '0',
    '--attribute',
    'kind=report',
    '--attribute',
    'size:Number=12',
  ]);
  assert.equal(code, 0, context.output.stderr);
  assert.deepEqual(stub.calls.at(-1), {
    action: 'SendMessage',
    input: {
      QueueUrl: stub.queueUrl('jobs.fifo'),
      MessageBody: 'payload',
      MessageGroupId: 'g1',
      MessageDeduplicationId: 'd1',
      DelaySeconds: 0,
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'report' },
        size: { DataType: 'Number', StringValue: '12' },
      },
    },
  });
  assert.match(context.output.stdout, /^stub-message-\d+\n$/);
});

test('send - reads the whole body from stdin; --json prints messageId and the body MD5', async () => {
  await run(['queue', 'create', 'piped']);
  const { code, context } = await run(['send', 'piped', '-', '--json'], 'line 1\nline 2\n');
  assert.equal(code, 0, context.output.stderr);
  assert.equal(stub.calls.at(-1)?.input['MessageBody'], 'line 1\nline 2\n');
  const document = JSON.parse(context.output.stdout) as {
    messageId: string;
    md5OfMessageBody: string;
  };
  assert.equal(
    document.md5OfMessageBody,
    createHash('md5').update('line 1\nline 2\n').digest('hex'),
  );
  assert.match(document.messageId, /^stub-message-/);
});

test('a --delay beyond 900 seconds is a usage error and sends nothing', async () => {
  const before = stub.calls.length;
  const { code, context } = await run(['send', 'piped', 'x', '--delay', '901']);
  assert.equal(code, exitCodes.usage);
  assert.match(context.output.stderr, /--delay must be a whole number from 0 to 900/);
  assert.equal(stub.calls.length, before);
});

test('sending to a queue that does not exist exits 1 with QueueDoesNotExist', async () => {
  const { code, context } = await run(['send', 'nowhere', 'x']);
  assert.equal(code, exitCodes.failed);
  assert.equal(
    context.output.stderr,
    'sluice: QueueDoesNotExist: The specified queue does not exist.\n',
  );
});
