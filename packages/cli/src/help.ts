import type { FlagSpec } from './arguments.js';
import type { Command } from './command.js';
import { exitCodes } from './cli-errors.js';

/** `sluice queue create NAME [--fifo] [--attribute K=V ...]`. */
export function usageLine(command: Command): string {
  const positionals = command.positionals.map((positional) =>
    positional.optional === true ? `[${positional.name}]` : positional.name,
  );
  const flags = Object.entries(command.flags)
    .filter(([name]) => !sharedFlagNames.has(name))
    .map(([name, spec]) => `[${flagSynopsis(name, spec)}]`);
  return ['sluice', ...command.words, ...positionals, ...flags].join(' ');
}

/** Flags listed in the general help once instead of in every usage line. */
const sharedFlagNames = new Set(['endpoint', 'region', 'json', 'help']);

function flagSynopsis(name: string, spec: FlagSpec): string {
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `--${name}${value}${spec.multiple === true ? ' ...' : ''}`;
}

/** The help of one command: usage, arguments, flags, examples. */
export function formatCommandHelp(command: Command): string {
  const sections = [`Usage: ${usageLine(command)}\n\n${command.summary}\n`];
  if (command.positionals.length > 0) {
    sections.push(
      `Arguments:\n${aligned(command.positionals.map((positional) => [positional.name, positional.description]))}`,
    );
  }
  const flags = Object.entries(command.flags).map(
    ([name, spec]) =>
      [flagSynopsis(name, spec).replace(/ \.\.\.$/, ''), flagDescription(spec)] as const,
  );
  sections.push(`Flags:\n${aligned(flags)}`);
  if (command.examples.length > 0) {
    sections.push(`Examples:\n${command.examples.map((example) => `  ${example}\n`).join('')}`);
  }
  return sections.join('\n');
}

function flagDescription(spec: FlagSpec): string {
  return spec.multiple === true ? `${spec.description} (repeatable)` : spec.description;
}

/** `queue create NAME`: the words and positionals, without flags, for command lists. */
function synopsis(command: Command): string {
  return [...command.words, ...command.positionals.map((positional) => positional.name)].join(' ');
}

/** What a usage error prints: the commands, and where to read more. */
export function formatCommandList(commands: readonly Command[]): string {
  const list = aligned(commands.map((command) => [synopsis(command), command.summary]));
  return `Usage: sluice <command> [arguments] [flags]\n\nCommands:\n${list}\nRun \`sluice help\` for flags and exit codes, \`sluice help <command>\` for one command.\n`;
}

/** The help of `sluice` itself: every command, the shared flags, the exit codes. */
export function formatGeneralHelp(commands: readonly Command[]): string {
  const list = aligned(commands.map((command) => [synopsis(command), command.summary]));
  return [
    'Usage: sluice <command> [arguments] [flags]\n',
    `Commands:\n${list}`,
    `Flags of every client command (all but serve):\n${aligned([
      ['--endpoint URL', 'server to talk to (env SLUICE_ENDPOINT, default http://127.0.0.1:9324)'],
      ['--region REGION', 'region requests are signed for (env SLUICE_REGION, default us-east-1)'],
      ['--json', 'print one JSON document instead of text'],
      ['--help', 'help for the command'],
    ])}`,
    `Other:\n${aligned([
      ['help [COMMAND]', 'this help, or the help of one command'],
      ['--version', 'print the version'],
    ])}`,
    `Exit codes:\n${aligned([
      [String(exitCodes.ok), 'success'],
      [String(exitCodes.failed), 'the server returned an error (its code is printed)'],
      [
        String(exitCodes.usage),
        'usage error: unknown command or flag, bad argument or configuration',
      ],
      [String(exitCodes.cannotConnect), 'cannot connect to the server'],
    ])}`,
  ].join('\n');
}

/** Usage of a command group (`sluice queue`), listing its subcommands. */
export function formatGroupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((command) => command.words[0] === group);
  const list = aligned(members.map((command) => [synopsis(command), command.summary]));
  return `Usage: sluice ${group} <command> [arguments] [flags]\n\nCommands:\n${list}`;
}

/** Two-column list, indented by two spaces; long left cells push their description below. */
function aligned(rows: readonly (readonly [string, string])[]): string {
  const widthMax = 32;
  const width = Math.min(widthMax, Math.max(...rows.map(([left]) => left.length)));
  return rows
    .map(([left, right]) =>
      left.length > width
        ? `  ${left}\n  ${' '.repeat(width)}  ${right}\n`
        : `  ${left.padEnd(width)}  ${right}\n`,
    )
    .join('');
}
