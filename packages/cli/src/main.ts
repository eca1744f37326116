import { parseLenient, parseStrict, type FlagSpecs } from './arguments.js';
import { processContext, type CliContext } from './cli-context.js';
import { UsageError, exitCodes, type CliError } from './cli-errors.js';
import { toCliError } from './classify-error.js';
import type { Command } from './command.js';
import { allCommands } from './commands/all-commands.js';
import {
  formatCommandHelp,
  formatCommandList,
  formatGeneralHelp,
  formatGroupHelp,
  usageLine,
} from './help.js';
import { cliVersion } from './version.js';

/**
 * Runs `sluice` with `argumentsList` (process.argv without node and the script) and resolves
 * to the exit code. Never throws: every failure is printed as `sluice: <message>` on stderr.
 */
export async function main(
  argumentsList: readonly string[],
  context: CliContext = processContext(),
  commands: readonly Command[] = allCommands,
): Promise<number> {
  try {
    return await dispatch(argumentsList, context, commands);
  } catch (error) {
    return report(toCliError(error, ''), context);
  }
}

async function dispatch(
  argumentsList: readonly string[],
  context: CliContext,
  commands: readonly Command[],
): Promise<number> {
  const lenient = parseLenient(argumentsList, valueFlagsOf(commands));
  const words = lenient.positionals;
  if (words[0] === 'help') return help(words.slice(1), context, commands);
  if (words.length === 0) {
    if (lenient.flags['version'] === true) return print(context, `${cliVersion()}\n`);
    if (lenient.flags['help'] === true) return print(context, formatGeneralHelp(commands));
    throw new UsageError('no command given', formatCommandList(commands));
  }
  const command = findCommand(words, commands);
  try {
    const parsed = parseStrict(argumentsList, command.flags);
    if (parsed.flags['help'] === true) return print(context, formatCommandHelp(command));
    const positionals = bindPositionals(command, parsed.positionals.slice(command.words.length));
    return await command.run({ flags: parsed.flags, positionals, context });
  } catch (error) {
    if (error instanceof UsageError && error.usage === undefined) {
      throw new UsageError(error.message, `Usage: ${usageLine(command)}\n`);
    }
    throw error;
  }
}

function findCommand(words: readonly string[], commands: readonly Command[]): Command {
  const match = commands.find((command) =>
    command.words.every((word, index) => words[index] === word),
  );
  if (match !== undefined) return match;
  const group = words[0] ?? '';
  if (isGroup(group, commands)) {
    const message =
      words[1] === undefined
        ? `${group}: no command given`
        : `unknown command "${group} ${words[1]}"`;
    throw new UsageError(message, formatGroupHelp(group, commands));
  }
  throw new UsageError(`unknown command "${group}"`, formatCommandList(commands));
}

/** Maps the positionals after the command words to their names; too few or many is usage. */
function bindPositionals(command: Command, values: readonly string[]): Record<string, string> {
  const bound: Record<string, string> = {};
  command.positionals.forEach((spec, index) => {
    const value = values[index];
    if (value !== undefined) bound[spec.name] = value;
    else if (spec.optional !== true) throw new UsageError(`missing argument ${spec.name}`);
  });
  const extra = values[command.positionals.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return bound;
}

function help(words: readonly string[], context: CliContext, commands: readonly Command[]): number {
  if (words.length === 0) return print(context, formatGeneralHelp(commands));
  const [group] = words;
  if (words.length === 1 && group !== undefined && isGroup(group, commands)) {
    return print(context, formatGroupHelp(group, commands));
  }
  return print(context, formatCommandHelp(findCommand(words, commands)));
}

/** `queue` names a group of commands rather than a command. */
function isGroup(word: string, commands: readonly Command[]): boolean {
  return commands.some((command) => command.words.length > 1 && command.words[0] === word);
}

/**
 * Every flag of every command (string flags must be known so their values are not taken for
 * command words), plus `--version`.
 */
function valueFlagsOf(commands: readonly Command[]): FlagSpecs {
  const flags: Record<string, FlagSpecs[string]> = {
    version: { type: 'boolean', description: 'print the version' },
  };
  for (const command of commands) Object.assign(flags, command.flags);
  return flags;
}

function print(context: CliContext, text: string): number {
  context.stdout.write(text);
  return exitCodes.ok;
}

function report(error: CliError, context: CliContext): number {
  context.stderr.write(`sluice: ${error.message}\n`);
  if (error instanceof UsageError && error.usage !== undefined) {
    context.stderr.write(`\n${error.usage}`);
  }
  return error.exitCode;
}
