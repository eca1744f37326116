import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitCodes } from '../cli-errors.js';
import { useStubServer } from '../test-support/stub-session.js';

const { stub, run } = useStubServer();

test('peek by name asks the admin API for the default account and 10 messages', async () => {
  await run(['queue', 'create', 'watched.fifo']);
  await run(['send', 'watched.fifo', 'a', '--group', 'g1']);
  const { code, context } = await run(['peek', 'watched.fifo']);
  assert.equal(code, 0, context.output.stderr);
  assert.equal(
    stub.requests.at(-1),
    'GET /admin/v1/queues/000000000000/watched.fifo/messages?limit=10',
  );
  assert.match(context.output.stdout, /^MESSAGE ID +SENT +RECEIVES +GROUP +BODY\n.* g1 +a\n$/);
});

test('peek by URL takes the account and name from the URL path', async () => {
  await run(['queue', 'create', 'by-url']);
  await run(['peek', 'http://elsewhere:9324/123456789012/by-url', '--count', '3']);
  assert.equal(stub.requests.at(-1), 'GET /admin/v1/queues/123456789012/by-url/messages?limit=3');
});

test('peek --account must be 12 digits and --count at most 100, both usage errors', async () => {
  assert.equal((await run(['peek', 'q', '--account', '42'])).code, exitCodes.usage);
  assert.equal((await run(['peek', 'q', '--count', '101'])).code, exitCodes.usage);
});

test('peek of a missing queue exits 1 with the admin API error code', async () => {
  const { code, context } = await run(['peek', 'absent']);
  assert.equal(code, exitCodes.failed);
  assert.equal(
    context.output.stderr,
    'sluice: QueueDoesNotExist: The specified queue does not exist.\n',
  );
});

test('peek --json prints the admin API document as the server sent it', async () => {
  await run(['queue', 'create', 'raw']);
  await run(['send', 'raw', 'body']);
  const { context } = await run(['peek', 'raw', '--json']);
  const document = JSON.parse(context.output.stdout) as { messages: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(document.messages[0] ?? {}).sort(), [
    'body',
    'messageId',
    'receiveCount',
    'sentTimestamp',
  ]);
});
