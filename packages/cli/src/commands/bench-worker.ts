/**
 * One thread of `sluice bench --workers N`: its own SDK client, its share of the concurrency.
 * It connects, says it is ready, then runs each phase the parent asks for and answers with the
 * phase's counts and latency samples (bench-workers.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '@sluice/core';
import { connectSqs } from '../sqs-client.js';
import {
  drainPhase,
  sendPhase,
  type BenchOptions,
  type MovedCounts,
  type PhaseSetting,
} from './bench-phases.js';
import type { ToWorker, WorkerSetup } from './bench-workers.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('bench-worker.js runs as a worker thread');
const counts: MovedCounts = new BigInt64Array(setup.counts);
const options: BenchOptions = setup.options;
const sqs = await connectSqs({
  endpoint: setup.endpoint,
  region: setup.region,
  environment: setup.environment,
});
const setting: PhaseSetting = {
  sqs,
  queueUrl: setup.queueUrl,
  options,
  counts,
  clock: systemClock,
  sampleCountMax: setup.sampleCountMax,
};
// The parent terminates this thread when it is done with it.
port.on('message', (message: ToWorker) => {
  const phase = message.kind === 'send' ? sendPhase(setting) : drainPhase(setting, message.target);
  void phase.then((done) => {
    const samples = done.samples.values();
    port.postMessage({ kind: 'done', result: done.result(), samples }, [
      samples.buffer as ArrayBuffer,
    ]);
  });
});
port.postMessage({ kind: 'ready' });
