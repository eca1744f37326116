// Where the server core's time goes, per message, for each row of the peer comparison: its rate,
// the server core's user, system and interrupt time per message (/proc/stat, so it counts every
// process of a peer and the kernel's work on that core), and the syscalls made on that core per
// message, by kind (perf stat on the core's syscall tracepoints, when perf is installed). It
// shows what a protocol costs below the application: one HTTP request per send is a socket read
// and a socket write per message; a connection that carries many messages per read and write
// (AMQP, RESP, NATS) is not.
//
//   node benchmarks/server-core.mjs [--rows id,id] [--workload send|batch] [--in-flight 128]
//     [--duration-ms 5000] [--warmup-ms 2000] [--rounds 3] [--no-setup] [--keep-peers]
//     [--json FILE]
//
// Rows run in turn, every round visiting each once; a row reports its round with the median
// rate (medianRun, lib/median-run.mjs), every round's rate beside it in `rounds`. The server
// runs on core 0 and the load on core 1, as in run-all.mjs; peers are started with
// setup-peers.sh (unless --no-setup) and stopped at the end (unless --keep-peers).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveIntegerOf } from './lib/cli-options.mjs';
import { medianRun } from './lib/median-run.mjs';
import { runPeerWorker } from './lib/peer-run.mjs';
import { startsOwnServer, stopStartedServers, withRowServer } from './lib/processes.mjs';
import { rows } from './peers/rows.mjs';

const { values } = parseArgs({
  options: {
    rows: {
      type: 'string',
      default: [
        'baseline',
        'floor',
        'sluice-undici',
        'rabbitmq-quorum',
        'rabbitmq-classic',
        'bullmq-always',
        'nats-jetstream',
      ].join(','),
    },
    workload: { type: 'string', default: 'send' },
    'in-flight': { type: 'string', default: '128' },
    'duration-ms': { type: 'string', default: '5000' },
    'warmup-ms': { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    'no-setup': { type: 'boolean', default: false },
    'keep-peers': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const serverCore = 0;
const loadCore = 1;
const userHz = 100;
const setupScript = fileURLToPath(new URL('./setup-peers.sh', import.meta.url));
const selected = values.rows.split(',');
for (const id of selected) if (rows[id] === undefined) fail(`unknown row ${id}`);
if (!['send', 'batch'].includes(values.workload)) fail('--workload must be send or batch');
const inFlight = positiveInteger('in-flight');
const durationMs = positiveInteger('duration-ms');
const warmupMs = positiveInteger('warmup-ms');
const rounds = positiveInteger('rounds');

/** The syscalls counted, by kind; each kind sums those of its tracepoints this kernel has. */
const syscallKinds = {
  reads: ['read', 'readv', 'recvfrom', 'recvmsg'],
  writes: ['write', 'writev', 'sendto', 'sendmsg'],
  fileWrites: ['pwrite64', 'pwritev', 'pwritev2'],
  syncs: ['fsync', 'fdatasync'],
  waits: ['epoll_wait', 'epoll_pwait', 'epoll_pwait2', 'poll', 'ppoll', 'select', 'pselect6'],
  futex: ['futex'],
};

function fail(message) {
  process.stderr.write(`server-core: ${message}\n`);
  process.exit(2);
}

function positiveInteger(name) {
  return positiveIntegerOf(values[name]) ?? fail(`--${name} must be a positive integer`);
}

function log(line) {
  process.stderr.write(`[server-core] ${line}\n`);
}

/** The tracepoint events perf can count here, or undefined (no perf, or no tracefs access). */
function perfEvents() {
  const listed = spawnSync('perf', ['list', '--raw-dump', 'tracepoint'], { encoding: 'utf8' });
  if (listed.status !== 0) return undefined;
  const available = new Set(listed.stdout.split(/\s+/));
  const events = ['raw_syscalls:sys_enter'];
  for (const names of Object.values(syscallKinds)) {
    for (const name of names) {
      if (available.has(`syscalls:sys_enter_${name}`)) events.push(`syscalls:sys_enter_${name}`);
    }
  }
  return available.has('raw_syscalls:sys_enter') ? events : undefined;
}

/** One core's counters from /proc/stat, in ticks. */
function coreTimes(core) {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((each) => each.startsWith(`cpu${core} `));
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    user: user + nice,
    system,
    interrupts: irq + softirq,
    steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

/** Each counter's ticks from one coreTimes reading to a later one. */
function ticksBetween(then, now) {
  return Object.fromEntries(Object.keys(now).map((key) => [key, now[key] - then[key]]));
}

/**
 * perf stat on the server core's syscall tracepoints, started disabled; enable() and disable()
 * bound the window, finish() stops perf and resolves every event's count.
 */
function startSyscallCounter(events, parent) {
  const directory = mkdtempSync(join(parent, 'perf-'));
  const control = join(directory, 'control');
  const output = join(directory, 'output');
  execFileSync('mkfifo', [control]);
  const child = spawn(
    'perf',
    [
      'stat',
      '-C',
      String(serverCore),
      '-x',
      ',',
      '-o',
      output,
      '-D',
      '-1',
      '--control',
      `fifo:${control}`,
      '-e',
      events.join(','),
    ],
    // perf says "Events enabled" and "Events disabled" on stderr; kept for a failure's message.
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Read-write, so that opening never waits for perf (a FIFO opened for writing alone blocks
  // until a reader comes, forever if perf failed to start); a dead perf shows in finish().
  const fd = openSync(control, 'r+');
  return {
    enable: () => writeSync(fd, 'enable\n'),
    disable: () => writeSync(fd, 'disable\n'),
    async finish() {
      closeSync(fd);
      child.kill('SIGINT');
      await exited;
      const counts = {};
      let text = '';
      try {
        text = readFileSync(output, 'utf8');
      } catch {
        // No output: perf failed, and its stderr says why below.
      }
      rmSync(directory, { recursive: true, force: true });
      for (const line of text.split('\n')) {
        const [value, , event] = line.split(',');
        if (event !== undefined && /^\d+$/.test(value)) counts[event] = Number(value);
      }
      if (counts['raw_syscalls:sys_enter'] === undefined) throw new Error(`perf stat: ${stderr}`);
      return counts;
    },
  };
}

let queueCounter = 0;
async function measure(rowId, events, directory) {
  return withRowServer(rowId, serverCore, join(directory, `data-${queueCounter}`), async (url) => {
    const counter = events === undefined ? undefined : startSyscallCounter(events, directory);
    let before;
    let after;
    let startedAt;
    let endedAt;
    const result = await runPeerWorker(
      {
        workload: values.workload,
        row: rowId,
        url,
        queue: `core${queueCounter++}`,
        concurrency: inFlight,
        connections: Math.max(64, inFlight),
        messageBytes: 1024,
        durationMs,
        warmupMs,
        announcePhases: true,
      },
      {
        core: loadCore,
        timeoutMs: warmupMs + durationMs + 120_000,
        onPhase(phase) {
          if (phase === 'measuring') {
            counter?.enable();
            before = [coreTimes(serverCore), coreTimes(loadCore)];
            startedAt = performance.now();
          } else if (phase === 'measured' && before !== undefined) {
            endedAt = performance.now();
            after = [coreTimes(serverCore), coreTimes(loadCore)];
            counter?.disable();
          }
        },
      },
    );
    const counts = counter === undefined ? undefined : await counter.finish();
    if (result.error !== undefined || result.messagesPerSecond === undefined) {
      return { row: rowId, error: result.error ?? result.firstError ?? 'no result' };
    }
    if (after === undefined) return { row: rowId, error: 'the worker never announced its window' };
    const messages = (result.messagesPerSecond * (endedAt - startedAt)) / 1000;
    const [server, load] = before.map((then, index) => ticksBetween(then, after[index]));
    const microsecondsPerMessage = (ticks) => round((ticks * 1e6) / userHz / messages, 2);
    const percentOf = (part, times) => round((part / times.total) * 100, 1);
    const measured = {
      row: rowId,
      messagesPerSecond: Math.round(result.messagesPerSecond),
      failed: result.failed,
      serverCore: {
        userMicroseconds: microsecondsPerMessage(server.user),
        systemMicroseconds: microsecondsPerMessage(server.system),
        interruptMicroseconds: microsecondsPerMessage(server.interrupts),
        busyPercent: percentOf(server.user + server.system + server.interrupts, server),
        stealPercent: percentOf(server.steal, server),
      },
      loadCoreBusyPercent: percentOf(load.user + load.system + load.interrupts, load),
    };
    if (counts !== undefined) {
      const perMessage = (count) => round(count / messages, 3);
      measured.syscallsPerMessage = { all: perMessage(counts['raw_syscalls:sys_enter'] ?? 0) };
      for (const [kind, names] of Object.entries(syscallKinds)) {
        let sum = 0;
        for (const name of names) sum += counts[`syscalls:sys_enter_${name}`] ?? 0;
        measured.syscallsPerMessage[kind] = perMessage(sum);
      }
    }
    return measured;
  });
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function table(results, withSyscalls) {
  const header = [
    'row',
    'msg/s',
    'server core: user µs/msg',
    'system',
    'interrupts',
    'busy %',
    'load core busy %',
  ];
  if (withSyscalls) {
    header.push('syscalls/msg', 'reads', 'writes', 'file writes', 'syncs', 'waits', 'futex');
  }
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const each of results) {
    if (each.error !== undefined) {
      lines.push(`| ${rows[each.row].label} | failed: ${each.error.split('\n')[0]} |`);
      continue;
    }
    const core = each.serverCore;
    const cells = [
      `${rows[each.row].label} (${rows[each.row].client})`,
      each.messagesPerSecond,
      core.userMicroseconds,
      core.systemMicroseconds,
      core.interruptMicroseconds,
      core.busyPercent,
      each.loadCoreBusyPercent,
    ];
    if (withSyscalls) {
      const calls = each.syscallsPerMessage;
      cells.push(
        calls.all,
        calls.reads,
        calls.writes,
        calls.fileWrites,
        calls.syncs,
        calls.waits,
        calls.futex,
      );
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  const events = perfEvents();
  if (events === undefined) {
    log(
      'perf is not usable here (Debian: apt-get install linux-perf; needs root): no syscall counts',
    );
  }
  const managesPeers = !values['no-setup'] && selected.some((id) => !startsOwnServer(id));
  if (managesPeers) {
    log('starting peers (benchmarks/setup-peers.sh start)');
    execFileSync(setupScript, ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const directory = mkdtempSync(join(tmpdir(), 'sluice-server-core-'));
  const byRow = Object.fromEntries(selected.map((id) => [id, []]));
  try {
    for (let pass = 1; pass <= rounds; pass++) {
      for (const id of selected) {
        const result = await measure(id, events, directory);
        byRow[id].push(result);
        log(
          `round ${pass}/${rounds} ${id}: ${
            result.error ??
            `${result.messagesPerSecond} msg/s, ` +
              `server core ${result.serverCore.busyPercent}% busy`
          }`,
        );
      }
    }
  } finally {
    await stopStartedServers();
    rmSync(directory, { recursive: true, force: true });
    if (managesPeers && !values['keep-peers']) {
      execFileSync(setupScript, ['stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  }
  const results = selected.map((id) => medianRun(byRow[id]));
  const command = `node benchmarks/server-core.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const heading =
    `${values.workload} at ${inFlight} in flight, 1 KiB messages, ${durationMs} ms points ` +
    `after ${warmupMs} ms of warm-up, median of ${rounds} rounds by rate`;
  process.stdout.write(`${heading}\n\n${table(results, events !== undefined)}\n`);
  if (values.json !== undefined) {
    const document = {
      date: new Date().toISOString(),
      command,
      inFlight,
      workload: values.workload,
      results,
    };
    writeFileSync(values.json, `${JSON.stringify(document, null, 2)}\n`);
  }
}

await main();
