// CPU profile of `sluice serve` under one workload of the comparison, and its top self-time
// functions. The server runs with `node --cpu-prof` pinned to core 0, the load on core 1.
//
//   node benchmarks/profile-sluice.mjs [--workload send|batch|drain|latency] [--duration-ms 5000]
//     [--rate 5000] [--warmup-ms 1000] [--in-flight 32] [--top 25] [--out /tmp/sluice-profile]
//
// Prints the table; the .cpuprofile file (open it in Chrome DevTools or speedscope for a flame
// graph) stays in --out.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveIntegerOf } from './lib/cli-options.mjs';
import { runPeerWorker } from './lib/peer-run.mjs';
import { startSluice } from './lib/processes.mjs';

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'send' },
    'duration-ms': { type: 'string', default: '5000' },
    rate: { type: 'string', default: '5000' },
    'warmup-ms': { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '32' },
    top: { type: 'string', default: '25' },
    out: { type: 'string', default: join(tmpdir(), 'sluice-profile') },
  },
});
const inFlight = positiveIntegerOf(values['in-flight']);
if (inFlight === undefined) {
  process.stderr.write('profile-sluice: --in-flight must be a positive integer\n');
  process.exit(2);
}
const repository = fileURLToPath(new URL('../', import.meta.url));
mkdirSync(values.out, { recursive: true });
const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-profile-data-'));
const server = await startSluice(0, dataDirectory, [], {
  nodeArguments: ['--cpu-prof', `--cpu-prof-dir=${values.out}`],
  stderr: 'inherit',
});
const before = new Set(readdirSync(values.out));
const result = await runPeerWorker(
  {
    workload: values.workload,
    row: 'sluice-undici',
    url: server.url,
    queue: 'profile',
    concurrency: inFlight,
    messageBytes: 1024,
    durationMs: Number(values['duration-ms']),
    warmupMs: Number(values['warmup-ms']),
    rate: Number(values.rate),
    consumers: 4,
    backlog: 200_000,
    fillMs: Number(values['duration-ms']),
    drainMs: Number(values['duration-ms']),
  },
  { core: 1, timeoutMs: 120_000 },
);
await server.stop();
rmSync(dataDirectory, { recursive: true, force: true });
const file = readdirSync(values.out).find(
  (name) => !before.has(name) && name.endsWith('.cpuprofile'),
);
process.stdout.write(
  `workload ${values.workload}: ${JSON.stringify(result)}\nprofile ${join(values.out, file)}\n`,
);

const profile = JSON.parse(readFileSync(join(values.out, file), 'utf8'));
const selfMicros = new Map();
const intervals = profile.timeDeltas;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  const frame = node.callFrame;
  const where =
    frame.url === ''
      ? ''
      : ` ${frame.url.replace(`file://${repository}`, '')}:${frame.lineNumber + 1}`;
  const key = `${frame.functionName || '(anonymous)'}${where}`;
  selfMicros.set(key, (selfMicros.get(key) ?? 0) + (intervals[index] ?? 0));
});
const total = [...selfMicros.values()].reduce((sum, micros) => sum + micros, 0);
const top = [...selfMicros.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
for (const [name, micros] of top) {
  process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
}
