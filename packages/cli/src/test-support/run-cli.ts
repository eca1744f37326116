import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real entry point, run as a child process the way users run it. */
export const binPath = fileURLToPath(new URL('../../bin/sluice.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/sluice.js ...argumentsList` and resolves when it exits. Asynchronous on
 * purpose: a stub server in this process must keep answering while the child runs.
 */
export function runCli(
  argumentsList: readonly string[],
  options: { environment?: NodeJS.ProcessEnv; stdinText?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...argumentsList], {
      env: {
        ...process.env,
        // No instance-metadata lookups from the SDK's credential chain on CI machines.
        AWS_EC2_METADATA_DISABLED: 'true',
        ...options.environment,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdinText ?? '');
  });
}

/** A `sluice` child process that keeps running (serve), with its output so far. */
export interface RunningCli {
  readonly output: { stdout: string; stderr: string };
  /** Resolves once stdout matches; rejects if the process exits first. */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
  signal(signal: NodeJS.Signals): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(
  argumentsList: readonly string[],
  options: { environment?: NodeJS.ProcessEnv } = {},
): RunningCli {
  const child = spawn(process.execPath, [binPath, ...argumentsList], {
    env: { ...process.env, ...options.environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  const watchers = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    output.stdout += text;
    for (const watcher of watchers) watcher();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output.stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    output,
    exited,
    signal: (signal) => child.kill(signal),
    waitForStdout: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output.stdout);
          if (match === null) return;
          watchers.delete(check);
          resolve(match);
        };
        watchers.add(check);
        check();
        void exited.then(() => {
          watchers.delete(check);
          reject(new Error(`sluice exited before printing ${pattern}; stderr: ${output.stderr}`));
        });
      }),
  };
}
