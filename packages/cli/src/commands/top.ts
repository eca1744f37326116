import type { QueueOverview, ServerOverview, ServerVitalsReading } from '@sluice/core';
import { stringFlag } from '../arguments.js';
import type { CliContext } from '../cli-context.js';
import { CommandError, exitCodes, UsageError } from '../cli-errors.js';
import { withClientSession } from '../client-session.js';
import { clientFlags, type Command } from '../command.js';
import { formatKeyValues, formatTable } from '../format/table.js';
import { formatBytes, formatDurationSeconds } from '../format/units.js';

/**
 * `sluice top`: the dashboard overview in a terminal. On a TTY it redraws every --interval
 * seconds until `q` (or Ctrl-C); otherwise it prints one frame and exits, so it pipes and logs.
 * `sluice status` appends the same server vitals (see vitalsSection).
 */
/**
 * What the terminal shows of GET /admin/v1/overview (@sluice/core's OverviewView), after
 * checking it: the answer comes from a server that may be another version.
 */
export interface OverviewView {
  readonly server: Pick<ServerOverview, 'version' | 'uptimeSeconds' | 'openConnections'> &
    Pick<ServerOverview['memory'], 'rssBytes'> &
    Pick<ServerOverview['storage'], 'logBytes' | 'segmentCount'> &
    Pick<ServerVitalsReading, 'eventLoopDelayP99Ms' | 'fsyncMeanMs' | 'fsyncMaxMs'>;
  readonly queues: readonly OverviewQueueView[];
}

export type OverviewQueueView = Pick<
  QueueOverview,
  | 'name'
  | 'fifo'
  | 'visible'
  | 'inflight'
  | 'delayed'
  | 'oldestAgeSeconds'
  | 'sentPerSecond'
  | 'receivedPerSecond'
>;

/** Refresh bounds: faster than the server samples is pointless; slower than a minute is not live. */
const intervalSecondsDefault = 2;
const intervalSecondsMin = 0.5;
const intervalSecondsMax = 60;
/** Rows one frame shows; the deepest queues first. The rest are summarized in one line. */
const queueRowCountMax = 40;

export const topCommand: Command = {
  words: ['top'],
  summary: 'live view of every queue: depth, in flight, oldest age and rates (q quits)',
  positionals: [],
  flags: {
    ...clientFlags,
    interval: {
      type: 'string',
      value: 'SECONDS',
      description: `refresh interval (default ${intervalSecondsDefault}, ${intervalSecondsMin} to ${intervalSecondsMax})`,
    },
  },
  examples: ['sluice top', 'sluice top --interval 5', 'sluice top | head -20'],
  run: (invocation) =>
    withClientSession(invocation, async (session) => {
      const intervalMs = parseInterval(stringFlag(invocation.flags, 'interval')) * 1000;
      const load = async () => parseOverviewDocument(await session.adminGet('/admin/v1/overview'));
      const stdout = invocation.context.stdout as { isTTY?: boolean };
      if (stdout.isTTY !== true) {
        const overview = await load();
        session.print(overview, () => formatOverviewFrame(session.endpoint, overview));
        return exitCodes.ok;
      }
      await runLive(invocation.context, intervalMs, async () =>
        formatOverviewFrame(session.endpoint, await load()),
      );
      return exitCodes.ok;
    }),
};

function parseInterval(text: string | undefined): number {
  if (text === undefined) return intervalSecondsDefault;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < intervalSecondsMin || seconds > intervalSecondsMax) {
    throw new UsageError(
      `--interval must be a number of seconds from ${intervalSecondsMin} to ${intervalSecondsMax}`,
    );
  }
  return seconds;
}

interface KeyInput {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  setRawMode?(mode: boolean): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

/** Redraws until q, Ctrl-C or a stop signal; restores the terminal whatever happens. */
async function runLive(
  context: CliContext,
  intervalMs: number,
  frame: () => Promise<string>,
): Promise<void> {
  const input = context.stdin as unknown as KeyInput;
  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const onKey = (chunk: Buffer | string) => {
    const text = chunk.toString();
    if (text.includes('q') || text.includes('Q') || text.includes('\u0003')) quit();
  };
  const onSignal = () => quit();
  input.setRawMode?.(true);
  input.on('data', onKey);
  input.resume?.();
  context.signals.on('SIGINT', onSignal);
  context.signals.on('SIGTERM', onSignal);
  context.stdout.write('\u001b[?25l');
  try {
    let stopped = false;
    void quitting.then(() => (stopped = true));
    while (!stopped) {
      let text: string;
      try {
        text = await frame();
      } catch (error) {
        if (error instanceof CommandError) throw error;
        text = `cannot reach the server: ${(error as Error).message}\n`;
      }
      context.stdout.write(
        `\u001b[H\u001b[2J${text}\n(q quits; refreshing every ${intervalMs / 1000}s)\n`,
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        quitting,
        new Promise((resolve) => (timer = setTimeout(resolve, intervalMs))),
      ]);
      clearTimeout(timer);
    }
  } finally {
    context.stdout.write('\u001b[?25h');
    input.off('data', onKey);
    input.setRawMode?.(false);
    input.pause?.();
    context.signals.off('SIGINT', onSignal);
    context.signals.off('SIGTERM', onSignal);
  }
}

/** One screen: server line, then queues (deepest first), rates per second. */
export function formatOverviewFrame(endpoint: string, overview: OverviewView): string {
  const queues = [...overview.queues].sort(
    (left, right) =>
      right.visible + right.inflight - (left.visible + left.inflight) ||
      left.name.localeCompare(right.name),
  );
  const shown = queues.slice(0, queueRowCountMax);
  const total = (pick: (queue: OverviewQueueView) => number) =>
    queues.reduce((sum, queue) => sum + pick(queue), 0);
  const header =
    `sluice ${overview.server.version} at ${endpoint}  up ${formatDurationSeconds(overview.server.uptimeSeconds)}  ` +
    `${queues.length} ${queues.length === 1 ? 'queue' : 'queues'}  ` +
    `visible ${total((queue) => queue.visible)}  in flight ${total((queue) => queue.inflight)}  ` +
    `sent ${formatRate(total((queue) => queue.sentPerSecond))}  received ${formatRate(total((queue) => queue.receivedPerSecond))}\n`;
  const body =
    queues.length === 0
      ? 'no queues\n'
      : formatTable(
          [
            { title: 'name' },
            { title: 'visible', align: 'right' },
            { title: 'in flight', align: 'right' },
            { title: 'delayed', align: 'right' },
            { title: 'oldest', align: 'right' },
            { title: 'sent/s', align: 'right' },
            { title: 'recv/s', align: 'right' },
          ],
          shown.map((queue) => [
            queue.fifo ? `${queue.name} (fifo)` : queue.name,
            String(queue.visible),
            String(queue.inflight),
            String(queue.delayed),
            queue.visible + queue.inflight + queue.delayed === 0
              ? '-'
              : formatDurationSeconds(queue.oldestAgeSeconds),
            formatRate(queue.sentPerSecond),
            formatRate(queue.receivedPerSecond),
          ]),
        );
  const hidden = queues.length - shown.length;
  const more = hidden > 0 ? `... and ${hidden} more ${hidden === 1 ? 'queue' : 'queues'}\n` : '';
  const segments = `${overview.server.segmentCount} ${overview.server.segmentCount === 1 ? 'segment' : 'segments'}`;
  const log = formatKeyValues([['log', `${formatBytes(overview.server.logBytes)} in ${segments}`]]);
  return `${header}\n${body}${more}\n${vitalsSection(overview)}${log}`;
}

/** The server's vitals as key: value lines (also printed by `sluice status`). */
export function vitalsSection(overview: OverviewView): string {
  const server = overview.server;
  return formatKeyValues([
    ['connections', String(server.openConnections)],
    ['memory (rss)', formatBytes(server.rssBytes)],
    ['event loop p99', `${server.eventLoopDelayP99Ms.toFixed(1)} ms`],
    [
      'fsync',
      server.fsyncMeanMs === 0
        ? 'no writes lately'
        : `mean ${server.fsyncMeanMs.toFixed(2)} ms, max ${server.fsyncMaxMs.toFixed(2)} ms`,
    ],
  ]);
}

function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  return perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond));
}

type Fields = Record<string, unknown>;

/** Checks the untrusted /admin/v1/overview answer and keeps what the terminal shows. */
export function parseOverviewDocument(value: unknown): OverviewView {
  const document = object(value, 'overview');
  const server = object(document['server'], 'overview.server');
  const memory = object(server['memory'], 'overview.server.memory');
  const storage = object(server['storage'], 'overview.server.storage');
  const vitals = object(server['vitals'], 'overview.server.vitals');
  const queues = document['queues'];
  if (!Array.isArray(queues)) throw malformed('overview.queues', 'a list');
  return {
    server: {
      version: typeof server['version'] === 'string' ? server['version'] : '?',
      uptimeSeconds: number<ServerOverview>(server, 'uptimeSeconds'),
      openConnections: number<ServerOverview>(server, 'openConnections'),
      rssBytes: number<ServerOverview['memory']>(memory, 'rssBytes'),
      logBytes: number<ServerOverview['storage']>(storage, 'logBytes'),
      segmentCount: number<ServerOverview['storage']>(storage, 'segmentCount'),
      eventLoopDelayP99Ms: number<ServerVitalsReading>(vitals, 'eventLoopDelayP99Ms'),
      fsyncMeanMs: number<ServerVitalsReading>(vitals, 'fsyncMeanMs'),
      fsyncMaxMs: number<ServerVitalsReading>(vitals, 'fsyncMaxMs'),
    },
    queues: queues.map((entry: unknown, index): OverviewQueueView => {
      const queue = object(entry, `overview.queues[${index}]`);
      return {
        name: typeof queue['name'] === 'string' ? queue['name'] : '?',
        fifo: queue['fifo'] === true,
        visible: number<QueueOverview>(queue, 'visible'),
        inflight: number<QueueOverview>(queue, 'inflight'),
        delayed: number<QueueOverview>(queue, 'delayed'),
        oldestAgeSeconds: number<QueueOverview>(queue, 'oldestAgeSeconds'),
        sentPerSecond: number<QueueOverview>(queue, 'sentPerSecond'),
        receivedPerSecond: number<QueueOverview>(queue, 'receivedPerSecond'),
      };
    }),
  };
}

function malformed(where: string, expected: string): CommandError {
  return new CommandError(`malformed admin API answer: ${where} is not ${expected}`);
}

function object(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed(where, 'an object');
  return value as Fields;
}

/** The number named `name`, a field of the wire document T. */
function number<T>(fields: Fields, name: keyof T & string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw malformed(name, 'a number');
  return value;
}
