import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { defaultServerConfig, silentLogger, startServer, type RunningServer } from '@sluice/server';
import { main } from '../main.js';
import { fakeContext } from '../test-support/fake-context.js';
import { formatBench, LatencySamples, type BenchResult } from './bench.js';

let server: RunningServer;
let dataDirectory: string;

before(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  server = await startServer(
    { ...defaultServerConfig, port: 0, dataDirectory, shutdownGraceMs: 100 },
    { logger: silentLogger },
  );
});

after(async () => {
  await server.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function run(argumentsList: string[]): Promise<{ code: number; stdout: string }> {
  const context = fakeContext({ environment: { SLUICE_ENDPOINT: server.url } });
  const code = await main(argumentsList, context);
  assert.equal(context.output.stderr, '', context.output.stderr);
  return { code, stdout: context.output.stdout };
}

async function visibleCount(queue: string): Promise<number> {
  const { stdout } = await run(['queue', 'attributes', queue, '--json']);
  const { attributes } = JSON.parse(stdout) as { attributes: Record<string, string> };
  return Number(attributes['ApproximateNumberOfMessages']);
}

test('bench sends for the duration, then receives and deletes exactly what it sent', async () => {
  await run(['queue', 'create', 'bench-drain']);
  const { code, stdout } = await run([
    'bench',
    'bench-drain',
    '--duration',
    '1',
    '--concurrency',
    '4',
    '--size',
    '100',
    '--json',
  ]);
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as BenchResult;
  assert.ok(result.send.messages > 0, 'sent something');
  assert.equal(result.send.errors, 0);
  assert.equal(result.drain?.messages, result.send.messages);
  assert.ok(
    result.send.latencyMs.p50 > 0 && result.send.latencyMs.p50 <= result.send.latencyMs.max,
  );
  assert.equal(await visibleCount('bench-drain'), 0);
});

test('bench --batch --no-drain leaves every sent message, ten per request, in the queue', async () => {
  await run(['queue', 'create', 'bench-keep']);
  const { code, stdout } = await run([
    'bench',
    'bench-keep',
    '--duration',
    '1',
    '--concurrency',
    '2',
    '--batch',
    '--no-drain',
    '--json',
  ]);
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as BenchResult;
  assert.equal(result.drain, undefined);
  assert.equal(result.send.messages, result.send.requests * 10);
  assert.equal(await visibleCount('bench-keep'), result.send.messages);
});

test('bench refuses a --size whose batch of ten would exceed the 1 MiB request limit', async () => {
  await run(['queue', 'create', 'bench-big']);
  const context = fakeContext({ environment: { SLUICE_ENDPOINT: server.url } });
  const code = await main(['bench', 'bench-big', '--batch', '--size', '200000'], context);
  assert.equal(code, 2);
  assert.match(context.output.stderr, /--size must be at most 104857 with --batch/);
  assert.equal(await visibleCount('bench-big'), 0);
});

test('latency samples report nearest-rank p50, p99 and max of what was recorded', () => {
  const samples = new LatencySamples();
  assert.deepEqual(samples.summary(), { p50: 0, p99: 0, max: 0 });
  for (let value = 200; value >= 1; value--) samples.record(value);
  assert.deepEqual(samples.summary(), { p50: 100, p99: 198, max: 200 });
});

test('the text report names the request kind and gives throughput and latency per phase', () => {
  const phase = {
    messages: 12_000,
    requests: 1_200,
    errors: 0,
    elapsedSeconds: 2,
    messagesPerSecond: 6_000,
    latencyMs: { p50: 1.5, p99: 12.25, max: 40 },
  };
  const text = formatBench({
    queueUrl: 'http://host/000000000000/q',
    options: { durationSeconds: 2, concurrency: 8, messageBytes: 1024, batch: true, drain: true },
    send: phase,
    drain: { ...phase, errors: 1, firstError: 'Timeout: slow' },
  });
  assert.match(text, /SendMessageBatch of 10, 1024 B bodies, 8 requests in flight, 2 s/);
  assert.match(text, /send: 12,000 messages in 2\.0 s = 6,000 msg\/s\n/);
  assert.match(text, /p50 1\.50 {2}p99 12\.3 {2}max 40\.0/);
  assert.match(text, /drain .*6,000 msg\/s, 1 errors \(first: Timeout: slow\)/);
});
