import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { exitCodes } from './cli-errors.js';
import type { Command, Invocation } from './command.js';
import { clientFlags } from './command.js';
import { main } from './main.js';
import { fakeContext } from './test-support/fake-context.js';

/** A command that records how it was invoked, to test dispatch without a server. */
function recordingCommand(words: string[]): { command: Command; invocations: Invocation[] } {
  const invocations: Invocation[] = [];
  const command: Command = {
    words,
    summary: 'records its invocation',
    positionals: [
      { name: 'QUEUE', description: 'a queue' },
      { name: 'EXTRA', description: 'optional', optional: true },
    ],
    flags: { count: { type: 'string', value: 'N', description: 'count' }, ...clientFlags },
    examples: [],
    run: (invocation) => {
      invocations.push(invocation);
      return Promise.resolve(exitCodes.ok);
    },
  };
  return { command, invocations };
}

test('no command is a usage error (exit 2) that prints the list of commands', async () => {
  const context = fakeContext();
  assert.equal(await main([], context), exitCodes.usage);
  assert.match(context.output.stderr, /^sluice: no command given\n\nUsage: sluice <command>/);
  assert.match(context.output.stderr, /queue create NAME/);
  assert.equal(context.output.stdout, '');
});

test('an unknown command is a usage error (exit 2) naming it', async () => {
  const context = fakeContext();
  assert.equal(await main(['frobnicate', 'now'], context), exitCodes.usage);
  assert.match(context.output.stderr, /^sluice: unknown command "frobnicate"\n/);
});

test('an unknown or missing queue subcommand prints the queue commands (exit 2)', async () => {
  const missing = fakeContext();
  assert.equal(await main(['queue'], missing), exitCodes.usage);
  assert.match(
    missing.output.stderr,
    /^sluice: queue: no command given\n\nUsage: sluice queue <command>/,
  );
  const unknown = fakeContext();
  assert.equal(await main(['queue', 'rename'], unknown), exitCodes.usage);
  assert.match(unknown.output.stderr, /^sluice: unknown command "queue rename"\n/);
  assert.doesNotMatch(unknown.output.stderr, /\bsend QUEUE BODY\b/);
});

test("an unknown flag is a usage error that prints the command's usage line", async () => {
  const context = fakeContext();
  assert.equal(await main(['queue', 'list', '--bogus'], context), exitCodes.usage);
  assert.match(context.output.stderr, /^sluice: Unknown option '--bogus'/);
  assert.match(context.output.stderr, /Usage: sluice queue list \[--prefix P\]/);
});

test('a missing or an extra argument is a usage error naming it', async () => {
  const missing = fakeContext();
  assert.equal(await main(['send', 'orders'], missing), exitCodes.usage);
  assert.match(missing.output.stderr, /^sluice: missing argument BODY\n/);
  const extra = fakeContext();
  assert.equal(await main(['status', 'now'], extra), exitCodes.usage);
  assert.match(extra.output.stderr, /^sluice: unexpected argument "now"\n/);
});

test('a malformed number flag is refused as a usage error before any request', async () => {
  const context = fakeContext({ environment: { SLUICE_ENDPOINT: 'http://127.0.0.1:9' } });
  assert.equal(await main(['receive', 'orders', '--count', '11'], context), exitCodes.usage);
  assert.match(
    context.output.stderr,
    /^sluice: --count must be a whole number from 1 to 10, not "11"\n/,
  );
  assert.match(context.output.stderr, /Usage: sluice receive QUEUE/);
});

test('an endpoint that is not an http URL is a usage error', async () => {
  const context = fakeContext();
  assert.equal(await main(['status', '--endpoint', 'localhost:9324'], context), exitCodes.usage);
  assert.match(context.output.stderr, /is not a URL|must start with http/);
});

test('help for a command is the same from --help and from `sluice help`, exit 0', async () => {
  const fromFlag = fakeContext();
  assert.equal(await main(['send', '--help'], fromFlag), exitCodes.ok);
  const fromHelp = fakeContext();
  assert.equal(await main(['help', 'send'], fromHelp), exitCodes.ok);
  assert.equal(fromFlag.output.stdout, fromHelp.output.stdout);
  assert.match(fromFlag.output.stdout, /^Usage: sluice send QUEUE BODY \[--group G\]/);
  assert.match(fromFlag.output.stdout, /--attribute K=V +message attribute.*\(repeatable\)/);
});

test('general help lists commands, shared flags and exit codes', async () => {
  for (const argumentsList of [['help'], ['--help']]) {
    const context = fakeContext();
    assert.equal(await main(argumentsList, context), exitCodes.ok);
    assert.match(context.output.stdout, /Commands:\n {2}serve /);
    assert.match(context.output.stdout, /--endpoint URL/);
    assert.match(
      context.output.stdout,
      /Exit codes:\n {2}0 +success\n {2}1 .*\n {2}2 .*\n {2}3 +cannot connect/,
    );
  }
});

test('--version prints the package version', async () => {
  const context = fakeContext();
  assert.equal(await main(['--version'], context), exitCodes.ok);
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  assert.equal(context.output.stdout, `${manifest.version}\n`);
});

test('flags may come before the command words and positionals bind by name', async () => {
  const { command, invocations } = recordingCommand(['queue', 'poke']);
  const context = fakeContext();
  const code = await main(['--count', '3', 'queue', 'poke', 'orders', '--json'], context, [
    command,
  ]);
  assert.equal(code, exitCodes.ok, context.output.stderr);
  assert.deepEqual(invocations[0]?.positionals, { QUEUE: 'orders' });
  assert.equal(invocations[0]?.flags['count'], '3');
  assert.equal(invocations[0]?.flags['json'], true);
});

test('an optional positional binds when given and is absent otherwise', async () => {
  const { command, invocations } = recordingCommand(['poke']);
  await main(['poke', 'a', 'b'], fakeContext(), [command]);
  await main(['poke', 'a'], fakeContext(), [command]);
  assert.deepEqual(
    invocations.map((invocation) => invocation.positionals),
    [{ QUEUE: 'a', EXTRA: 'b' }, { QUEUE: 'a' }],
  );
});

test('a command that throws something unexpected exits 1 with its message', async () => {
  const command: Command = {
    words: ['explode'],
    summary: 'fails',
    positionals: [],
    flags: {},
    examples: [],
    run: () => Promise.reject(new Error('kaboom')),
  };
  const context = fakeContext();
  assert.equal(await main(['explode'], context, [command]), exitCodes.failed);
  assert.equal(context.output.stderr, 'sluice: kaboom\n');
});

test('`sluice help queue` prints the queue commands and exits 0', async () => {
  const context = fakeContext();
  assert.equal(await main(['help', 'queue'], context), exitCodes.ok);
  assert.match(context.output.stdout, /^Usage: sluice queue <command>/);
  assert.match(context.output.stdout, /queue purge NAME/);
});
