import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverSettings } from '@sluice/server';
import { settingFlags } from './serve-flags.js';

test('`sluice serve` has a flag for every server setting, under the same name and kind', () => {
  const expected = Object.entries(serverSettings)
    .map(([key, setting]) => `${setting.flag}=${key}`)
    .sort();
  const actual = Object.entries(settingFlags)
    .map(([flag, setting]) => `${flag}=${setting.key}`)
    .sort();
  assert.deepEqual(actual, expected);
  for (const [flag, setting] of Object.entries(settingFlags)) {
    const serverType = (serverSettings as Record<string, { type: string }>)[setting.key]?.type;
    const kind = serverType === 'optionalString' ? 'string' : serverType;
    assert.equal(setting.kind, kind, `--${flag}`);
  }
});
