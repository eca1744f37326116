#!/usr/bin/env node
// Runs the randomized tests (the compiled test files that take their seed from testSeed) with
// seeds other than their fixed ones, to find what the fixed seeds never reach. A failure prints
// the seed; `SLUICE_SEED=<seed> node --test <file>` replays it exactly.
//
//   node scripts/explore-seeds.mjs [--rounds 8] [--seed 12345] [path-prefix ...]
//
// Build first (npm run build). Not part of `npm test`: CI keeps the fixed seeds, so that a red
// run always means a change broke something, never that the dice came up differently.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  options: {
    rounds: { type: 'string', default: '8' },
    seed: { type: 'string' },
  },
  allowPositionals: true,
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10_000) {
  console.error('explore-seeds: --rounds must be an integer from 1 to 10000');
  process.exit(2);
}

function collect(directory, found) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) collect(path, found);
    else if (name.endsWith('.test.js') && readFileSync(path, 'utf8').includes('testSeed(')) {
      found.push(relative(root, path));
    }
  }
  return found;
}

const files = [];
for (const name of readdirSync(join(root, 'packages'))) {
  const dist = join(root, 'packages', name, 'dist');
  if (existsSync(dist)) collect(dist, files);
}
const selected = files
  .filter(
    (file) => positionals.length === 0 || positionals.some((prefix) => file.startsWith(prefix)),
  )
  .sort();
if (selected.length === 0) {
  console.error('explore-seeds: no seeded test files found; did the build run?');
  process.exit(1);
}

const failures = [];
for (let round = 1; round <= rounds; round++) {
  const seed = values.seed !== undefined && round === 1 ? Number(values.seed) : randomInt(2 ** 31);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...selected], {
    cwd: root,
    env: { ...process.env, SLUICE_SEED: String(seed) },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const failed = [...(result.stdout ?? '').matchAll(/^not ok \d+ - (.+)$/gm)].map(
    (match) => match[1],
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (result.status === 0) {
    console.log(`round ${round}/${rounds}: seed ${seed} passed (${seconds} s)`);
  } else {
    // Some failures depend on timing too (the crash tests kill processes at real moments), so
    // the failing run's output is kept: the seed alone may not reproduce them.
    const output = join(tmpdir(), `explore-seeds-${seed}.log`);
    writeFileSync(output, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    console.log(
      `round ${round}/${rounds}: seed ${seed} FAILED (${seconds} s): ${failed.join('; ')}`,
    );
    console.log(`  its output: ${output}`);
    failures.push({ seed, failed });
  }
}
// exitCode, not exit(): what was written to a pipe may still be buffered in this process.
if (failures.length > 0) {
  console.log(`\n${failures.length} of ${rounds} seeds failed. Replay one with:`);
  console.log(`  SLUICE_SEED=${failures[0].seed} node --test ${selected.join(' ')}`);
  process.exitCode = 1;
} else {
  console.log(`\nall ${rounds} seeds passed over ${selected.length} test files`);
}
