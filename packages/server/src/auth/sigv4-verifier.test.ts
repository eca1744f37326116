import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '@sluice/core';
import { isSqsError } from '@sluice/protocol';
import { parseCredentials } from './credentials.js';
import { SigV4Verifier, type SignedRequest } from './sigv4-verifier.js';
import { presignWithSdk, signWithSdk, type RequestToSign } from './sigv4-test-signer.js';
import { deriveSigningKey } from './signing-key-cache.js';

const key = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const credentials = parseCredentials(
  { accounts: [{ id: '000000000001', admin: false, keys: [key] }] },
  'test',
);
const signingDate = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));

function verifier(nowMs = signingDate.getTime()): SigV4Verifier {
  return new SigV4Verifier({ credentials, region: 'us-east-1', clock: new ManualClock(nowMs) });
}

const jsonSend: RequestToSign = {
  method: 'POST',
  path: '/',
  headers: {
    host: '127.0.0.1:9324',
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'AmazonSQS.SendMessage',
  },
  body: JSON.stringify({
    QueueUrl: 'http://127.0.0.1:9324/000000000001/orders',
    MessageBody: 'hi',
  }),
};

const queryGet: RequestToSign = {
  method: 'GET',
  path: '/000000000001/orders',
  query: { Action: 'SendMessage', MessageBody: 'a b/c+d ~ é*', Version: '2012-11-05' },
  headers: { host: 'localhost:9324' },
};

function errorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isSqsError(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

function withHeader(request: SignedRequest, name: string, value: string): SignedRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}

describe('SigV4 verification against the AWS SDK signer', () => {
  test('the signing key derivation matches the example in the AWS documentation', () => {
    const signingKey = deriveSigningKey(key.secretAccessKey, {
      accessKeyId: key.accessKeyId,
      date: '20120215',
      region: 'us-east-1',
      service: 'iam',
    });
    assert.equal(
      signingKey.toString('hex'),
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });

  test('a JSON 1.0 SendMessage signed by the SDK (with x-amz-content-sha256) is accepted as its key', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    assert.ok(signed.headers['x-amz-content-sha256'] !== undefined);
    assert.equal(verifier().verify(signed).accountId, '000000000001');
  });

  test('a request signed without x-amz-content-sha256 is checked against the hash of its body', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate, applyChecksum: false });
    assert.equal(signed.headers['x-amz-content-sha256'], undefined);
    assert.equal(verifier().verify(signed).accessKeyId, 'AKIDEXAMPLE');
  });

  test('a Query form POST and a Query GET with reserved characters in its parameters are accepted', async () => {
    const form = await signWithSdk(
      {
        method: 'POST',
        path: '/000000000001/orders',
        headers: { host: 'localhost:9324', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=SendMessage&MessageBody=hello%20world&Version=2012-11-05',
      },
      key,
      { signingDate },
    );
    assert.equal(
      errorCode(() => verifier().verify(form)),
      'accepted',
    );
    const get = await signWithSdk(queryGet, key, { signingDate, applyChecksum: false });
    assert.equal(
      errorCode(() => verifier().verify(get)),
      'accepted',
    );
  });

  test('a presigned GET URL is accepted until it expires, then RequestExpired', async () => {
    const presigned = await presignWithSdk(queryGet, key, { signingDate, expiresInSeconds: 300 });
    assert.match(presigned.query, /X-Amz-Signature=/);
    assert.equal(presigned.headers['authorization'], undefined);
    assert.equal(
      errorCode(() => verifier().verify(presigned)),
      'accepted',
    );
    const later = signingDate.getTime() + 301_000;
    assert.equal(
      errorCode(() => verifier(later).verify(presigned)),
      'RequestExpired',
    );
  });

  test('a presigned URL signed with UNSIGNED-PAYLOAD (as botocore does) is accepted when it has no body', async () => {
    const presigned = await presignWithSdk(
      { ...queryGet, headers: { ...queryGet.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
      key,
      { signingDate, expiresInSeconds: 60 },
    );
    const headers = { ...presigned.headers };
    delete headers['x-amz-content-sha256'];
    assert.equal(
      errorCode(() => verifier().verify({ ...presigned, headers })),
      'accepted',
    );
  });

  test('a presigned URL with a changed parameter is SignatureDoesNotMatch', async () => {
    const presigned = await presignWithSdk(queryGet, key, { signingDate, expiresInSeconds: 300 });
    const tampered = {
      ...presigned,
      query: presigned.query.replace('MessageBody=a', 'MessageBody=b'),
    };
    assert.notEqual(tampered.query, presigned.query);
    assert.equal(
      errorCode(() => verifier().verify(tampered)),
      'SignatureDoesNotMatch',
    );
  });

  test('a tampered body is SignatureDoesNotMatch, with or without x-amz-content-sha256', async () => {
    for (const applyChecksum of [true, false]) {
      const signed = await signWithSdk(jsonSend, key, { signingDate, applyChecksum });
      const tampered = { ...signed, body: Buffer.from(signed.body.toString().replace('hi', 'ho')) };
      assert.equal(
        errorCode(() => verifier().verify(tampered)),
        'SignatureDoesNotMatch',
      );
    }
  });

  test('a tampered signed header is SignatureDoesNotMatch', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    const tampered = withHeader(signed, 'x-amz-target', 'AmazonSQS.DeleteQueue');
    assert.equal(
      errorCode(() => verifier().verify(tampered)),
      'SignatureDoesNotMatch',
    );
  });

  test('an x-amz-content-sha256 of UNSIGNED-PAYLOAD is honoured because the signature covers it', async () => {
    const signed = await signWithSdk(
      { ...jsonSend, headers: { ...jsonSend.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
      key,
      { signingDate },
    );
    assert.equal(
      errorCode(() => verifier().verify(signed)),
      'accepted',
    );
    const claimedUnsigned = withHeader(
      await signWithSdk(jsonSend, key, { signingDate }),
      'x-amz-content-sha256',
      'UNSIGNED-PAYLOAD',
    );
    assert.equal(
      errorCode(() => verifier().verify(claimedUnsigned)),
      'SignatureDoesNotMatch',
    );
  });

  test('a request signed more than 15 minutes before or after the server clock is RequestExpired', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    const minuteMs = 60_000;
    assert.equal(
      errorCode(() => verifier(signingDate.getTime() + 16 * minuteMs).verify(signed)),
      'RequestExpired',
    );
    assert.equal(
      errorCode(() => verifier(signingDate.getTime() - 16 * minuteMs).verify(signed)),
      'RequestExpired',
    );
    assert.equal(
      errorCode(() => verifier(signingDate.getTime() + 14 * minuteMs).verify(signed)),
      'accepted',
    );
  });

  test('a credential scope date other than the X-Amz-Date day is SignatureDoesNotMatch', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    const otherDay = withHeader(signed, 'x-amz-date', '20260116T120000Z');
    assert.equal(
      errorCode(() => verifier(Date.UTC(2026, 0, 16, 12)).verify(otherDay)),
      'SignatureDoesNotMatch',
    );
  });

  test('a wrong region or service in the credential scope is SignatureDoesNotMatch', async () => {
    const otherRegion = await signWithSdk(jsonSend, key, { signingDate, region: 'eu-west-1' });
    assert.equal(
      errorCode(() => verifier().verify(otherRegion)),
      'SignatureDoesNotMatch',
    );
    const otherService = await signWithSdk(jsonSend, key, { signingDate, service: 'sns' });
    assert.equal(
      errorCode(() => verifier().verify(otherService)),
      'SignatureDoesNotMatch',
    );
  });

  test('an unknown access key is InvalidClientTokenId and a wrong secret is SignatureDoesNotMatch', async () => {
    const unknown = await signWithSdk(
      jsonSend,
      { ...key, accessKeyId: 'AKIDUNKNOWN' },
      { signingDate },
    );
    assert.equal(
      errorCode(() => verifier().verify(unknown)),
      'InvalidClientTokenId',
    );
    const wrongSecret = await signWithSdk(
      jsonSend,
      { ...key, secretAccessKey: 'x'.repeat(40) },
      { signingDate },
    );
    assert.equal(
      errorCode(() => verifier().verify(wrongSecret)),
      'SignatureDoesNotMatch',
    );
  });

  test('a session token, which Sluice never issues, is InvalidClientTokenId', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    assert.equal(
      errorCode(() => verifier().verify(withHeader(signed, 'x-amz-security-token', 'token'))),
      'InvalidClientTokenId',
    );
  });

  test('no signature at all is MissingAuthenticationToken; a malformed one is IncompleteSignature', async () => {
    const unsigned: SignedRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: { host: 'localhost' },
      body: Buffer.from('Action=ListQueues'),
    };
    assert.equal(
      errorCode(() => verifier().verify(unsigned)),
      'MissingAuthenticationToken',
    );
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    const authorization = signed.headers['authorization'] as string;
    const noSignature = withHeader(
      signed,
      'authorization',
      authorization.replace(/, Signature=.*/, ''),
    );
    assert.equal(
      errorCode(() => verifier().verify(noSignature)),
      'IncompleteSignature',
    );
    const otherAlgorithm = withHeader(
      signed,
      'authorization',
      authorization.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512'),
    );
    assert.equal(
      errorCode(() => verifier().verify(otherAlgorithm)),
      'IncompleteSignature',
    );
    const withoutDate = { ...signed.headers };
    delete withoutDate['x-amz-date'];
    assert.equal(
      errorCode(() => verifier().verify({ ...signed, headers: withoutDate })),
      'IncompleteSignature',
    );
    const hostUnsigned = withHeader(
      signed,
      'authorization',
      authorization.replace('SignedHeaders=', 'SignedHeaders=x;').replace(/host;/, ''),
    );
    assert.equal(
      errorCode(() => verifier().verify(hostUnsigned)),
      'IncompleteSignature',
    );
  });

  test('no error message names the secret access key', async () => {
    const signed = await signWithSdk(jsonSend, key, { signingDate });
    const attempts: (() => unknown)[] = [
      () => verifier().verify(withHeader(signed, 'x-amz-target', 'x')),
      () => verifier(0).verify(signed),
      () =>
        verifier().verify(
          withHeader(signed, 'authorization', `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/x`),
        ),
    ];
    for (const attempt of attempts) {
      assert.throws(attempt, (error: Error) => !error.message.includes(key.secretAccessKey));
    }
  });
});
