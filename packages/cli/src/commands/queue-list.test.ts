import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stubListPageSize } from '../test-support/stub-sluice-server.js';
import { useStubServer } from '../test-support/stub-session.js';

const { stub, run } = useStubServer();

test('queue list asks for full pages and follows NextToken until the last page', async () => {
  const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
  for (const name of names) await run(['queue', 'create', name]);
  const { code, context } = await run(['queue', 'list', '--json']);
  assert.equal(code, 0, context.output.stderr);
  const document = JSON.parse(context.output.stdout) as { queues: { name: string }[] };
  assert.deepEqual(
    document.queues.map((queue) => queue.name),
    names,
  );
  const listCalls = stub.calls.filter((call) => call.action === 'ListQueues');
  assert.equal(listCalls.length, Math.ceil(names.length / stubListPageSize));
  assert.equal(listCalls[0]?.input['MaxResults'], 1000);
  assert.equal(listCalls[1]?.input['NextToken'], String(stubListPageSize));
});

test('queue list --prefix passes the prefix and an empty result says "no queues"', async () => {
  const { context } = await run(['queue', 'list', '--prefix', 'zzz']);
  assert.equal(context.output.stdout, 'no queues\n');
  assert.equal(stub.calls.at(-1)?.input['QueueNamePrefix'], 'zzz');
});
