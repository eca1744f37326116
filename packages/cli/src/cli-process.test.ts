/**
 * The real `bin/sluice.js`, run as a child process against a stub server (a test double that
 * speaks the SQS JSON protocol and the admin API; see test-support/stub-sluice-server.ts).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { exitCodes } from './cli-errors.js';
import { runCli } from './test-support/run-cli.js';
import { StubSluiceServer } from './test-support/stub-sluice-server.js';

const stub = new StubSluiceServer();
let environment: NodeJS.ProcessEnv = {};

before(async () => {
  environment = { SLUICE_ENDPOINT: await stub.start() };
});

after(() => stub.stop());

test('queue create prints the new queue URL and exits 0', async () => {
  const run = await runCli(['queue', 'create', 'created'], { environment });
  assert.deepEqual(run, { code: 0, stdout: `${stub.queueUrl('created')}\n`, stderr: '' });
});

test('queue list follows NextToken across pages and prints every queue in a table', async () => {
  for (const name of ['list-a', 'list-b', 'list-c'])
    await runCli(['queue', 'create', name], { environment });
  const run = await runCli(['queue', 'list', '--prefix', 'list-'], { environment });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      'NAME    URL',
      `list-a  ${stub.queueUrl('list-a')}`,
      `list-b  ${stub.queueUrl('list-b')}`,
      `list-c  ${stub.queueUrl('list-c')}`,
      '',
    ].join('\n'),
  );
  assert.ok(stub.requests.filter((action) => action === 'ListQueues').length >= 2, 'paged');
});

test('queue list --json prints one JSON document of names and URLs', async () => {
  const run = await runCli(['queue', 'list', '--prefix', 'list-', '--json'], { environment });
  assert.equal(run.code, 0, run.stderr);
  const document = JSON.parse(run.stdout) as { queues: { name: string; url: string }[] };
  assert.deepEqual(
    document.queues.map((queue) => queue.name),
    ['list-a', 'list-b', 'list-c'],
  );
});

test('send prints the MessageId, and receive prints the message and deletes it', async () => {
  await runCli(['queue', 'create', 'round-trip'], { environment });
  const sent = await runCli(['send', 'round-trip', 'hello world', '--attribute', 'color=red'], {
    environment,
  });
  assert.equal(sent.code, 0, sent.stderr);
  const messageId = sent.stdout.trim();
  assert.match(messageId, /^stub-message-\d+$/);
  const received = await runCli(['receive', 'round-trip'], { environment });
  assert.equal(received.code, 0, received.stderr);
  assert.equal(
    received.stdout,
    [
      `MessageId:    ${messageId}`,
      'Sent:         2023-11-14T22:13:20Z',
      'ReceiveCount: 1',
      'Attribute:    color=red (String)',
      'Body:         hello world',
      '',
    ].join('\n'),
  );
  assert.equal(stub.queues.get('round-trip')?.messages.length, 0, 'deleted after printing');
});

test('send - takes the body from stdin, and receive --json prints it verbatim', async () => {
  await runCli(['queue', 'create', 'from-stdin'], { environment });
  const body = '{\n  "multi": "line"\n}\n';
  const sent = await runCli(['send', 'from-stdin', '-'], { environment, stdinText: body });
  assert.equal(sent.code, 0, sent.stderr);
  const received = await runCli(['receive', 'from-stdin', '--json'], { environment });
  const document = JSON.parse(received.stdout) as {
    messages: { body: string }[];
    deleted: boolean;
  };
  assert.equal(document.messages[0]?.body, body);
  assert.equal(document.deleted, true);
});

test('peek shows messages in a table without consuming them; --json parses', async () => {
  await runCli(['queue', 'create', 'peeked'], { environment });
  await runCli(['send', 'peeked', 'look but do not touch'], { environment });
  const run = await runCli(['peek', 'peeked'], { environment });
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /^MESSAGE ID +SENT +RECEIVES +BODY\nstub-message-\d+ +2023-11-14T22:13:20Z +0 +look but do not touch\n$/,
  );
  const json = await runCli(['peek', 'peeked', '--count', '5', '--json'], { environment });
  assert.equal((JSON.parse(json.stdout) as { messages: unknown[] }).messages.length, 1);
  assert.equal(stub.queues.get('peeked')?.messages.length, 1, 'still there');
  assert.ok(stub.requests.includes('GET /admin/v1/queues/000000000000/peeked/messages?limit=5'));
});

test('status prints the server and a row per queue; --json parses', async () => {
  const run = await runCli(['status'], { environment });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^endpoint: +http:\/\/127\.0\.0\.1:\d+\nversion: +0\.0\.0-stub\n/);
  assert.match(run.stdout, /\nNAME +TYPE +VISIBLE +IN FLIGHT +DELAYED +OLDEST\n/);
  assert.match(run.stdout, /\npeeked +standard +1 +0 +0 +5s\n/);
  const json = await runCli(['status', '--json'], { environment });
  const document = JSON.parse(json.stdout) as { version: string; queues: unknown[] };
  assert.equal(document.version, '0.0.0-stub');
  assert.ok(document.queues.length > 0);
});

test('an SQS error exits 1 and prints its code and message on stderr', async () => {
  const run = await runCli(['queue', 'attributes', 'missing'], { environment });
  assert.deepEqual(run, {
    code: exitCodes.failed,
    stdout: '',
    stderr: 'sluice: QueueDoesNotExist: The specified queue does not exist.\n',
  });
});

test('an unreachable endpoint exits 3 and names the endpoint', async () => {
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  const run = await runCli(['queue', 'list'], { environment: { SLUICE_ENDPOINT: endpoint } });
  assert.equal(run.code, exitCodes.cannotConnect);
  assert.equal(
    run.stderr,
    `sluice: cannot connect to ${endpoint}: connection refused (is \`sluice serve\` running?)\n`,
  );
  const admin = await runCli(['status', '--endpoint', endpoint]);
  assert.equal(admin.code, exitCodes.cannotConnect);
});

test('an unknown command exits 2 and prints usage', async () => {
  const run = await runCli(['frobnicate'], { environment });
  assert.equal(run.code, exitCodes.usage);
  assert.match(run.stderr, /^sluice: unknown command "frobnicate"\n\nUsage: sluice <command>/);
});

test('serve with an invalid port prints a ConfigError and exits 2', async () => {
  const run = await runCli(['serve', '--port', '70000'], { environment: { SLUICE_DATA_DIR: '' } });
  assert.equal(run.code, exitCodes.usage);
  assert.match(run.stderr, /^sluice: ConfigError: port must be .*70000/);
  assert.equal(run.stdout, '');
});

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
