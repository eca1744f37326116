#!/usr/bin/env node
// Builds the one native module, packages/protocol/native/md5-lanes.c (sixteen MD5s at once with
// AVX-512; why in that file), into packages/protocol/build/md5-lanes.node. It is optional: where
// it cannot be built (not x86-64, no C compiler) Sluice hashes with node:crypto and says so here.
// A compile error with a compiler present fails the build: that is a bug, not a missing tool.
// Usage: node scripts/build-native.mjs   (CC picks the compiler; default cc)
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'packages/protocol/native/md5-lanes.c');
const output = join(root, 'packages/protocol/build/md5-lanes.node');
const fallback = 'SendMessageBatch will hash bodies one by one with node:crypto';

if (process.arch !== 'x64') {
  process.stdout.write(`build-native: skipped on ${process.arch}; ${fallback}\n`);
  process.exit(0);
}
const headers = dirname(createRequire(import.meta.url).resolve('node-api-headers/package.json'));
const compiler = process.env.CC ?? 'cc';
const flags = ['-O2', '-Wall', '-Wextra', '-Werror', '-fPIC', '-shared'];
// Node-API symbols are resolved when Node loads the module.
if (process.platform === 'darwin') flags.push('-undefined', 'dynamic_lookup');
mkdirSync(dirname(output), { recursive: true });
const result = spawnSync(
  compiler,
  [...flags, '-I', join(headers, 'include'), source, '-o', output],
  { stdio: 'inherit' },
);
if (result.error?.code === 'ENOENT') {
  process.stdout.write(`build-native: no C compiler (${compiler}); ${fallback}\n`);
  process.exit(0);
}
if (result.status !== 0) {
  process.stderr.write(`build-native: ${compiler} failed on ${source}\n`);
  process.exit(1);
}
