/**
 * Test helpers shared by this package's tests (not exported from the package): assert that a
 * call throws the SqsError SQS would answer.
 */
import assert from 'node:assert/strict';
import { SqsError, type SqsErrorCode } from './errors.js';

export function assertSqsError(
  run: () => unknown,
  code: SqsErrorCode,
  messageIncludes?: string,
): SqsError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof SqsError, `expected SqsError ${code}, got ${String(thrown)}`);
  assert.equal(thrown.code, code, `expected ${code}, got ${thrown.code}: ${thrown.message}`);
  if (messageIncludes !== undefined) {
    assert.ok(
      thrown.message.includes(messageIncludes),
      `message "${thrown.message}" should include "${messageIncludes}"`,
    );
  }
  return thrown;
}
