// The send-to-receive latency point of the comparison (lean client, 1 KiB, open loop) run several
// times against fresh `sluice serve` processes under `node --trace-gc`, each point with its
// latency percentiles and the garbage collections the server made during it. For tails that
// one point per full run cannot show (docs/benchmarks/analysis.md, section 1.10).
//
//   node benchmarks/latency-gc.mjs [--points 8] [--rate 5000] [--duration-ms 10000]
//     [--warmup-ms 3000]
//
// Server on core 0, load on core 1. A point's "mark-compacts" include the one V8 makes while
// the server starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runPeerWorker } from './lib/peer-run.mjs';
import { startSluice } from './lib/processes.mjs';
import { readCpuTimes, stealPercent } from './lib/steal.mjs';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '8' },
    rate: { type: 'string', default: '5000' },
    'duration-ms': { type: 'string', default: '10000' },
    'warmup-ms': { type: 'string', default: '3000' },
  },
});

/** Starts a traced server; resolves its url, the GC lines it printed so far (kept current), stop. */
async function startTracedServer(dataDirectory) {
  const gcLines = [];
  const server = await startSluice(0, dataDirectory, [], {
    nodeArguments: ['--trace-gc'],
    onStdoutLine: (line) => {
      if (/Scavenge|Mark-Compact/.test(line)) gcLines.push(line);
    },
  });
  return { ...server, gcLines };
}

const pauseMs = (line) => Number(/, ([\d.]+) \/ [\d.]+ ms/.exec(line)?.[1] ?? 0);

for (let point = 1; point <= Number(values.points); point++) {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'sluice-latency-gc-'));
  const server = await startTracedServer(dataDirectory);
  const before = readCpuTimes();
  try {
    const result = await runPeerWorker(
      {
        workload: 'latency',
        row: 'sluice-undici',
        url: server.url,
        queue: 'latency-gc',
        messageBytes: 1024,
        rate: Number(values.rate),
        durationMs: Number(values['duration-ms']),
        warmupMs: Number(values['warmup-ms']),
        consumers: 4,
      },
      { core: 1, timeoutMs: Number(values['duration-ms']) + Number(values['warmup-ms']) + 60_000 },
    );
    const steal = stealPercent(before, readCpuTimes());
    const scavenges = server.gcLines.filter((line) => line.includes('Scavenge'));
    const markCompacts = server.gcLines.filter((line) => line.includes('Mark-Compact'));
    const longest = Math.max(0, ...server.gcLines.map(pauseMs));
    const { p50, p99, max } = result.latencyMs;
    process.stdout.write(
      `point ${point}: ${Math.round(result.achievedRate)} msg/s, p50 ${p50} ms, p99 ${p99} ms, ` +
        `max ${max} ms; ${scavenges.length} scavenges, ${markCompacts.length} mark-compacts, ` +
        `longest pause ${longest} ms; steal ${steal}%\n`,
    );
  } finally {
    await server.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
