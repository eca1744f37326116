import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { sqsLimits, type Clock } from '@sluice/core';
import { SqsError } from '@sluice/protocol';
import type { AccessKey, Credentials } from './credentials.js';
import {
  canonicalHeaders,
  canonicalPath,
  canonicalQuery,
  type HeaderValues,
} from './sigv4-canonical.js';
import {
  headerText,
  readSignatureParts,
  signingAlgorithm,
  type SignatureParts,
} from './signature-parts.js';
import { SigningKeyCache } from './signing-key-cache.js';

/** A request as it arrived, before any parsing: what the client's signer saw. */
export interface SignedRequest {
  readonly method: string;
  /** The raw (still percent-encoded) path, without the query string. */
  readonly path: string;
  /** The raw query string without `?`. */
  readonly query: string;
  /** Lower-cased names; repeated headers as arrays (IncomingMessage.headersDistinct). */
  readonly headers: HeaderValues;
  readonly body: Buffer;
}

const unsignedPayload = 'UNSIGNED-PAYLOAD';
// crypto.hash (Node 20.12+) hashes in one call, without a Hash object per request.
const emptyBodyHash = hash('sha256', '', 'hex');

/**
 * Verifies AWS Signature Version 4 exactly as AWS does for SQS: Authorization header or presigned
 * query string, credential scope (date, region, service `sqs`, `aws4_request`), the 15-minute clock
 * window, the payload hash, then the signature itself (compared in constant time). Returns the key
 * that signed; throws the SqsError AWS would answer with. Error messages never carry a secret.
 */
export class SigV4Verifier {
  readonly #credentials: Credentials;
  readonly #region: string;
  readonly #clock: Clock;
  readonly #signingKeys = new SigningKeyCache();

  constructor(options: { credentials: Credentials; region: string; clock: Clock }) {
    this.#credentials = options.credentials;
    this.#region = options.region;
    this.#clock = options.clock;
  }

  verify(request: SignedRequest): AccessKey {
    const parts = readSignatureParts(request.headers, request.query);
    if (parts === undefined) throw new SqsError('MissingAuthenticationToken');
    const key = this.#credentials.keys.get(parts.accessKeyId);
    // Sluice issues no temporary credentials, so a session token is never one of ours.
    if (key === undefined || parts.hasSecurityToken) throw new SqsError('InvalidClientTokenId');
    const signedAtMs = parseAmzDate(parts.amzDate);
    this.#checkScope(parts);
    this.#checkTime(parts, signedAtMs);
    const signingKey = this.#signingKeys.signingKey(key.secretAccessKey, {
      accessKeyId: key.accessKeyId,
      date: parts.scopeDate,
      region: parts.scopeRegion,
      service: parts.scopeService,
    });
    for (const payloadHash of payloadHashCandidates(request, parts)) {
      const expected = signatureOf(
        signingKey,
        parts,
        canonicalRequest(request, parts, payloadHash),
      );
      if (signaturesEqual(expected, parts.signature)) return key;
    }
    throw new SqsError('SignatureDoesNotMatch');
  }

  #checkScope(parts: SignatureParts): void {
    if (parts.scopeDate !== parts.amzDate.slice(0, 8)) {
      throw new SqsError(
        'SignatureDoesNotMatch',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parts.scopeDate.slice(0, 16)}' != '${parts.amzDate.slice(0, 8)}', from '${parts.amzDate}'.`,
      );
    }
    if (parts.scopeRegion !== this.#region) {
      throw new SqsError(
        'SignatureDoesNotMatch',
        `Credential should be scoped to a valid region, not '${parts.scopeRegion.slice(0, 32)}'.`,
      );
    }
    if (parts.scopeService !== 'sqs') {
      throw new SqsError(
        'SignatureDoesNotMatch',
        "Credential should be scoped to correct service: 'sqs'.",
      );
    }
    if (parts.scopeTerminator !== 'aws4_request') {
      throw new SqsError(
        'SignatureDoesNotMatch',
        "Credential should be scoped with a valid terminator: 'aws4_request'.",
      );
    }
  }

  #checkTime(parts: SignatureParts, signedAtMs: number): void {
    const nowMs = this.#clock.nowMs();
    const skewMs = sqsLimits.signatureClockSkewMsMax;
    if (parts.expiresSeconds !== undefined) {
      if (parts.expiresSeconds > sqsLimits.presignedUrlExpiresSecondsMax) {
        throw new SqsError(
          'IncompleteSignature',
          `X-Amz-Expires must be less than a week (in seconds) that is ${sqsLimits.presignedUrlExpiresSecondsMax}.`,
        );
      }
      if (nowMs > signedAtMs + parts.expiresSeconds * 1000 || signedAtMs - skewMs > nowMs) {
        throw new SqsError('RequestExpired', 'Request has expired.');
      }
      return;
    }
    if (signedAtMs < nowMs - skewMs) {
      throw new SqsError(
        'RequestExpired',
        `Signature expired: ${parts.amzDate} is now earlier than ${amzDateOf(nowMs - skewMs)} (${amzDateOf(nowMs)} - 15 min.)`,
      );
    }
    if (signedAtMs > nowMs + skewMs) {
      throw new SqsError(
        'RequestExpired',
        `Signature not yet current: ${parts.amzDate} is still later than ${amzDateOf(nowMs + skewMs)} (${amzDateOf(nowMs)} + 15 min.)`,
      );
    }
  }
}

/**
 * The payload hashes a valid signature may have used. x-amz-content-sha256, when sent, must be the
 * body's hash or UNSIGNED-PAYLOAD, and is what was signed. Otherwise the body's hash; a presigned
 * URL with an empty body may also have been signed with UNSIGNED-PAYLOAD (botocore does that),
 * which protects nothing less since there is no body to protect.
 */
function payloadHashCandidates(request: SignedRequest, parts: SignatureParts): string[] {
  const declared = headerText(request.headers, 'x-amz-content-sha256');
  const bodyHash = request.body.length === 0 ? emptyBodyHash : hash('sha256', request.body, 'hex');
  if (declared !== undefined) {
    if (declared !== unsignedPayload && declared !== bodyHash) {
      throw new SqsError(
        'SignatureDoesNotMatch',
        'The provided x-amz-content-sha256 header does not match what was computed.',
      );
    }
    return [declared];
  }
  if (parts.location === 'query' && request.body.length === 0) return [bodyHash, unsignedPayload];
  return [bodyHash];
}

function canonicalRequest(
  request: SignedRequest,
  parts: SignatureParts,
  payloadHash: string,
): string {
  return [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.query, parts.location === 'query' ? 'X-Amz-Signature' : undefined),
    canonicalHeaders(request.headers, parts.signedHeaders),
    parts.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

function signatureOf(signingKey: Buffer, parts: SignatureParts, canonical: string): string {
  const scope = `${parts.scopeDate}/${parts.scopeRegion}/${parts.scopeService}/${parts.scopeTerminator}`;
  const canonicalHash = hash('sha256', canonical, 'hex');
  const stringToSign = `${signingAlgorithm}\n${parts.amzDate}\n${scope}\n${canonicalHash}`;
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

function signaturesEqual(expected: string, provided: string): boolean {
  if (provided.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(provided, 'latin1'));
}

/** `YYYYMMDDTHHMMSSZ` to epoch ms; anything else is IncompleteSignature, as AWS answers. */
export function parseAmzDate(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  const ms =
    match === null
      ? Number.NaN
      : Date.UTC(
          Number(match[1]),
          Number(match[2]) - 1,
          Number(match[3]),
          Number(match[4]),
          Number(match[5]),
          Number(match[6]),
        );
  if (Number.isNaN(ms)) {
    throw new SqsError(
      'IncompleteSignature',
      `Date must be in ISO-8601 'basic format'. Got '${text.slice(0, 32)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return ms;
}

function amzDateOf(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
