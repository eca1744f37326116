#!/usr/bin/env node
// What SigV4 verification costs on the send path: `sluice serve` without and with a credentials
// file, the same AWS SDK v3 client (which signs either way) sending 1 KiB messages with 32 in
// flight. Reports sends/s and the server process's CPU time per send (from /proc/<pid>/stat),
// which is what verification adds to; throughput is bounded by fsync and barely moves.
//   node benchmarks/sigv4-send-path.mjs [--duration-ms 5000] [--runs 3]
// The server runs on core 0, this load generator wherever the OS puts it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startSluice } from './lib/processes.mjs';

const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
  },
});
const durationMs = Number(values['duration-ms']);
const runs = Number(values.runs);
const inFlight = 32;
const key = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret-0123456789abcdefXYZ0' };
const clockTicksPerSecond = 100;

function median(numbers) {
  const sorted = [...numbers].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

async function oneRun(directory, withCredentials) {
  const dataDirectory = mkdtempSync(join(directory, 'data-'));
  const extra = withCredentials ? ['--credentials', join(directory, 'credentials.json')] : [];
  const server = await startSluice(0, dataDirectory, extra);
  const client = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: key });
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'bench' }));
    const body = 'x'.repeat(1024);
    const send = () => client.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    for (let index = 0; index < 200; index++) await send(); // warm up
    let sent = 0;
    const cpuBefore = cpuSeconds(server.pid);
    const startedAt = performance.now();
    const deadline = startedAt + durationMs;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < deadline) {
          await send();
          sent++;
        }
      }),
    );
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    return {
      sendsPerSecond: sent / elapsedSeconds,
      serverCpuMicrosecondsPerSend: (cpu * 1e6) / sent,
    };
  } finally {
    client.destroy();
    await server.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

const directory = mkdtempSync(join(tmpdir(), 'sluice-sigv4-bench-'));
try {
  writeFileSync(
    join(directory, 'credentials.json'),
    JSON.stringify({ accounts: [{ id: '000000000001', admin: true, keys: [key] }] }),
  );
  const results = { off: [], on: [] };
  for (let run = 0; run < runs; run++) {
    results.off.push(await oneRun(directory, false));
    results.on.push(await oneRun(directory, true));
  }
  const summary = (list) => ({
    sendsPerSecond: Math.round(median(list.map((each) => each.sendsPerSecond))),
    serverCpuMicrosecondsPerSend: Math.round(
      median(list.map((each) => each.serverCpuMicrosecondsPerSend)),
    ),
  });
  const off = summary(results.off);
  const on = summary(results.on);
  console.log(
    JSON.stringify(
      {
        node: process.version,
        durationMs,
        runs,
        inFlight,
        withoutCredentials: off,
        withCredentials: on,
        verificationCpuMicrosecondsPerSend:
          on.serverCpuMicrosecondsPerSend - off.serverCpuMicrosecondsPerSend,
        raw: results,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
