import { cliLimits, sqsLimits, systemClock, type Clock } from '@sluice/core';
import { booleanFlag, integerFlag } from '../arguments.js';
import { UsageError, exitCodes } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, positional, type Command } from '../command.js';
import { resolveQueueUrl } from '../queue-reference.js';
import type { Sqs } from '../sqs-client.js';

export interface BenchOptions {
  durationSeconds: number;
  /** Requests in flight at once (closed loop: each starts when its previous one is answered). */
  concurrency: number;
  messageBytes: number;
  /** SendMessageBatch of 10 instead of SendMessage. */
  batch: boolean;
  /** Receive and delete what was sent afterwards. */
  drain: boolean;
}

export interface PhaseResult {
  messages: number;
  requests: number;
  errors: number;
  firstError?: string;
  elapsedSeconds: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
}

export interface BenchResult {
  queueUrl: string;
  options: BenchOptions;
  send: PhaseResult;
  drain?: PhaseResult;
}

const batchEntryCount = sqsLimits.batchEntryCountMax;
const drainWaitSeconds = 1;

/** Request latencies of one phase, bounded (cliLimits.benchLatencySampleCountMax). */
export class LatencySamples {
  #samples = new Float64Array(1024);
  #count = 0;

  record(latencyMs: number): void {
    if (this.#count === this.#samples.length) {
      if (this.#count >= cliLimits.benchLatencySampleCountMax) return;
      const grown = new Float64Array(
        Math.min(this.#count * 2, cliLimits.benchLatencySampleCountMax),
      );
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#count++] = latencyMs;
  }

  /** Nearest-rank percentiles (p50 is the middle sample); zeros when nothing was recorded. */
  summary(): PhaseResult['latencyMs'] {
    if (this.#count === 0) return { p50: 0, p99: 0, max: 0 };
    const sorted = this.#samples.slice(0, this.#count).sort();
    const at = (percent: number): number =>
      sorted[Math.min(this.#count - 1, Math.ceil((percent / 100) * this.#count) - 1)] as number;
    return { p50: at(50), p99: at(99), max: sorted[this.#count - 1] as number };
  }
}

/** Counts and timings of one phase, shared by its concurrent loops. */
class Phase {
  readonly samples = new LatencySamples();
  messages = 0;
  requests = 0;
  errors = 0;
  firstError: string | undefined;
  readonly startedAtMs: number;

  constructor(private readonly clock: Clock) {
    this.startedAtMs = clock.monotonicMs();
  }

  /** Runs one request, timing it; returns how many messages it moved, 0 on error. */
  async time(request: () => Promise<number>): Promise<number> {
    const beginMs = this.clock.monotonicMs();
    try {
      const moved = await request();
      this.samples.record(this.clock.monotonicMs() - beginMs);
      this.requests += 1;
      this.messages += moved;
      return moved;
    } catch (error) {
      this.errors += 1;
      this.firstError ??=
        error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return 0;
    }
  }

  result(): PhaseResult {
    const elapsedSeconds = Math.max(1e-9, (this.clock.monotonicMs() - this.startedAtMs) / 1000);
    return {
      messages: this.messages,
      requests: this.requests,
      errors: this.errors,
      ...(this.firstError === undefined ? {} : { firstError: this.firstError }),
      elapsedSeconds,
      messagesPerSecond: this.messages / elapsedSeconds,
      latencyMs: this.samples.summary(),
    };
  }
}

function sendRequest(sqs: Sqs, queueUrl: string, options: BenchOptions): () => Promise<number> {
  const body = 'x'.repeat(options.messageBytes);
  if (!options.batch) {
    const input = { QueueUrl: queueUrl, MessageBody: body };
    return () => sqs.client.send(new sqs.sdk.SendMessageCommand(input)).then(() => 1);
  }
  const Entries = Array.from({ length: batchEntryCount }, (_, index) => ({
    Id: `m${index}`,
    MessageBody: body,
  }));
  return async () => {
    const output = await sqs.client.send(
      new sqs.sdk.SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }),
    );
    return output.Successful?.length ?? 0;
  };
}

/** One ReceiveMessage (up to 10, long-polling) and one DeleteMessageBatch of what came back. */
function drainRequest(sqs: Sqs, queueUrl: string): () => Promise<number> {
  return async () => {
    const { Messages = [] } = await sqs.client.send(
      new sqs.sdk.ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: sqsLimits.receiveCountMax,
        WaitTimeSeconds: drainWaitSeconds,
      }),
    );
    if (Messages.length === 0) return 0;
    await sqs.client.send(
      new sqs.sdk.DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: `d${index}`,
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
    return Messages.length;
  };
}

/**
 * Closed-loop load against one queue: `concurrency` loops send for `durationSeconds`; then, with
 * `drain`, as many loops receive and delete until every sent message is gone, a receive comes
 * back empty after all were counted, or the same duration passes again.
 */
export async function runBench(
  sqs: Sqs,
  queueUrl: string,
  options: BenchOptions,
  clock: Clock = systemClock,
): Promise<BenchResult> {
  const loops = (phase: Phase, request: () => Promise<number>, more: (moved: number) => boolean) =>
    Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (more(await phase.time(request)));
      }),
    );
  const send = new Phase(clock);
  const sendEndMs = send.startedAtMs + options.durationSeconds * 1000;
  await loops(send, sendRequest(sqs, queueUrl, options), () => clock.monotonicMs() < sendEndMs);
  const result: BenchResult = { queueUrl, options, send: send.result() };
  if (!options.drain) return result;
  const drain = new Phase(clock);
  const drainEndMs = drain.startedAtMs + options.durationSeconds * 1000;
  await loops(
    drain,
    drainRequest(sqs, queueUrl),
    (moved) =>
      drain.messages < send.messages &&
      (moved > 0 || drain.errors > 0) &&
      clock.monotonicMs() < drainEndMs,
  );
  result.drain = drain.result();
  return result;
}

const number = (value: number): string =>
  Math.round(value).toLocaleString('en-US', { maximumFractionDigits: 0 });
const milliseconds = (value: number): string => value.toFixed(value < 10 ? 2 : 1);

function formatPhase(name: string, phase: PhaseResult): string {
  const { p50, p99, max } = phase.latencyMs;
  const errors = phase.errors === 0 ? '' : `, ${phase.errors} errors (first: ${phase.firstError})`;
  return (
    `${name}: ${number(phase.messages)} messages in ${phase.elapsedSeconds.toFixed(1)} s = ` +
    `${number(phase.messagesPerSecond)} msg/s${errors}\n` +
    `  request latency ms: p50 ${milliseconds(p50)}  p99 ${milliseconds(p99)}  max ${milliseconds(max)}\n`
  );
}

export function formatBench(result: BenchResult): string {
  const { options } = result;
  const what = options.batch ? `SendMessageBatch of ${batchEntryCount}` : 'SendMessage';
  const header =
    `${result.queueUrl}: ${what}, ${options.messageBytes} B bodies, ` +
    `${options.concurrency} requests in flight, ${options.durationSeconds} s\n`;
  const drain =
    result.drain === undefined
      ? ''
      : formatPhase('drain (ReceiveMessage 10 + DeleteMessageBatch)', result.drain);
  return header + formatPhase('send', result.send) + drain;
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
    'no-drain': { type: 'boolean', description: 'leave the sent messages in the queue' },
    ...clientFlags,
  },
  examples: [
    'sluice queue create bench && sluice bench bench',
    'sluice bench bench --batch --concurrency 64 --duration 30 --json',
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
      };
      const batchBodyBytesMax = Math.floor(sqsLimits.batchRequestBytesMax / batchEntryCount);
      if (options.batch && options.messageBytes > batchBodyBytesMax) {
        throw new UsageError(
          `--size must be at most ${batchBodyBytesMax} with --batch (a batch is 1 MiB at most)`,
        );
      }
      const sqs = await session.sqs();
      const queueUrl = await resolveQueueUrl(sqs, positional(invocation, 'QUEUE'));
      const result = await runBench(sqs, queueUrl, options);
      session.print(result, () => formatBench(result));
      const failed = result.send.errors > 0 || (result.drain?.errors ?? 0) > 0;
      return failed ? exitCodes.failed : exitCodes.ok;
    }),
};
