// Runs a scenario from a separate process pinned (taskset) to a core apart from the server.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workerPath = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));

/**
 * @param {{ origin: string, scenarioModule: string, scenarioOptions?: object, connections: number,
 *   durationMs: number, ratePerSecond?: number, core?: number }} spec
 */
export function runLoad(spec) {
  return new Promise((resolve, reject) => {
    const child = fork(workerPath, [JSON.stringify(spec)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(spec.core === undefined
        ? {}
        : { execPath: 'taskset', execArgv: ['-c', String(spec.core), process.execPath] }),
    });
    let result;
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result === undefined) reject(new Error(`load worker exited with ${code} and no result`));
      else resolve({ ...result, perSecond: (result.units / result.elapsedMs) * 1000 });
    });
  });
}
