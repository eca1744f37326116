/**
 * For tests only: signs requests with the AWS SDK's own signer (@smithy/signature-v4, installed
 * with @aws-sdk/client-sqs), so the verifier is checked against AWS's implementation rather than
 * against a second copy of our own.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SignedRequest } from './sigv4-verifier.js';
import { uriEscape } from './sigv4-canonical.js';

class NodeSha256 {
  #hash: Hash | Hmac;
  readonly #secret: Uint8Array | string | undefined;
  constructor(secret?: Uint8Array | string | ArrayBuffer | ArrayBufferView) {
    this.#secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret);
    this.#hash =
      this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    this.#hash =
      this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
}

export interface TestKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface RequestToSign {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

function signer(key: TestKey, region: string, service: string, applyChecksum = true): SignatureV4 {
  return new SignatureV4({ credentials: key, region, service, sha256: NodeSha256, applyChecksum });
}

function httpRequest(request: RequestToSign): {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
} {
  return {
    method: request.method,
    protocol: 'http:',
    hostname: request.headers['host'] ?? 'localhost',
    path: request.path,
    query: { ...request.query },
    headers: { ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

/** Signs with an Authorization header, as the SDK does for every call. */
export async function signWithSdk(
  request: RequestToSign,
  key: TestKey,
  options: { signingDate: Date; region?: string; service?: string; applyChecksum?: boolean },
): Promise<SignedRequest> {
  const signed = await signer(
    key,
    options.region ?? 'us-east-1',
    options.service ?? 'sqs',
    options.applyChecksum,
  ).sign(httpRequest(request), { signingDate: options.signingDate });
  return toSignedRequest(signed as ReturnType<typeof httpRequest>);
}

/** A presigned URL (X-Amz-* query parameters), as `@aws-sdk/s3-request-presigner` makes them. */
export async function presignWithSdk(
  request: RequestToSign,
  key: TestKey,
  options: { signingDate: Date; expiresInSeconds: number; region?: string },
): Promise<SignedRequest> {
  const signed = await signer(key, options.region ?? 'us-east-1', 'sqs').presign(
    httpRequest(request),
    { signingDate: options.signingDate, expiresIn: options.expiresInSeconds },
  );
  return toSignedRequest(signed as ReturnType<typeof httpRequest>);
}

function toSignedRequest(request: ReturnType<typeof httpRequest>): SignedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  return {
    method: request.method,
    path: request.path,
    query: Object.entries(request.query)
      .map(([name, value]) => `${uriEscape(name)}=${uriEscape(value)}`)
      .join('&'),
    headers,
    body: Buffer.from(request.body ?? '', 'utf8'),
  };
}
