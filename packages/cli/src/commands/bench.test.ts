import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { defaultServerConfig, silentLogger, startServer, type RunningServer } from '@sluice/server';
import { main } from '../main.js';
import { fakeContext } from '../test-support/fake-context.js';
import { ManualClock } from '@sluice/core';
import { formatBench } from './bench.js';
import {
  drainPhase,
  LatencySamples,
  movedCounts,
  Phase,
  type BenchOptions,
  type BenchResult,
} from './bench-phases.js';
import type { Sqs } from '../sqs-client.js';
import { shares } from './bench-workers.js';

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
  const result: BenchResult = {
    queueUrl: 'http://host/000000000000/q',
    options: {
      durationSeconds: 2,
      concurrency: 8,
      messageBytes: 1024,
      batch: true,
      drain: true,
      workers: 2,
    },
    send: { ...phase, clientCpuPercent: 187.4 },
    drain: { ...phase, errors: 1, firstError: 'Timeout: slow', clientCpuPercent: 40 },
  };
  const text = formatBench(result, 4);
  assert.match(
    text,
    /SendMessageBatch of 10, 1024 B bodies, 8 requests in flight from 2 workers, 2 s/,
  );
  assert.match(text, /send: 12,000 messages in 2\.0 s = 6,000 msg\/s\n/);
  assert.match(text, /p50 1\.50 {2}p99 12\.3 {2}max 40\.0/);
  assert.match(text, /drain .*6,000 msg\/s, 1 errors \(first: Timeout: slow\)/);
  // 187% of a core from 2 workers is past 90% of their cores: the client was the limit.
  assert.match(text, /client CPU: 187% of a core \(the client was the limit/);
  assert.match(text, /client CPU: 40% of a core\n/);
  // Two workers pinned to one core are short of CPU at 95%.
  const oneCore = formatBench({ ...result, send: { ...phase, clientCpuPercent: 95 } }, 1);
  assert.match(oneCore, /client CPU: 95% of a core \(the client was the limit/);
  assert.doesNotMatch(
    formatBench({ ...result, send: { ...phase, clientCpuPercent: 95 } }, 4),
    /limit/,
  );
});

test('bench --workers 2 loads from two threads and still drains exactly what they sent together', async () => {
  await run(['queue', 'create', 'bench-workers']);
  const { code, stdout } = await run([
    'bench',
    'bench-workers',
    '--duration',
    '1',
    '--concurrency',
    '5',
    '--workers',
    '2',
    '--size',
    '100',
    '--json',
  ]);
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as BenchResult;
  assert.equal(result.options.workers, 2);
  assert.ok(result.send.messages > 0, 'sent something');
  assert.equal(result.send.errors, 0);
  assert.equal(result.send.requests, result.send.messages);
  assert.equal(result.drain?.messages, result.send.messages);
  assert.ok((result.send.clientCpuPercent ?? 0) > 0, 'client CPU measured');
  assert.equal(await visibleCount('bench-workers'), 0);
});

test('bench refuses more --workers than requests in flight, and past its bound', async () => {
  for (const [workers, concurrency, message] of [
    ['3', '2', /--workers must be at most --concurrency/],
    ['65', '100', /--workers/],
  ] as const) {
    const context = fakeContext({ environment: { SLUICE_ENDPOINT: server.url } });
    const code = await main(
      ['bench', 'bench-none', '--workers', workers, '--concurrency', concurrency],
      context,
    );
    assert.equal(code, 2, context.output.stderr);
    assert.match(context.output.stderr, message);
  }
});

test('on a terminal, bench shows the progress of each phase on stderr once a second and clears it', async () => {
  await run(['queue', 'create', 'bench-progress']);
  const context = fakeContext({ environment: { SLUICE_ENDPOINT: server.url } });
  Object.assign(context.stderr, { isTTY: true });
  const code = await main(
    ['bench', 'bench-progress', '--duration', '2', '--concurrency', '2', '--json'],
    context,
  );
  assert.equal(code, 0);
  // Each line starts by returning the cursor and erasing the line (ESC [ K).
  const erase = '\r\u001b[K';
  assert.match(
    context.output.stderr.split(erase).join('|'),
    /\|send 1 s: [\d,]+ messages, [\d,]+ msg\/s/,
  );
  assert.ok(context.output.stderr.endsWith(erase), 'the progress line is cleared');
  JSON.parse(context.output.stdout);
});

test('concurrency is shared among workers as evenly as whole requests allow', () => {
  assert.deepEqual(shares(5, 2), [3, 2]);
  assert.deepEqual(shares(8, 4), [2, 2, 2, 2]);
  assert.deepEqual(shares(7, 3), [3, 2, 2]);
  assert.deepEqual(shares(1, 1), [1]);
});

test('a phase counts its time until the last message moved, not the empty long polls after it', async () => {
  const clock = new ManualClock(0);
  const counts = movedCounts();
  const phase = new Phase(clock, counts, 1);
  const answer = (moved: number, afterMs: number) => () => {
    clock.advance(afterMs);
    return Promise.resolve(moved);
  };
  await phase.time(answer(10, 100));
  await phase.time(answer(10, 150));
  await phase.time(answer(0, 1000));
  const result = phase.result();
  assert.equal(result.messages, 20);
  assert.equal(result.requests, 3);
  assert.equal(result.elapsedSeconds, 0.25);
  assert.equal(result.messagesPerSecond, 80);
  assert.equal(counts[1], 20n);
});

test(
  'a drain calls off the long polls still waiting once every message is drained',
  { timeout: 10_000 },
  async () => {
    // A fake SDK: the first receive gets ten messages, every later one waits until called off, as
    // a long poll on an empty queue would (here, forever): the phase can only end by the abort.
    let receives = 0;
    let deletes = 0;
    class ReceiveMessageCommand {
      readonly kind = 'receive';
    }
    class DeleteMessageBatchCommand {
      readonly kind = 'delete';
    }
    const client = {
      send(command: { kind: string }, options?: { abortSignal?: AbortSignal }): Promise<unknown> {
        if (command.kind === 'delete') {
          deletes += 1;
          return Promise.resolve({ Successful: [] });
        }
        receives += 1;
        if (receives === 1) {
          const Messages = Array.from({ length: 10 }, (_, index) => ({
            ReceiptHandle: `h${index}`,
          }));
          return Promise.resolve({ Messages });
        }
        return new Promise((_, reject) => {
          options?.abortSignal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
          );
        });
      },
    };
    const sqs = {
      client,
      sdk: { ReceiveMessageCommand, DeleteMessageBatchCommand },
    } as unknown as Sqs;
    const options: BenchOptions = {
      durationSeconds: 60,
      concurrency: 3,
      messageBytes: 10,
      batch: false,
      drain: true,
      workers: 1,
    };
    const counts = movedCounts();
    const clock = new ManualClock(0);
    const phase = await drainPhase({ sqs, queueUrl: 'q', options, counts, clock }, 10);
    const result = phase.result();
    assert.equal(result.messages, 10);
    assert.equal(result.requests, 1, 'the called-off receives are not counted as requests');
    assert.equal(result.errors, 0, 'nor as errors');
    assert.equal(receives, 3);
    assert.equal(deletes, 1);
  },
);
