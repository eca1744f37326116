/**
 * `sluice bench --workers N`: the same phases as runBench, from N worker threads at once, for
 * when one thread's SDK client is the limit (it is near 2,000 sends a second on one core of the
 * project's machine). Each worker gets an equal share of the concurrency and of the latency
 * samples; the counts of moved messages are shared, so the drain stops when all threads together
 * have drained what all of them sent.
 */
import { Worker } from 'node:worker_threads';
import { cliLimits, systemClock } from '@sluice/core';
import {
  measured,
  mergePhases,
  movedCounts,
  type BenchOptions,
  type BenchProgress,
  type BenchResult,
  type PhaseResult,
} from './bench-phases.js';

/** What a worker starts with (structured-cloned; the counts' buffer is shared). */
export interface WorkerSetup {
  endpoint: string;
  region: string;
  environment: Record<string, string | undefined>;
  queueUrl: string;
  options: BenchOptions;
  counts: SharedArrayBuffer;
  sampleCountMax: number;
}

export type ToWorker = { kind: 'send' } | { kind: 'drain'; target: number };
type FromWorker = { kind: 'ready' } | { kind: 'done'; result: PhaseResult; samples: Float64Array };

export interface WorkerConnection {
  endpoint: string;
  region: string;
  environment: NodeJS.ProcessEnv;
}

/** Splits `total` into `parts` shares as equal as whole numbers allow, larger ones first. */
export function shares(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0),
  );
}

export async function runBenchInWorkers(
  connection: WorkerConnection,
  queueUrl: string,
  options: BenchOptions,
  onProgress?: BenchProgress,
): Promise<BenchResult> {
  const counts = movedCounts(true);
  const sampleCountMax = Math.floor(cliLimits.benchLatencySampleCountMax / options.workers);
  const threads = shares(options.concurrency, options.workers).map((concurrency) => {
    const setup: WorkerSetup = {
      endpoint: connection.endpoint,
      region: connection.region,
      environment: { ...connection.environment },
      queueUrl,
      options: { ...options, concurrency },
      counts: counts.buffer as SharedArrayBuffer,
      sampleCountMax,
    };
    return new BenchThread(
      new Worker(new URL('./bench-worker.js', import.meta.url), { workerData: setup }),
    );
  });
  try {
    await Promise.all(threads.map((thread) => thread.next('ready')));
    const phase = async (message: ToWorker): Promise<PhaseResult> => {
      const done = threads.map((thread) => thread.next('done'));
      for (const thread of threads) thread.worker.postMessage(message);
      return mergePhases(await Promise.all(done));
    };
    const send = await measured(
      'send',
      counts,
      () => phase({ kind: 'send' }),
      onProgress,
      systemClock,
    );
    const result: BenchResult = { queueUrl, options, send };
    if (options.drain) {
      const target = send.messages;
      result.drain = await measured(
        'drain',
        counts,
        () => phase({ kind: 'drain', target }),
        onProgress,
        systemClock,
      );
    }
    return result;
  } finally {
    // Also mid-phase (a worker failed): the others stop at once instead of loading on.
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}

/** A worker and the messages it sends back, awaited one at a time; a crash rejects the wait. */
class BenchThread {
  #waiting: { kind: string; resolve: (message: never) => void; reject: (error: Error) => void }[] =
    [];
  #failure: Error | undefined;

  constructor(readonly worker: Worker) {
    worker.on('message', (message: FromWorker) => {
      const waiter = this.#waiting.shift();
      if (waiter === undefined || waiter.kind !== message.kind) {
        this.#fail(new Error(`bench worker: unexpected ${message.kind}`));
        return;
      }
      waiter.resolve(message as never);
    });
    worker.on('error', (error) => this.#fail(error));
    worker.once('exit', () => this.#fail(new Error('bench worker exited')));
  }

  next(kind: 'ready'): Promise<{ kind: 'ready' }>;
  next(kind: 'done'): Promise<{ kind: 'done'; result: PhaseResult; samples: Float64Array }>;
  next(kind: FromWorker['kind']): Promise<FromWorker> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ kind, resolve, reject });
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#failure);
  }
}
