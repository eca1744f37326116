/**
 * The four outcomes of a command, as exit codes, and the errors that lead to each. Commands
 * throw these; `main` prints `sluice: <message>` and returns the exit code.
 */
export const exitCodes = {
  ok: 0,
  /** The server answered with an error (or the command failed after reaching it). */
  failed: 1,
  /** Unknown command or flag, missing or malformed argument, invalid configuration. */
  usage: 2,
  /** The endpoint could not be reached or did not answer. */
  cannotConnect: 3,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
}

/** Bad command line. `usage` is the help text to print after the message. */
export class UsageError extends CliError {
  readonly exitCode = exitCodes.usage;
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** A setting `serve` cannot use (the server's ConfigError). */
export class ConfigurationError extends CliError {
  readonly exitCode = exitCodes.usage;
  constructor(detail: string) {
    super(`ConfigError: ${detail}`);
  }
}

/** The server answered with an error; `code` is the SQS error code (QueueDoesNotExist, ...). */
export class ServerError extends CliError {
  readonly exitCode = exitCodes.failed;
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail === '' ? code : `${code}: ${detail}`);
  }
}

/** The command failed on this side: bad stdin, an unusable server build, a malformed answer. */
export class CommandError extends CliError {
  readonly exitCode = exitCodes.failed;
}

export class CannotConnectError extends CliError {
  readonly exitCode = exitCodes.cannotConnect;
  constructor(
    readonly endpoint: string,
    detail: string,
  ) {
    super(`cannot connect to ${endpoint}: ${detail}`);
  }
}
