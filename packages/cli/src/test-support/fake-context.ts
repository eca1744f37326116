import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { CliContext, StopSignal } from '../cli-context.js';

/** A CliContext whose output is captured, whose stdin is `stdinText`, with no real signals. */
export interface FakeContext extends CliContext {
  readonly output: { stdout: string; stderr: string };
  readonly exitCodes: number[];
  /** Delivers a signal to whatever `serve` registered. */
  raise(signal: StopSignal): void;
  listenerCount(signal: StopSignal): number;
}

export function fakeContext(
  options: { environment?: NodeJS.ProcessEnv; stdinText?: string } = {},
): FakeContext {
  const output = { stdout: '', stderr: '' };
  const signals = new EventEmitter();
  const exitCodes: number[] = [];
  return {
    output,
    exitCodes,
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    stdin: Readable.from([Buffer.from(options.stdinText ?? '', 'utf8')]),
    environment: options.environment ?? {},
    signals,
    exit: (code) => exitCodes.push(code),
    raise: (signal) => signals.emit(signal),
    listenerCount: (signal) => signals.listenerCount(signal),
  };
}
