import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useStubServer } from '../test-support/stub-session.js';
import { queueAttributesFromFlags } from './queue-create.js';

const { stub, run } = useStubServer();

test('--attribute pairs become CreateQueue attributes, and FIFO adds FifoQueue=true', () => {
  assert.deepEqual(queueAttributesFromFlags(['VisibilityTimeout=60', 'DelaySeconds=5'], false), {
    VisibilityTimeout: '60',
    DelaySeconds: '5',
  });
  assert.deepEqual(queueAttributesFromFlags([], true), { FifoQueue: 'true' });
});

test('a name ending in .fifo creates a FIFO queue without --fifo', async () => {
  const { code, context } = await run([
    'queue',
    'create',
    'orders.fifo',
    '--attribute',
    'ContentBasedDeduplication=true',
  ]);
  assert.equal(code, 0, context.output.stderr);
  assert.deepEqual(stub.calls.at(-1), {
    action: 'CreateQueue',
    input: {
      QueueName: 'orders.fifo',
      Attributes: { ContentBasedDeduplication: 'true', FifoQueue: 'true' },
    },
  });
});

test('--fifo asks for a FIFO queue whatever the name, leaving the name check to the server', async () => {
  await run(['queue', 'create', 'plain', '--fifo']);
  assert.deepEqual(stub.calls.at(-1)?.input, {
    QueueName: 'plain',
    Attributes: { FifoQueue: 'true' },
  });
});

test('queue create --json prints {"queueUrl"}', async () => {
  const { context } = await run(['queue', 'create', 'as-json', '--json']);
  assert.deepEqual(JSON.parse(context.output.stdout), { queueUrl: stub.queueUrl('as-json') });
});
