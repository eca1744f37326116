import assert from 'node:assert/strict';
import type { FlagSpecs, FlagValues } from './arguments.js';
import type { CliContext } from './cli-context.js';

/** A positional argument, e.g. `QUEUE`. */
export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
}

export interface Invocation {
  flags: FlagValues;
  /** Positional arguments by their spec's name (`QUEUE`, `BODY`). */
  positionals: Readonly<Record<string, string>>;
  context: CliContext;
}

/** One `sluice` command: what the help says about it and what it does. */
export interface Command {
  /** The words that name it: `['queue', 'create']`. */
  words: readonly string[];
  summary: string;
  positionals: readonly PositionalSpec[];
  /** Every flag it accepts, shared ones included. */
  flags: FlagSpecs;
  examples: readonly string[];
  /** Resolves to the exit code; throws a CliError (or anything) on failure. */
  run(invocation: Invocation): Promise<number>;
}

/** The flag every command accepts. */
export const helpFlag: FlagSpecs = {
  help: { type: 'boolean', description: 'show this help' },
};

/** Flags of every command that talks to a running server. */
export const clientFlags: FlagSpecs = {
  endpoint: {
    type: 'string',
    value: 'URL',
    description: 'server to talk to (env SLUICE_ENDPOINT, default http://127.0.0.1:9324)',
  },
  region: {
    type: 'string',
    value: 'REGION',
    description: 'region requests are signed for (env SLUICE_REGION, default us-east-1)',
  },
  json: { type: 'boolean', description: 'print one JSON document instead of text' },
  ...helpFlag,
};

/** A required positional; main has already refused the command line if it is missing. */
export function positional(invocation: Invocation, name: string): string {
  const value = invocation.positionals[name];
  assert(value !== undefined, `positional ${name} was not checked by main`);
  return value;
}
