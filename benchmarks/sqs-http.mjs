// SQS API throughput and latency of `sluice serve` next to a plain node:http POST handler
// measured in the same run, each server pinned to core 0 and the load generator to core 1.
//
//   node benchmarks/sqs-http.mjs [--duration-ms 10000] [--connections 32] [--runs 3]
//
// Prints a JSON document with the median of each measurement over the runs.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad } from './lib/load.mjs';
import { sqsCall, startBaseline, startSluice } from './lib/processes.mjs';

const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '10000' },
    connections: { type: 'string', default: '32' },
    runs: { type: 'string', default: '3' },
  },
});
const durationMs = Number(values['duration-ms']);
const connections = Number(values.connections);
const runs = Number(values.runs);
const scenario = (name) => fileURLToPath(new URL(`./scenarios/${name}.mjs`, import.meta.url));
const serverCore = 0;
const loadCore = 1;

function median(numbers) {
  const sorted = [...numbers].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function latencyRun(spec) {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL('./lib/latency-worker.mjs', import.meta.url)),
      [JSON.stringify(spec)],
      {
        execPath: 'taskset',
        execArgv: ['-c', String(loadCore), process.execPath],
      },
    );
    let result;
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', () =>
      result === undefined ? reject(new Error('latency worker failed')) : resolve(result),
    );
  });
}

async function oneRun() {
  const load = (origin, name, options, extra = {}) =>
    runLoad({
      origin,
      scenarioModule: scenario(name),
      scenarioOptions: options,
      connections,
      durationMs,
      core: loadCore,
      ...extra,
    });
  const baseline = await startBaseline(serverCore);
  const baselinePost = await load(baseline.url, 'send-message', {
    queueUrl: `${baseline.url}/000000000000/q`,
    messageBytes: 1024,
  });
  await baseline.stop();

  const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  const sluice = await startSluice(serverCore, dataDirectory);
  try {
    const { QueueUrl } = await sqsCall(sluice.url, 'CreateQueue', { QueueName: 'bench' });
    const send = await load(sluice.url, 'send-message', { queueUrl: QueueUrl, messageBytes: 1024 });
    const batch = await load(sluice.url, 'send-message-batch', {
      queueUrl: QueueUrl,
      messageBytes: 1024,
    });
    const receiveDelete = await load(sluice.url, 'receive-delete', {
      queueUrl: QueueUrl,
      count: 1,
    });
    const drainBatch = await load(sluice.url, 'receive-delete', {
      queueUrl: QueueUrl,
      count: 10,
      batch: true,
    });
    await sqsCall(sluice.url, 'PurgeQueue', { QueueUrl });
    const latency = await latencyRun({
      origin: sluice.url,
      queueUrl: (await sqsCall(sluice.url, 'CreateQueue', { QueueName: 'latency' })).QueueUrl,
      rate: 1000,
      durationMs,
      consumers: 4,
      connections: 16,
      messageBytes: 1024,
    });
    return { baselinePost, send, batch, receiveDelete, drainBatch, latency };
  } finally {
    await sluice.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

const results = [];
for (let run = 0; run < runs; run++) {
  results.push(await oneRun());
  process.stderr.write(`run ${run + 1}/${runs} done\n`);
}
const pick = (path) => median(results.map((result) => path(result)));
const summary = {
  machine: { cores: 2, node: process.version, serverCore, loadCore, connections, durationMs, runs },
  baselinePostPerSecond: Math.round(pick((result) => result.baselinePost.perSecond)),
  sendMessagePerSecond: Math.round(pick((result) => result.send.perSecond)),
  sendMessageP50Ms: pick((result) => result.send.latencyMicros.p50) / 1000,
  sendMessageP99Ms: pick((result) => result.send.latencyMicros.p99) / 1000,
  sendMessageBatchMessagesPerSecond: Math.round(pick((result) => result.batch.perSecond)),
  receiveDeleteMessagesPerSecond: Math.round(pick((result) => result.receiveDelete.perSecond)),
  receiveDeleteRequestsPerSecond: Math.round(pick((result) => result.receiveDelete.perSecond) * 2),
  drainBatchOf10MessagesPerSecond: Math.round(pick((result) => result.drainBatch.perSecond)),
  latencyAt1000PerSecond: {
    p50Ms: pick((result) => result.latency.latencyMicros.p50) / 1000,
    p99Ms: pick((result) => result.latency.latencyMicros.p99) / 1000,
    p999Ms: pick((result) => result.latency.latencyMicros.p999) / 1000,
    received: pick((result) => result.latency.received),
    sent: pick((result) => result.latency.sent),
  },
  failures: results.reduce(
    (total, result) =>
      total + result.send.failed + result.batch.failed + result.receiveDelete.failed,
    0,
  ),
};
summary.sendToBaselineRatio = Number(
  (summary.sendMessagePerSecond / summary.baselinePostPerSecond).toFixed(2),
);
console.log(JSON.stringify(summary, null, 2));
