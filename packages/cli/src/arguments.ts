import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors.js';

/** A flag as node:util parseArgs understands it, plus the help line that documents it. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder in help, e.g. `URL` for `--endpoint URL`. */
  value?: string;
  description: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export type FlagValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

export interface ParsedArguments {
  flags: FlagValues;
  positionals: string[];
}

/** Parses `argumentsList` strictly against `flags`; any parse problem is a UsageError. */
export function parseStrict(argumentsList: readonly string[], flags: FlagSpecs): ParsedArguments {
  try {
    const { values, positionals } = parseArgs({
      args: [...argumentsList],
      options: toParseArgsOptions(flags),
      strict: true,
      allowPositionals: true,
    });
    return { flags: values, positionals };
  } catch (error) {
    throw new UsageError(firstLine(error));
  }
}

/**
 * Finds the positionals without rejecting anything, so the command can be looked up before its
 * own flags are known. Flags taking a value must be in `flags`, or their value would be taken
 * for a positional.
 */
export function parseLenient(argumentsList: readonly string[], flags: FlagSpecs): ParsedArguments {
  const { values, positionals } = parseArgs({
    args: [...argumentsList],
    options: toParseArgsOptions(flags),
    strict: false,
    allowPositionals: true,
  });
  return { flags: values, positionals };
}

function toParseArgsOptions(
  flags: FlagSpecs,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(flags)) {
    options[name] =
      spec.multiple === true ? { type: spec.type, multiple: true } : { type: spec.type };
  }
  return options;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

export function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(flags: FlagValues, name: string): boolean {
  return flags[name] === true;
}

export function stringListFlag(flags: FlagValues, name: string): string[] {
  const value = flags[name];
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/** A whole number in [minimum, maximum] given as `--name TEXT`; undefined if the flag is absent. */
export function integerFlag(
  flags: FlagValues,
  name: string,
  range: { minimum: number; maximum: number },
): number | undefined {
  const text = stringFlag(flags, name);
  if (text === undefined) return undefined;
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.minimum || value > range.maximum) {
    throw new UsageError(
      `--${name} must be a whole number from ${range.minimum} to ${range.maximum}, not "${text}"`,
    );
  }
  return value;
}

/** Splits `KEY=VALUE` at the first `=`; the key must not be empty. */
export function parseKeyValue(text: string, flagName: string): { key: string; value: string } {
  const separator = text.indexOf('=');
  if (separator <= 0) {
    throw new UsageError(`--${flagName} takes KEY=VALUE, not "${text}"`);
  }
  return { key: text.slice(0, separator), value: text.slice(separator + 1) };
}
