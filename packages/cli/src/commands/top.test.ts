import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { defaultServerConfig, silentLogger, startServer, type RunningServer } from '@sluice/server';
import { main } from '../main.js';
import { fakeContext } from '../test-support/fake-context.js';
import { formatOverviewFrame, parseOverviewDocument, type OverviewView } from './top.js';

/** Polls `condition` until it holds (no fixed sleeps); fails after timeoutMs. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let server: RunningServer;
let dataDirectory: string;

before(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-top-'));
  server = await startServer(
    { ...defaultServerConfig, port: 0, dataDirectory, shutdownGraceMs: 100 },
    { logger: silentLogger },
  );
});

after(async () => {
  await server.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const overview: OverviewView = {
  server: {
    version: '1.2.3',
    uptimeSeconds: 3723,
    openConnections: 4,
    rssBytes: 64 * 1024 * 1024,
    logBytes: 2048,
    segmentCount: 1,
    eventLoopDelayP99Ms: 1.25,
    fsyncMeanMs: 0.5,
    fsyncMaxMs: 2,
  },
  queues: [
    {
      name: 'small',
      fifo: false,
      visible: 1,
      inflight: 0,
      delayed: 0,
      oldestAgeSeconds: 5,
      sentPerSecond: 0,
      receivedPerSecond: 0,
    },
    {
      name: 'deep.fifo',
      fifo: true,
      visible: 900,
      inflight: 12,
      delayed: 3,
      oldestAgeSeconds: 125,
      sentPerSecond: 42.4,
      receivedPerSecond: 1.5,
    },
    {
      name: 'empty',
      fifo: false,
      visible: 0,
      inflight: 0,
      delayed: 0,
      oldestAgeSeconds: 0,
      sentPerSecond: 0,
      receivedPerSecond: 0,
    },
  ],
};

test('a top frame has the server line with totals, queues deepest first with rates, and the vitals', () => {
  const frame = formatOverviewFrame('http://sluice:9324', overview);
  const lines = frame.split('\n');
  assert.equal(
    lines[0],
    'sluice 1.2.3 at http://sluice:9324  up 1h 2m  3 queues  visible 901  in flight 12  sent 42  received 1.5',
  );
  assert.match(lines[2] ?? '', /^NAME +VISIBLE +IN FLIGHT +DELAYED +OLDEST +SENT\/S +RECV\/S$/);
  assert.match(lines[3] ?? '', /^deep\.fifo \(fifo\) +900 +12 +3 +2m 5s +42 +1\.5$/);
  assert.match(lines[4] ?? '', /^small +1 +0 +0 +5s +0 +0$/);
  assert.match(lines[5] ?? '', /^empty +0 +0 +0 +- +0 +0$/);
  assert.match(frame, /\nfsync: +mean 0\.50 ms, max 2\.00 ms\n/);
  assert.match(frame, /\nevent loop p99: +1\.3 ms\n/);
});

test('a malformed overview answer is refused with the field it lacks', () => {
  assert.throws(
    () => parseOverviewDocument({ server: {}, queues: [] }),
    /overview\.server\.memory/,
  );
});

test('top without a terminal prints one frame of the live server and exits 0', async () => {
  const create = fakeContext();
  assert.equal(await main(['queue', 'create', 'top-watched', '--endpoint', server.url], create), 0);
  assert.equal(await main(['send', 'top-watched', 'hello', '--endpoint', server.url], create), 0);
  const context = fakeContext();
  const code = await main(['top', '--endpoint', server.url], context);
  assert.equal(code, 0, context.output.stderr);
  assert.match(context.output.stdout, /\ntop-watched +1 +0 +0 +\d+s +/);
  assert.ok(!context.output.stdout.includes('\u001b'), 'no terminal control sequences in a pipe');
});

test('top on a terminal redraws until q is pressed and then restores the cursor', async () => {
  const keys = new PassThrough();
  const context = fakeContext();
  const stdout = context.stdout;
  Object.assign(stdout, { isTTY: true });
  Object.assign(context, { stdin: keys });
  const running = main(['top', '--endpoint', server.url, '--interval', '0.5'], context);
  await waitFor(() => context.output.stdout.split('\u001b[2J').length > 2);
  keys.write('q');
  assert.equal(await running, 0, context.output.stderr);
  assert.match(context.output.stdout, /top-watched/);
  assert.ok(context.output.stdout.endsWith('\u001b[?25h'), 'the cursor is shown again');
});

test('top --interval outside 0.5 to 60 seconds is a usage error', async () => {
  assert.equal(await main(['top', '--interval', '0.1'], fakeContext()), 2);
});
