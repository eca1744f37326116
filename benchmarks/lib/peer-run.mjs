// Starts one peer-worker measurement pinned (taskset) to the load core and resolves its result;
// kills it if it outlives `timeoutMs` so one stuck peer cannot hang the whole comparison.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workerPath = fileURLToPath(new URL('./peer-worker.mjs', import.meta.url));
/** Workers still running, for killPeerWorkers. */
const running = new Set();

/** Kills every worker still running (the comparison was interrupted). */
export function killPeerWorkers() {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * `onPhase(phase)` hears when a closed loop started with `announcePhases` begins and ends its
 * measured window ('measuring', 'measured'); every other message is the result.
 */
export function runPeerWorker(spec, { core, timeoutMs, onPhase }) {
  return new Promise((resolve) => {
    const child = fork(workerPath, [JSON.stringify(spec)], {
      execPath: 'taskset',
      execArgv: ['-c', String(core), process.execPath, '--no-warnings'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    running.add(child);
    let result;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message) => {
      if (typeof message?.phase === 'string') onPhase?.(message.phase);
      else result = message;
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      resolve(result ?? { error: `worker exited (${signal ?? code}) without a result` });
    });
  });
}
