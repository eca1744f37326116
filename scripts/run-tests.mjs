#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/**/*.test.js) and the benchmark harness's own
// tests (benchmarks/**/*.test.mjs, plain JavaScript) under node:test.
// Usage: node scripts/run-tests.mjs [path-prefix ...]   e.g. packages/storage
// Node 20's test runner takes no globs, so the files are listed here.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const prefixes = process.argv.slice(2);

function collect(directory, found, suffix = '.test.js') {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) collect(path, found, suffix);
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

const files = [];
for (const workspace of ['packages']) {
  for (const name of readdirSync(join(root, workspace))) {
    const dist = join(root, workspace, name, 'dist');
    if (existsSync(dist)) collect(dist, files);
  }
}
collect(join(root, 'benchmarks'), files, '.test.mjs');
const selected = files
  .map((file) => relative(root, file))
  .filter((file) => prefixes.length === 0 || prefixes.some((prefix) => file.startsWith(prefix)))
  .sort();
if (selected.length === 0) {
  console.error('run-tests: no test files found; did the build run?');
  process.exit(1);
}
const concurrency = process.env.SLUICE_TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, ...selected],
  {
    cwd: root,
    stdio: 'inherit',
    // Tests reach nothing but 127.0.0.1: without credentials, the SDK's default chain (used by
    // the CLI tests that run in-process) would try the instance metadata address.
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  },
);
process.exit(result.status ?? 1);
