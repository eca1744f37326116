import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultServerConfig, serverNodeOptions, type ServerConfig } from '@sluice/server';
import { exitCodes } from '../cli-errors.js';
import { main } from '../main.js';
import { fakeContext, type FakeContext } from '../test-support/fake-context.js';
import { serveCommand, startServerFrom, type ServerApi } from './serve.js';

/** Stands in for @sluice/server's ConfigError. */
class FakeConfigError extends Error {}

const baseConfig: ServerConfig = {
  ...defaultServerConfig,
  dataDirectory: '/abs/data',
  shutdownGraceMs: 0,
};

/** A fake server API that records the flags it resolved and whether the server was stopped. */
function fakeServerApi(options: { configError?: string } = {}) {
  const record = { resolvedWith: [] as unknown[], started: 0, stopped: 0 };
  const api: ServerApi = {
    resolveServerConfig: (input) => {
      record.resolvedWith.push(input);
      if (options.configError !== undefined) throw new FakeConfigError(options.configError);
      return baseConfig;
    },
    isConfigError: (error): error is Error => error instanceof FakeConfigError,
    startServer: () => {
      record.started += 1;
      return Promise.resolve({
        url: 'http://127.0.0.1:9324',
        stop: () => {
          record.stopped += 1;
          return Promise.resolve();
        },
      });
    },
  };
  return { api, record };
}

/**
 * Runs `sluice serve` in-process; resolves (to the promise of its exit code, wrapped so it is not
 * awaited) once it has printed
 * its listening line, so the test can send signals.
 */
async function startServe(
  context: FakeContext,
  api: ServerApi,
): Promise<{ exit: Promise<number> }> {
  const exit = main(['serve'], context, [serveCommand(() => Promise.resolve(api))]);
  while (!context.output.stdout.includes('listening') && context.output.stderr === '') {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { exit };
}

test('serve prints one listening line with the URL and data directory, then stops on SIGTERM', async () => {
  const { api, record } = fakeServerApi();
  const context = fakeContext();
  const { exit } = await startServe(context, api);
  assert.equal(
    context.output.stdout,
    'sluice listening on http://127.0.0.1:9324 (data: /abs/data)\n',
  );
  assert.equal(record.stopped, 0);
  context.raise('SIGTERM');
  assert.equal(await exit, exitCodes.ok);
  assert.match(context.output.stdout, /\nstopping\n$/);
  assert.equal(record.stopped, 1);
  assert.deepEqual(context.exitCodes, []);
  assert.equal(context.listenerCount('SIGTERM') + context.listenerCount('SIGINT'), 0);
});

test('a second signal while the server drains exits at once with 128 + the signal number', async () => {
  const { api } = fakeServerApi();
  let finishStop = (): void => undefined;
  api.startServer = () =>
    Promise.resolve({
      url: 'http://127.0.0.1:1',
      stop: () => new Promise<void>((resolve) => (finishStop = resolve)),
    });
  const context = fakeContext();
  const { exit } = await startServe(context, api);
  context.raise('SIGINT');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(context.exitCodes, []);
  context.raise('SIGINT');
  assert.deepEqual(context.exitCodes, [130]);
  finishStop();
  assert.equal(await exit, exitCodes.ok);
});

test('serve passes its flags to resolveServerConfig, and SLUICE_CONFIG when --config is absent', async () => {
  const { api, record } = fakeServerApi({ configError: 'stop here' });
  const environment = { SLUICE_CONFIG: '/etc/sluice.json' };
  const argumentsList = [
    '--host',
    '0.0.0.0',
    '--port',
    '9500',
    '--data-dir',
    'd',
    '--config',
    'f.json',
  ];
  await main(['serve', ...argumentsList], fakeContext({ environment }), [
    serveCommand(() => Promise.resolve(api)),
  ]);
  await main(['serve'], fakeContext({ environment }), [serveCommand(() => Promise.resolve(api))]);
  assert.deepEqual(record.resolvedWith, [
    {
      flags: { host: '0.0.0.0', port: 9500, dataDirectory: 'd' },
      environment,
      configFile: 'f.json',
    },
    {
      flags: {},
      environment,
      configFile: '/etc/sluice.json',
    },
  ]);
});

test('a --port that is not all digits reaches the config check as NaN instead of a partial number', async () => {
  const { api, record } = fakeServerApi({ configError: 'port must be an integer' });
  await main(['serve', '--port', '12abc'], fakeContext(), [
    serveCommand(() => Promise.resolve(api)),
  ]);
  const input = record.resolvedWith[0] as { flags: { port: number } };
  assert.ok(Number.isNaN(input.flags.port));
});

test('a ConfigError exits 2 with "sluice: ConfigError: <message>" and starts nothing', async () => {
  const { api, record } = fakeServerApi({
    configError: 'port must be an integer from 0 to 65535, not 70000',
  });
  const context = fakeContext();
  const code = await main(['serve', '--port', '70000'], context, [
    serveCommand(() => Promise.resolve(api)),
  ]);
  assert.equal(code, exitCodes.usage);
  assert.match(
    context.output.stderr,
    /^sluice: ConfigError: port must be an integer from 0 to 65535, not 70000\n/,
  );
  assert.equal(record.started, 0);
});

test('startServer failing with a ConfigError exits 2, with anything else exits 1', async () => {
  for (const [error, expected] of [
    [new FakeConfigError('data directory is not writable'), exitCodes.usage],
    [
      Object.assign(new Error('listen EADDRINUSE: address already in use'), { code: 'EADDRINUSE' }),
      exitCodes.failed,
    ],
  ] as const) {
    const { api } = fakeServerApi();
    api.startServer = () => Promise.reject(error);
    const context = fakeContext();
    assert.equal(
      await main(['serve'], context, [serveCommand(() => Promise.resolve(api))]),
      expected,
    );
    assert.ok(context.output.stderr.includes(error.message), context.output.stderr);
    assert.equal(context.listenerCount('SIGTERM'), 0);
  }
});

test('a server module without startServer is a clear error; with one, it is returned', () => {
  assert.throws(
    () => startServerFrom({ resolveServerConfig: () => undefined }),
    /has no startServer/,
  );
  const startServer = (): Promise<never> => Promise.reject(new Error('unused'));
  assert.equal(startServerFrom({ startServer }), startServer);
});

test('the help shows the command line for a server under load, with the node options of @sluice/server', () => {
  const expected = `node ${serverNodeOptions.join(' ')} "$(command -v sluice)" serve`;
  assert.ok(
    serveCommand().examples.some((example) => example.startsWith(expected)),
    `no example starts with ${expected}`,
  );
});
