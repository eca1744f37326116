import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allCommands } from './commands/all-commands.js';
import { formatCommandHelp, usageLine } from './help.js';

function command(words: string) {
  const found = allCommands.find((candidate) => candidate.words.join(' ') === words);
  assert.ok(found, words);
  return found;
}

test('usage lines show positionals and command flags but not the shared client flags', () => {
  assert.equal(
    usageLine(command('queue create')),
    'sluice queue create NAME [--fifo] [--attribute K=V ...]',
  );
  assert.equal(
    usageLine(command('receive')),
    'sluice receive QUEUE [--count N] [--wait S] [--visibility S] [--keep]',
  );
  assert.equal(usageLine(command('status')), 'sluice status');
  const serveUsage = usageLine(command('serve'));
  assert.ok(
    serveUsage.startsWith('sluice serve [--host HOST] [--port PORT] [--data-dir DIR] '),
    serveUsage,
  );
  assert.ok(serveUsage.includes(' [--tls-cert FILE] [--tls-key FILE] '), serveUsage);
  assert.ok(serveUsage.endsWith(' [--config FILE]'), serveUsage);
});

test('every command has a summary, an example and a help line for each of its flags', () => {
  for (const candidate of allCommands) {
    const help = formatCommandHelp(candidate);
    assert.ok(
      candidate.summary.length > 0 && candidate.examples.length > 0,
      candidate.words.join(' '),
    );
    for (const name of Object.keys(candidate.flags))
      assert.match(help, new RegExp(`\\n  --${name}\\b`));
  }
});

test('no two commands share the same words', () => {
  const names = allCommands.map((candidate) => candidate.words.join(' '));
  assert.equal(new Set(names).size, names.length);
});
