import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SqsError, errorCatalogue, sqsErrorCodes, type SqsErrorCode } from './errors.js';

/** Every exception shape in botocore's SQS model (service-2.json, 2026-08). */
const modeledShapes = [
  'BatchEntryIdsNotDistinct',
  'BatchRequestTooLong',
  'EmptyBatchRequest',
  'InvalidAddress',
  'InvalidAttributeName',
  'InvalidAttributeValue',
  'InvalidBatchEntryId',
  'InvalidIdFormat',
  'InvalidMessageContents',
  'InvalidSecurity',
  'KmsAccessDenied',
  'KmsDisabled',
  'KmsInvalidKeyUsage',
  'KmsInvalidState',
  'KmsNotFound',
  'KmsOptInRequired',
  'KmsThrottled',
  'MessageNotInflight',
  'OverLimit',
  'PurgeQueueInProgress',
  'QueueDeletedRecently',
  'QueueDoesNotExist',
  'QueueNameExists',
  'ReceiptHandleIsInvalid',
  'RequestThrottled',
  'ResourceNotFoundException',
  'TooManyEntriesInBatchRequest',
  'UnsupportedOperation',
];

test('every error shape in the SQS model is in the catalogue, typed com.amazonaws.sqs#<Shape>', () => {
  for (const shape of modeledShapes) {
    assert.ok(shape in errorCatalogue, `${shape} is missing`);
    assert.equal(errorCatalogue[shape as SqsErrorCode].jsonType, `com.amazonaws.sqs#${shape}`);
  }
});

test('the common and Sluice errors the gateway needs are in the catalogue', () => {
  const required = [
    'InvalidParameterValue',
    'MissingParameter',
    'InvalidAction',
    'InvalidQueryParameter',
    'MalformedQueryString',
    'UnsupportedOperation',
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'MissingAuthenticationToken',
    'RequestExpired',
    'AccessDenied',
    'RequestThrottled',
    'ThrottlingException',
    'InternalError',
    'ServiceUnavailable',
    'NotLeader',
  ];
  for (const code of required) assert.ok(code in errorCatalogue, `${code} is missing`);
});

test('docs/errors.md lists every catalogue code in its table', () => {
  const documentation = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Set(
    [...documentation.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]),
  );
  const missing = sqsErrorCodes.filter((code) => !documented.has(code));
  assert.deepEqual(missing, [], `add these codes to docs/errors.md: ${missing.join(', ')}`);
});

test('the legacy Query codes and statuses match the SQS model awsQueryError traits', () => {
  assert.equal(
    errorCatalogue.QueueDoesNotExist.queryCode,
    'AWS.SimpleQueueService.NonExistentQueue',
  );
  assert.equal(errorCatalogue.QueueNameExists.queryCode, 'QueueAlreadyExists');
  assert.equal(errorCatalogue.PurgeQueueInProgress.httpStatus, 403);
  assert.equal(errorCatalogue.OverLimit.httpStatus, 403);
  assert.equal(errorCatalogue.ReceiptHandleIsInvalid.httpStatus, 404);
  assert.equal(errorCatalogue.InvalidAddress.httpStatus, 404);
  assert.equal(errorCatalogue.KmsThrottled.queryCode, 'KMS.ThrottlingException');
  assert.equal(
    errorCatalogue.TooManyEntriesInBatchRequest.queryCode,
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  );
});

test('server faults are 5xx and retryable, and every 5xx is a Receiver fault', () => {
  for (const code of sqsErrorCodes) {
    const entry = errorCatalogue[code];
    assert.ok(entry.httpStatus >= 400 && entry.httpStatus < 600, `${code} status`);
    if (entry.httpStatus >= 500) {
      assert.equal(entry.fault, 'Receiver', `${code} fault`);
      assert.equal(entry.retryable, true, `${code} retryable`);
    }
  }
  assert.equal(errorCatalogue.InternalError.httpStatus, 500);
  assert.equal(errorCatalogue.ServiceUnavailable.httpStatus, 503);
  assert.equal(errorCatalogue.ThrottlingException.retryable, true);
  assert.equal(errorCatalogue.RequestThrottled.retryable, true);
  assert.equal(errorCatalogue.QueueDoesNotExist.retryable, false);
});

test('no two public codes share a wire identity, so clients can always tell them apart', () => {
  const seen = new Map<string, string>();
  for (const code of sqsErrorCodes) {
    const entry = errorCatalogue[code];
    if ('internal' in entry) continue;
    const identity = `${entry.jsonType} ${entry.queryCode}`;
    assert.equal(seen.get(identity), undefined, `${code} duplicates ${seen.get(identity)}`);
    seen.set(identity, code);
  }
});

test('an SqsError carries its code and the catalogue default message unless given one', () => {
  const plain = new SqsError('QueueDoesNotExist');
  assert.ok(plain instanceof Error);
  assert.equal(plain.code, 'QueueDoesNotExist');
  assert.equal(plain.message, 'The specified queue does not exist.');
  assert.equal(plain.usesDefaultMessage, true);
  assert.equal(plain.httpStatus, 400);
  const worded = new SqsError('InvalidParameterValue', 'custom');
  assert.equal(worded.message, 'custom');
  assert.equal(worded.usesDefaultMessage, false);
});
