#!/usr/bin/env node
// Builds the native modules, each optional and each with a JavaScript fallback:
// - packages/protocol/native/md5-lanes.c: sixteen MD5s at once with AVX-512 or AVX2
//   (SendMessageBatch);
// - packages/partition/native/aes-cmac.c: receipt handles' AES-CMAC tags with AES-NI.
// Why each exists is in its source. Where they cannot be built (not x86-64, no C compiler)
// Sluice uses node:crypto instead and this says so. A compile error with a compiler present
// fails the build: that is a bug, not a missing tool.
// Usage: node scripts/build-native.mjs   (CC picks the compiler; default cc)
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = [
  ['packages/protocol/native/md5-lanes.c', 'packages/protocol/build/md5-lanes.node'],
  ['packages/partition/native/aes-cmac.c', 'packages/partition/build/aes-cmac.node'],
];
const fallback = 'Sluice will use node:crypto for MD5 batches and receipt handles';

if (process.arch !== 'x64') {
  process.stdout.write(`build-native: skipped on ${process.arch}; ${fallback}\n`);
  process.exit(0);
}
const headers = dirname(createRequire(import.meta.url).resolve('node-api-headers/package.json'));
const compiler = process.env.CC ?? 'cc';
const flags = ['-O2', '-Wall', '-Wextra', '-Werror', '-fPIC', '-shared'];
// Node-API symbols are resolved when Node loads the module.
if (process.platform === 'darwin') flags.push('-undefined', 'dynamic_lookup');
for (const [source, output] of modules.map((paths) => paths.map((path) => join(root, path)))) {
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
}
