import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serverNodeOptions } from './node-options.js';

test('this node accepts every recommended server option, and refuses a misspelt one', () => {
  const accepted = spawnSync(
    process.execPath,
    [...serverNodeOptions, '-e', 'process.stdout.write(JSON.stringify(process.execArgv))'],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(accepted.status, 0, accepted.stderr);
  assert.deepEqual(
    (JSON.parse(accepted.stdout) as string[]).slice(0, serverNodeOptions.length),
    serverNodeOptions,
  );
  // The same check on an option node does not know, so that a pass above means something.
  const refused = spawnSync(process.execPath, ['--initial-old-space-sizes=64', '-e', '0'], {
    encoding: 'utf8',
  });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /bad option/);
});
