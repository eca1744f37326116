import { availableParallelism } from 'node:os';
import { cliLimits, sqsLimits, systemClock } from '@sluice/core';
import { booleanFlag, integerFlag } from '../arguments.js';
import { UsageError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { resolveQueueUrl } from '../queue-reference.js';
import type { OutputStream } from '../cli-context.js';
import {
  batchEntryCount,
  runBench,
  type BenchOptions,
  type BenchProgress,
  type BenchResult,
  type PhaseResult,
} from './bench-phases.js';
import { runBenchInWorkers } from './bench-workers.js';

const number = (value: number): string =>
  Math.round(value).toLocaleString('en-US', { maximumFractionDigits: 0 });
const milliseconds = (value: number): string => value.toFixed(value < 10 ? 2 : 1);

/**
 * Progress on a terminal's stderr: one line, rewritten each second while a phase runs, cleared
 * before the result. Nothing when stderr is not a terminal (a pipe or a log gets the result).
 */
function progressLine(
  stderr: OutputStream,
): { report: BenchProgress; clear: () => void } | undefined {
  if ((stderr as { isTTY?: boolean }).isTTY !== true) return undefined;
  return {
    report: (phase, seconds, messages) =>
      stderr.write(
        `\r\x1b[K${phase} ${seconds.toFixed(0)} s: ${number(messages)} messages, ` +
          `${number(messages / Math.max(seconds, 1e-9))} msg/s`,
      ),
    clear: () => stderr.write('\r\x1b[K'),
  };
}

/** Past this share of the cores its threads could use busy, the client is what was measured. */
const clientBoundCpuShare = 0.9;

function formatPhase(name: string, phase: PhaseResult, workers: number, cores: number): string {
  const { p50, p99, max } = phase.latencyMs;
  const errors = phase.errors === 0 ? '' : `, ${phase.errors} errors (first: ${phase.firstError})`;
  const cpu = phase.clientCpuPercent;
  const client =
    cpu === undefined
      ? ''
      : `  client CPU: ${cpu.toFixed(0)}% of a core` +
        (cpu >= 100 * Math.min(workers, cores) * clientBoundCpuShare
          ? ` (the client was the limit: more --workers, on a machine with cores to spare)\n`
          : '\n');
  return (
    `${name}: ${number(phase.messages)} messages in ${phase.elapsedSeconds.toFixed(1)} s = ` +
    `${number(phase.messagesPerSecond)} msg/s${errors}\n` +
    `  request latency ms: p50 ${milliseconds(p50)}  p99 ${milliseconds(p99)}  max ${milliseconds(max)}\n` +
    client
  );
}

/**
 * The result as text. `cores`: how many this process may run on (os.availableParallelism, which
 * follows the CPU affinity), to tell whether the client's threads were short of CPU.
 */
export function formatBench(result: BenchResult, cores = availableParallelism()): string {
  const { options } = result;
  const what = options.batch ? `SendMessageBatch of ${batchEntryCount}` : 'SendMessage';
  const threads = options.workers === 1 ? '' : ` from ${options.workers} workers`;
  const header =
    `${result.queueUrl}: ${what}, ${options.messageBytes} B bodies, ` +
    `${options.concurrency} requests in flight${threads}, ${options.durationSeconds} s\n`;
  const drain =
    result.drain === undefined
      ? ''
      : formatPhase(
          'drain (ReceiveMessage 10 + DeleteMessageBatch)',
          result.drain,
          options.workers,
          cores,
        );
  return header + formatPhase('send', result.send, options.workers, cores) + drain;
}

export const benchCommand: Command = {
  words: ['bench'],
  summary: 'measure send (and drain) throughput and latency against a queue',
  positionals: [{ name: 'QUEUE', description: 'queue name or URL (use a queue of its own)' }],
  flags: {
    duration: { type: 'string', value: 'S', description: 'seconds of sending (default 10)' },
    concurrency: { type: 'string', value: 'N', description: 'requests in flight (default 16)' },
    size: { type: 'string', value: 'BYTES', description: 'message body size (default 1024)' },
    batch: { type: 'boolean', description: 'send with SendMessageBatch of 10' },
    workers: {
      type: 'string',
      value: 'N',
      description: 'threads to load from, each with its own client (default 1)',
    },
    'no-drain': { type: 'boolean', description: 'leave the sent messages in the queue' },
    ...clientFlags,
  },
  examples: [
    'sluice queue create bench && sluice bench bench',
    'sluice bench bench --batch --concurrency 64 --duration 30 --json',
    'sluice bench bench --workers 4 --concurrency 64',
  ],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const { flags } = invocation;
      const options: BenchOptions = {
        durationSeconds:
          integerFlag(flags, 'duration', {
            minimum: 1,
            maximum: cliLimits.benchDurationSecondsMax,
          }) ?? 10,
        concurrency:
          integerFlag(flags, 'concurrency', {
            minimum: 1,
            maximum: cliLimits.benchConcurrencyMax,
          }) ?? 16,
        messageBytes:
          integerFlag(flags, 'size', { minimum: 1, maximum: sqsLimits.messageBytesMax }) ?? 1024,
        batch: booleanFlag(flags, 'batch'),
        drain: !booleanFlag(flags, 'no-drain'),
        workers:
          integerFlag(flags, 'workers', { minimum: 1, maximum: cliLimits.benchWorkersMax }) ?? 1,
      };
      if (options.workers > options.concurrency) {
        throw new UsageError('--workers must be at most --concurrency (each keeps one request)');
      }
      const batchBodyBytesMax = Math.floor(sqsLimits.batchRequestBytesMax / batchEntryCount);
      if (options.batch && options.messageBytes > batchBodyBytesMax) {
        throw new UsageError(
          `--size must be at most ${batchBodyBytesMax} with --batch (a batch is 1 MiB at most)`,
        );
      }
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'QUEUE'));
      const progress = progressLine(invocation.context.stderr);
      const run = (): Promise<BenchResult> =>
        options.workers === 1
          ? runBench(sqs, queueUrl, options, systemClock, progress?.report)
          : runBenchInWorkers(
              {
                endpoint: session.endpoint,
                region: session.region,
                environment: invocation.context.environment,
              },
              queueUrl,
              options,
              progress?.report,
            );
      let result: BenchResult;
      try {
        result = await run();
      } finally {
        progress?.clear();
      }
      session.print(result, () => formatBench(result));
      const failed = result.send.errors > 0 || (result.drain?.errors ?? 0) > 0;
      return failed ? exitCodes.failed : exitCodes.ok;
    }),
};
