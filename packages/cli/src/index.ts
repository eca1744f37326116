export { main } from './main.js';
export type { CliContext, OutputStream, SignalSource, StopSignal } from './cli-context.js';
export { exitCodes, type ExitCode } from './cli-errors.js';
