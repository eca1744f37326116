import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitCodes } from '../cli-errors.js';
import { useStubServer } from '../test-support/stub-session.js';

/** queue attributes, purge and delete: each resolves NAME (or takes a URL) and reports. */
const { stub, run } = useStubServer();

test('queue attributes prints every attribute sorted, asking for All', async () => {
  await run([
    'queue',
    'create',
    'attributed',
    '--attribute',
    'VisibilityTimeout=60',
    '--attribute',
    'DelaySeconds=0',
  ]);
  const { code, context } = await run(['queue', 'attributes', 'attributed']);
  assert.equal(code, 0, context.output.stderr);
  assert.equal(context.output.stdout, 'DelaySeconds:      0\nVisibilityTimeout: 60\n');
  assert.deepEqual(stub.calls.at(-1)?.input, {
    QueueUrl: stub.queueUrl('attributed'),
    AttributeNames: ['All'],
  });
});

test('a queue URL argument is used as is, without a GetQueueUrl lookup', async () => {
  await run(['queue', 'create', 'by-url']);
  const before = stub.calls.length;
  const { code, context } = await run(['queue', 'attributes', stub.queueUrl('by-url'), '--json']);
  assert.equal(code, 0, context.output.stderr);
  assert.deepEqual(
    stub.calls.slice(before).map((call) => call.action),
    ['GetQueueAttributes'],
  );
  assert.deepEqual(JSON.parse(context.output.stdout), {
    queueUrl: stub.queueUrl('by-url'),
    attributes: {},
  });
});

test('queue purge empties the queue and says which one', async () => {
  await run(['queue', 'create', 'purged']);
  await run(['send', 'purged', 'x']);
  const { code, context } = await run(['queue', 'purge', 'purged']);
  assert.equal(code, 0, context.output.stderr);
  assert.equal(context.output.stdout, `purged ${stub.queueUrl('purged')}\n`);
  assert.equal(stub.queues.get('purged')?.messages.length, 0);
});

test('queue delete removes the queue; deleting it again is QueueDoesNotExist, exit 1', async () => {
  await run(['queue', 'create', 'deleted']);
  const first = await run(['queue', 'delete', 'deleted', '--json']);
  assert.deepEqual(JSON.parse(first.context.output.stdout), {
    queueUrl: stub.queueUrl('deleted'),
    deleted: true,
  });
  assert.equal(stub.queues.has('deleted'), false);
  const second = await run(['queue', 'delete', 'deleted']);
  assert.equal(second.code, exitCodes.failed);
  assert.equal(
    second.context.output.stderr,
    'sluice: QueueDoesNotExist: The specified queue does not exist.\n',
  );
});
