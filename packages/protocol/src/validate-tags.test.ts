import { test } from 'node:test';
import { validateQueueTagCount, validateTagKeys, validateTags } from './validate-tags.js';
import { assertSqsError } from './test-assertions.js';

test('tag keys of 1-128 characters and values of up to 256 are accepted', () => {
  validateTags({ ['k'.repeat(128)]: 'v'.repeat(256), team: '' });
});

test('a tag key that is empty or longer than 128 characters is InvalidParameterValue', () => {
  assertSqsError(() => validateTags({ '': 'v' }), 'InvalidParameterValue', 'Tag keys');
  assertSqsError(
    () => validateTags({ ['k'.repeat(129)]: 'v' }),
    'InvalidParameterValue',
    'Tag keys',
  );
  assertSqsError(() => validateTagKeys(['k'.repeat(129)]), 'InvalidParameterValue', 'Tag keys');
});

test('a tag value longer than 256 characters is InvalidParameterValue', () => {
  assertSqsError(() => validateTags({ k: 'v'.repeat(257) }), 'InvalidParameterValue', 'Tag values');
});

test('more than 50 tags in one request, or on one queue, is refused', () => {
  const tags: Record<string, string> = {};
  for (let index = 0; index < 51; index++) tags[`k${index}`] = 'v';
  assertSqsError(() => validateTags(tags), 'InvalidParameterValue', 'at most 50 tags');
  validateQueueTagCount(50);
  assertSqsError(() => validateQueueTagCount(51), 'InvalidParameterValue');
});

test('TagQueue without tags and UntagQueue without keys are MissingParameter', () => {
  assertSqsError(
    () => validateTags({}),
    'MissingParameter',
    'The request must contain the parameter Tags.',
  );
  assertSqsError(
    () => validateTagKeys([]),
    'MissingParameter',
    'The request must contain the parameter TagKeys.',
  );
});
