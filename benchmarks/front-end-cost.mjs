// Cost of the front end's duties on the send path: SendMessage through the AWS SDK (which signs
// every request) against `sluice serve` over plain HTTP without credentials (signatures not
// verified), with a credentials file (every SigV4 signature verified), and over HTTPS. Server
// pinned to core 0, load to core 1, each variant in the same run; medians of --runs.
//
//   node benchmarks/front-end-cost.mjs [--duration-ms 8000] [--connections 32] [--runs 3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:https';
import { readFileSync } from 'node:fs';
import { runLoad } from './lib/load.mjs';
import { startSluice } from './lib/processes.mjs';

const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '8000' },
    connections: { type: 'string', default: '32' },
    runs: { type: 'string', default: '3' },
  },
});
const durationMs = Number(values['duration-ms']);
const connections = Number(values.connections);
const runs = Number(values.runs);
const scenario = fileURLToPath(new URL('./scenarios/sdk-send.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sluice-front-end-cost-'));
const key = {
  accessKeyId: 'AKIDBENCHMARK0000001',
  secretAccessKey: 'benchmark-secret-key-0123456789abcdef',
};
writeFileSync(
  join(work, 'credentials.json'),
  JSON.stringify({ accounts: [{ id: '000000000000', admin: true, keys: [key] }] }),
);
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(work, 'key.pem'),
    '-out',
    join(work, 'cert.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ],
  { stdio: 'ignore' },
);

const variants = {
  http: [],
  'http + SigV4 verified': ['--credentials', join(work, 'credentials.json')],
  'https (TLS 1.3)': ['--tls-cert', join(work, 'cert.pem'), '--tls-key', join(work, 'key.pem')],
};

async function measure(name, serverArguments) {
  const dataDirectory = mkdtempSync(join(work, 'data-'));
  const sluice = await startSluice(0, dataDirectory, serverArguments);
  try {
    const caFile = name.startsWith('https') ? join(work, 'cert.pem') : undefined;
    const setupClient = new SQSClient({
      endpoint: sluice.url,
      region: 'us-east-1',
      credentials: key,
      requestHandler: new NodeHttpHandler({
        httpsAgent: new Agent(caFile ? { ca: readFileSync(caFile) } : {}),
      }),
    });
    const { QueueUrl } = await setupClient.send(new CreateQueueCommand({ QueueName: 'cost' }));
    setupClient.destroy();
    return await runLoad({
      origin: sluice.url,
      scenarioModule: scenario,
      scenarioOptions: { endpoint: sluice.url, queueUrl: QueueUrl, caFile, ...key },
      connections,
      durationMs,
      core: 1,
    });
  } finally {
    await sluice.stop();
  }
}

const median = (numbers) =>
  [...numbers].sort((left, right) => left - right)[Math.floor(numbers.length / 2)];
const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
try {
  for (let run = 0; run < runs; run++) {
    for (const [name, serverArguments] of Object.entries(variants)) {
      results[name].push(await measure(name, serverArguments));
    }
    process.stderr.write(`run ${run + 1}/${runs} done\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const baseline = median(results.http.map((result) => result.perSecond));
const summary = Object.fromEntries(
  Object.entries(results).map(([name, list]) => {
    const perSecond = median(list.map((result) => result.perSecond));
    return [
      name,
      {
        sendsPerSecond: Math.round(perSecond),
        ratioToHttp: Number((perSecond / baseline).toFixed(2)),
        p50Ms: median(list.map((result) => result.latencyMicros.p50)) / 1000,
        p99Ms: median(list.map((result) => result.latencyMicros.p99)) / 1000,
        failures: list.reduce((total, result) => total + result.failed, 0),
      },
    ];
  }),
);
console.log(
  JSON.stringify(
    {
      node: process.version,
      connections,
      durationMs,
      runs,
      client: '@aws-sdk/client-sqs',
      summary,
    },
    null,
    2,
  ),
);
