/**
 * The phases of `sluice bench` in one thread: closed loops of SDK requests, their counts and
 * latencies, and the CPU the process used meanwhile. bench.ts runs them here or, with
 * --workers, bench-workers.ts runs them in worker threads (bench-worker.ts).
 */
import { cliLimits, sqsLimits, systemClock, type Clock } from '@sluice/core';
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
  /** Threads the load comes from, each with its own SDK client and a share of the concurrency. */
  workers: number;
}

export interface PhaseResult {
  messages: number;
  requests: number;
  errors: number;
  firstError?: string;
  elapsedSeconds: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /**
   * CPU the bench process itself used over the phase, in percent of one core (all its threads):
   * near 100 x workers, the result measures this client rather than the server.
   */
  clientCpuPercent?: number;
}

export interface BenchResult {
  queueUrl: string;
  options: BenchOptions;
  send: PhaseResult;
  drain?: PhaseResult;
}

export const batchEntryCount = sqsLimits.batchEntryCountMax;
const drainWaitSeconds = 1;
/** How often a drain looks whether other threads finished it. */
const drainWatchMs = 50;

/** Request latencies of one phase, bounded (by default cliLimits.benchLatencySampleCountMax). */
export class LatencySamples {
  #samples = new Float64Array(1024);
  #count = 0;

  constructor(readonly countMax: number = cliLimits.benchLatencySampleCountMax) {}

  /** The samples of several threads' phases together (each kept its own share of the bound). */
  static merged(parts: readonly Float64Array[]): LatencySamples {
    const merged = new LatencySamples(Number.MAX_SAFE_INTEGER);
    for (const part of parts) for (const sample of part) merged.record(sample);
    return merged;
  }

  /** The recorded samples, in recording order. */
  values(): Float64Array {
    return this.#samples.slice(0, this.#count);
  }

  record(latencyMs: number): void {
    if (this.#count === this.#samples.length) {
      if (this.#count >= this.countMax) return;
      const grown = new Float64Array(Math.min(this.#count * 2, this.countMax));
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

/**
 * Messages moved so far in the whole bench, by every thread: sent (index 0) and drained (1). A
 * BigInt64Array updated with Atomics, on a SharedArrayBuffer when the load runs in workers.
 */
export type MovedCounts = BigInt64Array;
export const sentIndex = 0;
export const drainedIndex = 1;

export function movedCounts(shared = false): MovedCounts {
  const bytes = 2 * BigInt64Array.BYTES_PER_ELEMENT;
  return new BigInt64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

export function movedSoFar(counts: MovedCounts, index: number): number {
  return Number(Atomics.load(counts, index));
}

/** Counts and timings of one phase in one thread, shared by its concurrent loops. */
export class Phase {
  readonly samples: LatencySamples;
  messages = 0;
  requests = 0;
  errors = 0;
  firstError: string | undefined;
  readonly startedAtMs: number;
  /** When the last request that moved messages was answered. */
  #lastMovedAtMs: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly counts: MovedCounts,
    private readonly countIndex: number,
    sampleCountMax?: number,
  ) {
    this.startedAtMs = clock.monotonicMs();
    this.samples = new LatencySamples(sampleCountMax);
  }

  /**
   * Runs one request, timing it; returns how many messages it moved, 0 on error. A request that
   * answers undefined was called off (the phase ended while it waited): neither counted nor timed.
   */
  async time(request: () => Promise<number | undefined>): Promise<number> {
    const beginMs = this.clock.monotonicMs();
    try {
      const moved = await request();
      if (moved === undefined) return 0;
      const endMs = this.clock.monotonicMs();
      this.samples.record(endMs - beginMs);
      this.requests += 1;
      this.messages += moved;
      if (moved > 0) this.#lastMovedAtMs = endMs;
      Atomics.add(this.counts, this.countIndex, BigInt(moved));
      return moved;
    } catch (error) {
      this.errors += 1;
      this.firstError ??=
        error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return 0;
    }
  }

  /**
   * Throughput counts the time until the last message moved: a drain ends with receives that
   * come back empty or are called off, which is not time spent moving messages.
   */
  result(): PhaseResult {
    const endMs = this.#lastMovedAtMs ?? this.clock.monotonicMs();
    const elapsedSeconds = Math.max(1e-9, (endMs - this.startedAtMs) / 1000);
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

/** One phase of several threads as one: counts added, the longest time, all latencies. */
export function mergePhases(
  parts: readonly { result: PhaseResult; samples: Float64Array }[],
): PhaseResult {
  const messages = parts.reduce((sum, part) => sum + part.result.messages, 0);
  const elapsedSeconds = Math.max(1e-9, ...parts.map((part) => part.result.elapsedSeconds));
  const firstError = parts.find((part) => part.result.firstError !== undefined)?.result.firstError;
  return {
    messages,
    requests: parts.reduce((sum, part) => sum + part.result.requests, 0),
    errors: parts.reduce((sum, part) => sum + part.result.errors, 0),
    ...(firstError === undefined ? {} : { firstError }),
    elapsedSeconds,
    messagesPerSecond: messages / elapsedSeconds,
    latencyMs: LatencySamples.merged(parts.map((part) => part.samples)).summary(),
  };
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

/**
 * One ReceiveMessage (up to 10, long-polling) and one DeleteMessageBatch of what came back. A
 * receive still waiting when `finished` aborts ends with nothing moved (undefined), not an error;
 * a delete is never cut short, since what it deletes was counted as drained.
 */
function drainRequest(
  sqs: Sqs,
  queueUrl: string,
  finished: AbortSignal,
): () => Promise<number | undefined> {
  return async () => {
    let received;
    try {
      received = await sqs.client.send(
        new sqs.sdk.ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: sqsLimits.receiveCountMax,
          WaitTimeSeconds: drainWaitSeconds,
        }),
        { abortSignal: finished },
      );
    } catch (error) {
      if (finished.aborted) return undefined;
      throw error;
    }
    const { Messages = [] } = received;
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

/** `concurrency` closed loops: each sends its next request when its last is answered. */
async function loops(
  concurrency: number,
  phase: Phase,
  request: () => Promise<number | undefined>,
  more: (moved: number) => boolean,
): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more(await phase.time(request)));
    }),
  );
}

/** What one thread's phases run against, and with what. */
export interface PhaseSetting {
  sqs: Sqs;
  queueUrl: string;
  options: BenchOptions;
  counts: MovedCounts;
  clock: Clock;
  /** This thread's share of the latency samples kept. */
  sampleCountMax?: number;
}

/** Sends for `durationSeconds` from `concurrency` loops of this thread. */
export async function sendPhase(setting: PhaseSetting): Promise<Phase> {
  const { sqs, queueUrl, options, counts, clock } = setting;
  const phase = new Phase(clock, counts, sentIndex, setting.sampleCountMax);
  const endMs = phase.startedAtMs + options.durationSeconds * 1000;
  await loops(options.concurrency, phase, sendRequest(sqs, queueUrl, options), () => {
    return clock.monotonicMs() < endMs;
  });
  return phase;
}

/**
 * Receives and deletes from `concurrency` loops of this thread until every thread together has
 * drained `target` messages, a receive comes back empty, or `durationSeconds` pass. Once the
 * target is drained, long polls still waiting are called off (in other threads too, which this
 * thread notices within `drainWatchMs`), so the phase does not wait out their empty seconds.
 */
export async function drainPhase(setting: PhaseSetting, target: number): Promise<Phase> {
  const { sqs, queueUrl, options, counts, clock } = setting;
  const phase = new Phase(clock, counts, drainedIndex, setting.sampleCountMax);
  const endMs = phase.startedAtMs + options.durationSeconds * 1000;
  const finished = new AbortController();
  const finishIfDrained = (): boolean => {
    if (movedSoFar(counts, drainedIndex) < target) return false;
    finished.abort();
    return true;
  };
  const watch = setInterval(finishIfDrained, drainWatchMs).unref();
  try {
    await loops(
      options.concurrency,
      phase,
      drainRequest(sqs, queueUrl, finished.signal),
      (moved) =>
        !finishIfDrained() && (moved > 0 || phase.errors > 0) && clock.monotonicMs() < endMs,
    );
  } finally {
    clearInterval(watch);
  }
  return phase;
}

/** Told once a second while a phase runs: how long it has run and what every thread moved. */
export type BenchProgress = (phase: 'send' | 'drain', seconds: number, messages: number) => void;

/** Runs a phase, measuring the CPU this process used and reporting progress meanwhile. */
export async function measured(
  name: 'send' | 'drain',
  counts: MovedCounts,
  run: () => Promise<PhaseResult>,
  onProgress: BenchProgress | undefined,
  clock: Clock,
): Promise<PhaseResult> {
  const index = name === 'send' ? sentIndex : drainedIndex;
  const startedAtMs = clock.monotonicMs();
  const cpuBefore = process.cpuUsage();
  const timer =
    onProgress === undefined
      ? undefined
      : setInterval(() => {
          const seconds = (clock.monotonicMs() - startedAtMs) / 1000;
          onProgress(name, seconds, movedSoFar(counts, index));
        }, progressIntervalMs);
  try {
    const result = await run();
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = Math.max(1e-6, clock.monotonicMs() - startedAtMs);
    return { ...result, clientCpuPercent: (100 * cpuMs) / wallMs };
  } finally {
    if (timer !== undefined) clearInterval(timer);
  }
}

const progressIntervalMs = 1000;

/**
 * Closed-loop load against one queue from this thread: `concurrency` loops send for
 * `durationSeconds`; then, with `drain`, as many loops receive and delete until every sent
 * message is gone, a receive comes back empty after all were counted, or the same duration
 * passes again. (bench-workers.ts runs the same phases in several threads.)
 */
export async function runBench(
  sqs: Sqs,
  queueUrl: string,
  options: BenchOptions,
  clock: Clock = systemClock,
  onProgress?: BenchProgress,
): Promise<BenchResult> {
  const counts = movedCounts();
  const setting: PhaseSetting = { sqs, queueUrl, options, counts, clock };
  const send = await measured(
    'send',
    counts,
    async () => (await sendPhase(setting)).result(),
    onProgress,
    clock,
  );
  const result: BenchResult = { queueUrl, options, send };
  if (!options.drain) return result;
  result.drain = await measured(
    'drain',
    counts,
    async () => (await drainPhase(setting, send.messages)).result(),
    onProgress,
    clock,
  );
  return result;
}
