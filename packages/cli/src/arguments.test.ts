import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  integerFlag,
  parseKeyValue,
  parseLenient,
  parseStrict,
  stringListFlag,
  type FlagSpecs,
} from './arguments.js';
import { UsageError } from './cli-errors.js';

const flags: FlagSpecs = {
  count: { type: 'string', value: 'N', description: 'count' },
  keep: { type: 'boolean', description: 'keep' },
  attribute: { type: 'string', multiple: true, value: 'K=V', description: 'attribute' },
};

test('strict parsing returns flag values and positionals, with - kept as a positional', () => {
  const parsed = parseStrict(['send', 'q', '-', '--count', '3', '--keep'], flags);
  assert.deepEqual(parsed.positionals, ['send', 'q', '-']);
  assert.equal(parsed.flags['count'], '3');
  assert.equal(parsed.flags['keep'], true);
});

test('strict parsing turns an unknown flag into a one-line UsageError naming it', () => {
  assert.throws(
    () => parseStrict(['status', '--bogus'], flags),
    (error) =>
      error instanceof UsageError && /--bogus/.test(error.message) && !error.message.includes('\n'),
  );
});

test('strict parsing turns a flag missing its value into a UsageError', () => {
  assert.throws(() => parseStrict(['receive', 'q', '--count'], flags), UsageError);
});

test('lenient parsing finds command words after value flags without rejecting unknown ones', () => {
  const parsed = parseLenient(['--count', '3', 'queue', 'list', '--bogus'], flags);
  assert.deepEqual(parsed.positionals, ['queue', 'list']);
});

test('repeated flags collect every value in order', () => {
  const parsed = parseStrict(['--attribute', 'a=1', '--attribute', 'b=2'], flags);
  assert.deepEqual(stringListFlag(parsed.flags, 'attribute'), ['a=1', 'b=2']);
  assert.deepEqual(stringListFlag(parsed.flags, 'missing'), []);
});

test('integer flags accept whole numbers in range and refuse anything else as usage errors', () => {
  const range = { minimum: 1, maximum: 10 };
  assert.equal(integerFlag({ count: '10' }, 'count', range), 10);
  assert.equal(integerFlag({}, 'count', range), undefined);
  for (const text of ['0', '11', '1.5', '-1', 'abc', '', '1e1', ' 3']) {
    assert.throws(
      () => integerFlag({ count: text }, 'count', range),
      (error) =>
        error instanceof UsageError &&
        error.message.includes('--count must be a whole number from 1 to 10'),
      text,
    );
  }
});

test('KEY=VALUE splits at the first equals sign and refuses a missing key or sign', () => {
  assert.deepEqual(parseKeyValue('Policy={"a":"b=c"}', 'attribute'), {
    key: 'Policy',
    value: '{"a":"b=c"}',
  });
  assert.deepEqual(parseKeyValue('empty=', 'attribute'), { key: 'empty', value: '' });
  assert.throws(() => parseKeyValue('=value', 'attribute'), /--attribute takes KEY=VALUE/);
  assert.throws(() => parseKeyValue('novalue', 'attribute'), UsageError);
});
