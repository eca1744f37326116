// Writes a comparison's results: docs/benchmarks/results.json, the SVG charts next to it, and
// the "## Peer comparison" section of docs/benchmarks.md (the rest of that file is left as is).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { barChart } from './svg-chart.mjs';
import { evaluateTargets } from './targets.mjs';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const heading = '## Peer comparison';
/** Where the last comparison's raw results are. */
export const resultsPath = `${docs}benchmarks/results.json`;

const rowLabel = (row) => `${row.label} (${row.client})`;
const value = (row, key, field = 'messagesPerSecond') => {
  const result = row.results[key];
  if (result === undefined || result.error !== undefined || result.skipped !== undefined)
    return undefined;
  return field === 'messagesPerSecond' ? result.messagesPerSecond : result.latencyMs?.[field];
};

function charts(document) {
  const rows = document.rows;
  const throughput = (key, title) =>
    barChart({
      title,
      unit: 'messages per second, higher is better',
      series: [title],
      groups: rows.map((row) => ({
        label: rowLabel(row),
        durable: row.fsyncBeforeAck,
        values: [value(row, key)],
      })),
    });
  const latency = (key, title) =>
    barChart({
      title,
      unit: 'send-to-receive ms, lower is better',
      log: true,
      series: ['p50', 'p99'],
      groups: rows
        .filter((row) => row.results[key] !== undefined)
        .map((row) => ({
          label: rowLabel(row),
          durable: row.fsyncBeforeAck,
          values: [value(row, key, 'p50'), value(row, key, 'p99')],
        })),
    });
  const saturated = saturationLevels(document) !== undefined;
  const sendLoop = saturated ? 'at saturation' : '32 in flight';
  return {
    'send-1kib.svg': throughput('send1KiB', `SendMessage, 1 KiB, one at a time (${sendLoop})`),
    'send-batch-10x1kib.svg': throughput(
      'batch10x1KiB',
      `SendMessageBatch, 10 x 1 KiB${saturated ? ' (at saturation)' : ''}`,
    ),
    'drain.svg': throughput('drain', 'Drain of a backlog: receive + delete (ack)'),
    'latency-1k.svg': latency('latency1k', 'Send-to-receive latency at 1,000 msg/s'),
    'latency-5k.svg': latency('latency5k', 'Send-to-receive latency at 5,000 msg/s'),
  };
}

const number = (rate) => (rate === undefined ? 'n/a' : Math.round(rate).toLocaleString('en-US'));
const ms = (row, key) => {
  const result = row.results[key];
  if (result === undefined) return 'n/a';
  if (result.error !== undefined) return 'error';
  if (result.skipped !== undefined) return `skipped (${result.skipped})`;
  const behind = result.achievedRate < result.rate * 0.9 ? ' (fell behind)' : '';
  return `${result.latencyMs.p50} / ${result.latencyMs.p99}${behind}`;
};

/** The levels of operations in flight the headline's closed loops ran at (from run 30). */
const saturationLevels = (document) => document.plan.inFlight;
/** " at N" for a point measured at saturation: the level of operations in flight it stands for. */
const atLevel = (row, key) => {
  const inFlight = row.results[key]?.inFlight;
  return inFlight === undefined ? '' : ` at ${inFlight}`;
};

function table(document) {
  const baseline = document.rows.find((row) => row.id === 'baseline');
  const baselineSend = baseline === undefined ? undefined : value(baseline, 'send1KiB');
  // Runs with levels say which closed loops stand for a row's saturation and which ran at 32.
  const [best, at32] =
    saturationLevels(document) === undefined ? ['', ''] : [' at its saturation', ' (32 in flight)'];
  const lines = [
    `| system | client | fsync before ack | send 1 KiB msg/s (x baseline)${best} | send 100 B${at32} | send 64 KiB${at32} | batch 10 x 1 KiB msg/s${best} | drain msg/s (backlog) | latency p50 / p99 ms at 1k/s | at 5k/s | at 10k/s |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of document.rows) {
    const send = value(row, 'send1KiB');
    const ratio =
      send === undefined || baselineSend === undefined
        ? ''
        : ` (${(send / baselineSend).toFixed(2)})`;
    const drain = row.results.drain;
    const drainCell =
      drain === undefined
        ? 'n/a'
        : drain.error !== undefined
          ? 'error'
          : `${number(drain.messagesPerSecond)} (${number(drain.backlog)}${drain.complete ? '' : ', not finished'})`;
    lines.push(
      `| ${row.label} | ${row.client} | ${row.fsyncBeforeAck ? 'yes' : '**no**'}: ${row.durability} | ${number(send)}${ratio}${atLevel(row, 'send1KiB')} | ${number(value(row, 'send100B'))} | ${number(value(row, 'send64KiB'))} | ${number(value(row, 'batch10x1KiB'))}${atLevel(row, 'batch10x1KiB')} | ${drainCell} | ${ms(row, 'latency1k')} | ${ms(row, 'latency5k')} | ${ms(row, 'latency10k')} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Each row's closed loops at every level of operations in flight (median rates), the level its
 * headline stands for in bold; empty for runs without levels.
 */
function saturationTable(document) {
  const levels = saturationLevels(document);
  if (levels === undefined) return '';
  const workloads = [
    ['send1KiB', 'send 1 KiB'],
    ['batch10x1KiB', 'batch 10 x 1 KiB'],
  ];
  const heads = workloads.flatMap(([, name]) => levels.map((level) => `${name} at ${level}`));
  const lines = [
    `| system | client | ${heads.join(' | ')} |`,
    `|---|---|${heads.map(() => '---|').join('')}`,
  ];
  for (const row of document.rows) {
    const cells = workloads.flatMap(([key]) => {
      const result = row.results[key];
      return levels.map((level) => {
        const rate = result?.inFlightLevels?.find((entry) => entry.inFlight === level);
        if (rate === undefined || rate.messagesPerSecond === null) return 'n/a';
        const text = number(rate.messagesPerSecond);
        return result.inFlight === level ? `**${text}**` : text;
      });
    });
    lines.push(`| ${row.label} | ${row.client} | ${cells.join(' | ')} |`);
  }
  return `
Closed loops by operations in flight (median of the rounds, msg/s; bold: the row's saturation,
the level its headline above stands for):

${lines.join('\n')}
`;
}

/** Runs from run 20 on record the node options of Sluice and the baseline; earlier ones had none. */
function nodeOptionsNote(document) {
  const options = document.serverNodeOptions ?? [];
  const servers = hasFloor(document) ? 'Sluice and the physical rows' : 'Sluice and the baseline';
  return options.length === 0
    ? ''
    : ` ${servers} run under node ${options.map((option) => `\`${option}\``).join(' ')}, as docs/cli.md advises for a server under load.`;
}

const hasFloor = (document) => document.rows.some((row) => row.id === 'floor');
/** Whether the durable floor drained too (from run 22). */
const floorDrained = (document) =>
  document.rows.find((row) => row.id === 'floor')?.results.drain !== undefined;

/** What the two physical rows are, in runs that measured the durable floor (from run 21). */
function physicalRowsNote(document) {
  if (!hasFloor(document)) return '';
  const drain = floorDrained(document)
    ? ` Its drain (from run 22) does only what a receive and a delete cannot skip: each message's
record read back from the log and its CRC32C checked, a receipt handle with a random nonce, the
answer's JSON, and a record for each receive and each delete, not waited for (as Sluice's
standard queues do not wait).`
    : '';
  return `
Physical rows: the node:http baseline parses each POST's JSON and answers, storing nothing; the
durable floor (\`benchmarks/lib/durable-floor-server.mjs\`) does only the work a durable SQS send
cannot skip: raw-socket HTTP, the JSON, each message's MD5, id and CRC32C, an append by the same
O_DSYNC group commit as Sluice's, and the answer after it.${drain} What Sluice spends above the
floor is its own (queue, validation, metrics); the floor's own rate says what this hour's machine
allows.
`;
}

function section(document) {
  const machine = document.machine;
  const idle = document.rows.find((row) => row.id === 'sluice-undici')?.results.idle1000;
  const plan = document.plan;
  return `${heading}

Generated by \`benchmarks/run-all.mjs\`; do not edit by hand. Command: \`${document.command}\`
(${plan.mode} mode${plan.mode === 'quick' ? `: ${plan.throughputMs / 1000} s per throughput point, one run, a ${number(plan.backlog)}-message drain backlog instead of 1M` : `: send 1 KiB, batch and the latency at 5k/s are the median of ${plan.runs} rounds that visit every row in turn (the latency's by p99), the rest one run each`}), ${document.date}, ${document.durationSeconds} s.
Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}.
Every server (Sluice, ${hasFloor(document) ? 'the physical rows' : 'the baseline'}, each peer) pinned to core ${document.serverCore}, every load generator to
core ${document.loadCore}; ${closedLoopNote(document)}${nodeOptionsNote(document)} Every point first runs its load for ${plan.warmupMs / 1000} s
unrecorded (warm-up), for every row alike. The machine was shared with other
jobs while this ran, so absolute numbers are noisy: compare rows measured in the same run.${stealPolicy(document)}
Servers: ${Object.entries(machine.servers)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}.
Clients: ${Object.entries(machine.clients)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}.
Disk: ${number(document.fdatasyncPerSecond)} fdatasync/s (4 KiB write + fdatasync, one at a time).
Raw results: [benchmarks/results.json](benchmarks/results.json). What the profiles show and what
would close the gaps: [benchmarks/analysis.md](benchmarks/analysis.md).

${table(document)}
${saturationTable(document)}${physicalRowsNote(document)}
Drain: a backlog filled with batches of 10 for at most ${plan.fillMs / 1000} s (up to ${number(plan.backlog)} messages), then consumed with acks (${floorDrained(document) ? 'Sluice and the durable floor' : 'Sluice'}: 8 long-polling ReceiveMessage(10) loops, each with one DeleteMessageBatch outstanding; RabbitMQ: prefetch 80; NATS: pull consumer; BullMQ: Worker concurrency 8; pg-boss: 8 fetch(100) + complete loops) for at most ${plan.drainMs / 1000} s.
Latency: an open-loop producer sends 1 KiB messages on a fixed schedule, 4 consumers on connections
of their own; latency is receive time minus scheduled send time, so a row that cannot keep up shows its queueing delay
("fell behind": under 90% of the rate achieved). A row whose p50 at a rate was over 1 s skips the
higher rates.
${idle === undefined || idle.error !== undefined ? '' : `Idle consumers (Sluice, lean client): 1,000 long-polling consumers and 20 msg/s: ${idle.received} of ${idle.sent} received, p50 ${idle.latencyMs.p50} ms, p99 ${idle.latencyMs.p99} ms. The peers have no equivalent of 1,000 HTTP long-polls, so they are not measured on it.`}

![SendMessage 1 KiB](benchmarks/send-1kib.svg)
![SendMessageBatch 10 x 1 KiB](benchmarks/send-batch-10x1kib.svg)
![Drain](benchmarks/drain.svg)
![Latency at 1,000 msg/s](benchmarks/latency-1k.svg)
![Latency at 5,000 msg/s](benchmarks/latency-5k.svg)

### Issue 6 targets in this run

${evaluateTargets(document)
  .map((target) => `- ${targetStatus(target)}: ${target.text}`)
  .join('\n')}
`;
}

/** How many operations the closed loops keep in flight. */
function closedLoopNote(document) {
  const levels = saturationLevels(document);
  if (levels === undefined) return 'closed loops keep 32 operations in flight.';
  const list = `${levels.slice(0, -1).join(', ')} and ${levels.at(-1)}`;
  return `the headline's closed loops (send 1 KiB, batch) run at ${list} operations in flight in
every round, and each row's result is its level with the highest median rate (its saturation:
a durable server needs more in flight than one that does not wait for a disk); the other closed
loops keep 32 in flight.`;
}

/** The re-measuring of starved attempts, as this run did it (runs before it had none). */
function stealPolicy(document) {
  const plan = document.plan;
  if (!(plan.stealRetries > 0)) return '';
  const retried = document.rows.flatMap((row) =>
    Object.values(row.results).filter((result) => result.stealRetries > 0),
  ).length;
  return `
An attempt during which the host took ${plan.stealRetryPercent}% or more of the CPU (steal) was measured again, up to ${plan.stealRetries} more times (${plan.stealRetryBudget} in the whole run), keeping the least-starved attempt; ${retried === 1 ? 'one of the published points was' : `${retried} of the published points were`}.`;
}

function targetStatus(target) {
  if (!target.conclusive) return '**not conclusive**';
  return target.met ? 'met' : '**missed**';
}

/** Replaces only the "## Peer comparison" section, up to the next "## " heading. */
function replaceSection(text, replacement) {
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) return `${text.trimEnd()}${text.length > 0 ? '\n\n' : ''}${replacement}`;
  const next = text.indexOf('\n## ', start + heading.length);
  return `${text.slice(0, start)}${replacement}${next === -1 ? '' : `\n${text.slice(next + 1)}`}`;
}

export function writeReport(document) {
  mkdirSync(`${docs}benchmarks`, { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(document, null, 2)}\n`);
  for (const [name, svg] of Object.entries(charts(document))) {
    writeFileSync(`${docs}benchmarks/${name}`, svg);
  }
  const path = `${docs}benchmarks.md`;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  writeFileSync(path, replaceSection(existing, section(document)));
}
