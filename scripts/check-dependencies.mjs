#!/usr/bin/env node
// Keeps the package graph one-way (STYLE.md "Layout"): each workspace package may depend only on
// the packages listed for it below, never on a deep path into another package's src/ or dist/,
// and dependency-cruiser checks that no module imports form a cycle.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Who may import whom. Lower layers never import higher ones. */
const allowed = {
  core: [],
  protocol: ['core'],
  storage: ['core'],
  queue: ['core'],
  partition: ['core', 'storage', 'queue'],
  server: ['core', 'protocol', 'storage', 'queue', 'partition'],
  client: ['core', 'protocol'],
  cli: ['core', 'protocol', 'server', 'client'],
  dashboard: ['core', 'protocol'],
  testing: ['core', 'protocol', 'storage', 'queue', 'partition', 'server', 'client', 'cli'],
};

const failures = [];
const packagesDirectory = join(root, 'packages');
for (const name of readdirSync(packagesDirectory)) {
  const manifestPath = join(packagesDirectory, name, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const permitted = allowed[name];
  if (permitted === undefined) {
    failures.push(`packages/${name}: not in the layer table of scripts/check-dependencies.mjs`);
    continue;
  }
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter((dependency) => dependency.startsWith('@sluice/'))
    .map((dependency) => dependency.slice('@sluice/'.length));
  for (const dependency of declared) {
    if (!permitted.includes(dependency)) {
      failures.push(`packages/${name} depends on @sluice/${dependency}, which its layer forbids`);
    }
  }
  const sourceDirectory = join(packagesDirectory, name, 'src');
  if (!existsSync(sourceDirectory)) continue;
  for (const file of walk(sourceDirectory)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from\s+'(@sluice\/[^']+|\.\.\/\.\.\/[^']+)'/g)) {
      const specifier = match[1];
      if (specifier.startsWith('../../')) {
        failures.push(`${file}: relative import '${specifier}' reaches outside its package`);
        continue;
      }
      const [, target, ...rest] = specifier.split('/');
      if (rest.length > 0)
        failures.push(`${file}: deep import '${specifier}'; use the package's index`);
      if (target !== name && !declared.includes(target)) {
        failures.push(`${file}: imports @sluice/${target} without declaring it in package.json`);
      }
    }
  }
}

function* walk(directory) {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const cruise = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'err',
    'packages',
  ],
  { cwd: root, encoding: 'utf8' },
);
if (cruise.status !== 0) failures.push(`dependency-cruiser:\n${cruise.stdout}${cruise.stderr}`);

// exitCode, not exit(): a long report written to a pipe may still be buffered in this process.
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exitCode = 1;
} else {
  console.log('check-dependencies: package graph is one-way and acyclic');
}
