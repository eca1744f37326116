import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { testSeed } from '@sluice/core';
import { ConfigError } from '../config.js';
import { serverLimits } from '../server-limits.js';
import { MetricsToken } from './metrics-token.js';

const directory = mkdtempSync(join(tmpdir(), 'sluice-metrics-token-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const token = '0123456789abcdef0123456789abcdef';

test('a token of exactly the minimum and maximum length is taken; one character fewer or more is a ConfigError', () => {
  const { metricsTokenLengthMin: min, metricsTokenLengthMax: max } = serverLimits;
  assert.ok(MetricsToken.of('a'.repeat(min)).admits(`Bearer ${'a'.repeat(min)}`));
  assert.ok(MetricsToken.of('a'.repeat(max)).admits(`Bearer ${'a'.repeat(max)}`));
  assert.throws(() => MetricsToken.of('a'.repeat(min - 1)), ConfigError);
  assert.throws(() => MetricsToken.of('a'.repeat(max + 1)), ConfigError);
});

test('a token with characters a bearer token cannot hold is a ConfigError that does not echo it', () => {
  for (const bad of [
    '0123456789abcdef 01',
    '0123456789abcdef"01',
    '=0123456789abcdef01',
    'é'.repeat(16),
  ]) {
    assert.throws(
      () => MetricsToken.of(bad),
      (error: unknown) => error instanceof ConfigError && !error.message.includes(bad),
    );
  }
});

test('read() ignores the trailing newline of a token file, and an unreadable file is a ConfigError', () => {
  const path = join(directory, 'token');
  writeFileSync(path, `${token}\n`);
  assert.ok(MetricsToken.read(path).admits(`Bearer ${token}`));
  assert.throws(() => MetricsToken.read(join(directory, 'missing')), ConfigError);
});

test('only "Bearer <token>" is admitted: any case of the scheme, never another scheme, a prefix, a suffix or nothing', () => {
  const metricsToken = MetricsToken.of(token);
  assert.ok(metricsToken.admits(`Bearer ${token}`));
  assert.ok(metricsToken.admits(`bearer  ${token}`));
  assert.ok(metricsToken.admits(`BEARER ${token} `));
  for (const refused of [
    undefined,
    '',
    'Bearer',
    `Bearer ${token.slice(1)}`,
    `Bearer ${token}0`,
    `Bearer ${token} extra`,
    `Basic ${Buffer.from(`user:${token}`).toString('base64')}`,
    `Token ${token}`,
    token,
  ]) {
    assert.equal(metricsToken.admits(refused), false, String(refused));
  }
});

test('a Bearer header is admitted exactly when it holds the token between spaces (property, near misses included)', () => {
  const metricsToken = MetricsToken.of(token);
  const seed = testSeed(0x6d65_7472);
  const nearMiss = fc
    .tuple(fc.nat(token.length), fc.nat(token.length), fc.string({ maxLength: 3 }))
    .map(([from, to, inserted]) => token.slice(0, from) + inserted + token.slice(to));
  const padding = fc.constantFrom('', ' ', '  ', '\t');
  fc.assert(
    fc.property(
      padding,
      fc.oneof(nearMiss, fc.string({ maxLength: 80 })),
      padding,
      (before, offered, afterToken) => {
        const value = `${before}${offered}${afterToken}`;
        const admitted = metricsToken.admits(`Bearer ${value}`);
        // Spaces (not tabs) around the token are allowed, however many.
        const expected = value.replace(/^ +| +$/g, '') === token;
        assert.equal(admitted, expected);
      },
    ),
    { seed, numRuns: 3000 },
  );
});
