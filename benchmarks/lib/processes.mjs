// Starting the servers under test as child processes pinned (taskset) to one core.
import { fork, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { serverNodeOptions } from '@sluice/server';

const repository = fileURLToPath(new URL('../../', import.meta.url));
/** Servers started here and not yet exited, for stopStartedServers. */
const started = new Set();

/** Stops every server started here that is still running (the comparison was interrupted). */
export function stopStartedServers() {
  return Promise.all([...started].map((child) => stop(child)));
}

function track(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** A plain node:http POST handler (the physical ceiling), pinned to `core`. */
export function startBaseline(core) {
  return startPhysicalRow('./baseline-server.mjs', ['0'], core, 'the baseline');
}

/**
 * The durable floor (durable-floor-server.mjs) pinned to `core`, its log files in `directory`.
 */
export function startDurableFloor(core, directory) {
  return startPhysicalRow(
    './durable-floor-server.mjs',
    ['0', directory],
    core,
    'the durable floor',
  );
}

/**
 * A server script of this folder that reports its port by IPC, pinned to `core` and under the
 * same node options as Sluice's, so that a ratio to it compares handlers, not settings.
 */
function startPhysicalRow(script, args, core, name) {
  return new Promise((resolve, reject) => {
    const child = track(
      fork(fileURLToPath(new URL(script, import.meta.url)), args, {
        execPath: 'taskset',
        execArgv: ['-c', String(core), process.execPath, ...serverNodeOptions],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    child.once('message', ({ port }) =>
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stop(child) }),
    );
  });
}

/** The rows measured against a server these scripts start; peers run under setup-peers.sh. */
const physicalRows = ['baseline', 'floor'];

/** Whether a row's server is started per measurement here (the physical and Sluice rows). */
export function startsOwnServer(rowId) {
  return physicalRows.includes(rowId) || rowId.startsWith('sluice');
}

/**
 * Runs `body(url)` against the row's server. For a row that startsOwnServer, a fresh process
 * pinned to `core` (the durable floor and Sluice with their files in `directory`), stopped and
 * its directory removed afterwards; a peer is already running (setup-peers.sh), so its url is
 * undefined and peer-worker connects by itself.
 */
export async function withRowServer(rowId, core, directory, body) {
  if (!startsOwnServer(rowId)) return body(undefined);
  const server =
    rowId === 'baseline'
      ? await startBaseline(core)
      : rowId === 'floor'
        ? await startDurableFloor(core, directory)
        : await startSluice(core, directory);
  try {
    return await body(server.url);
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * `sluice serve` on a random port with its own data directory, pinned to `core`, started with
 * the node options docs/cli.md gives for servers (serverNodeOptions). `nodeArguments` go to node
 * after those, before the script (e.g. --cpu-prof); `stderr` is ignored unless
 * 'inherit'; `onStdoutLine` hears every line the server prints (e.g. --trace-gc's). Resolves
 * { url, pid, stop } once it listens; stop() waits for it to exit.
 */
export async function startSluice(
  core,
  dataDirectory,
  extraArguments = [],
  { nodeArguments = [], stderr = 'ignore', onStdoutLine } = {},
) {
  const child = track(
    spawn(
      'taskset',
      [
        '-c',
        String(core),
        process.execPath,
        ...serverNodeOptions,
        ...nodeArguments,
        `${repository}packages/cli/bin/sluice.js`,
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDirectory,
        ...extraArguments,
      ],
      { stdio: ['ignore', 'pipe', stderr] },
    ),
  );
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    let ready = false;
    // Every line is read until the server exits, so its stdout pipe never fills.
    lines.on('line', (line) => {
      onStdoutLine?.(line);
      const match = ready ? null : /listening on (\S+)/.exec(line);
      if (match === null) return;
      ready = true;
      resolve({ url: match[1], pid: child.pid, stop: () => stop(child) });
    });
    lines.once('close', () => {
      if (!ready) reject(new Error('sluice exited before it was ready'));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** One SQS JSON-protocol call, for setup steps. */
export async function sqsCall(url, action, input) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AmazonSQS.${action}`,
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${action}: ${response.status} ${text}`);
  return JSON.parse(text);
}
