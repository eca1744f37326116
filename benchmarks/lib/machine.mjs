// The machine and software versions a result was measured on, for results.json and the table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function debianVersion(name) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8' });
  } catch {
    return 'not installed';
  }
}

function packageVersion(name) {
  try {
    // Through the package directory: some packages' `exports` hide package.json.
    const entry = require.resolve(name);
    const directory = entry.slice(0, entry.lastIndexOf(`node_modules/${name}/`));
    const path = `${directory}node_modules/${name}/package.json`;
    return JSON.parse(readFileSync(path, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    servers: {
      'rabbitmq-server': debianVersion('rabbitmq-server'),
      'nats-server': debianVersion('nats-server'),
      'redis-server': debianVersion('redis-server'),
      'postgresql-15': debianVersion('postgresql-15'),
    },
    clients: Object.fromEntries(
      [
        'undici',
        '@aws-sdk/client-sqs',
        'amqplib',
        'nats',
        'bullmq',
        'ioredis',
        'pg-boss',
        'pg',
      ].map((name) => [name, packageVersion(name)]),
    ),
  };
}
