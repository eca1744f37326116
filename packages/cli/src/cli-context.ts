/**
 * Everything a command touches outside its arguments: output streams, stdin, the environment,
 * signals and process exit. `main` gets the real process; unit tests pass fakes.
 */
export interface OutputStream {
  write(text: string): unknown;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The subset of `process` that `serve` needs to learn it should stop. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: AsyncIterable<Uint8Array | string>;
  environment: NodeJS.ProcessEnv;
  signals: SignalSource;
  /** Ends the process at once; only used for a second stop signal while `serve` drains. */
  exit(code: number): void;
}

export function processContext(): CliContext {
  // `sluice queue list | head -1`: a reader that goes away is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    environment: process.env,
    signals: process,
    exit: (code) => process.exit(code),
  };
}
