import { createHmac } from 'node:crypto';
import { authLimits } from '@sluice/core';

/**
 * SigV4 signing keys (four chained HMACs) by key, date, region and service. A key's signing key
 * changes once a day, so nearly every request finds its key here and costs one HMAC instead of
 * five. Bounded: past the maximum the oldest entry goes. Only keys of known accounts and scopes
 * already checked reach it, so a client cannot fill it with junk.
 */
export class SigningKeyCache {
  readonly #entries = new Map<string, Buffer>();

  signingKey(secretAccessKey: string, scope: SigningScope): Buffer {
    const cacheKey = `${scope.accessKeyId}/${scope.date}/${scope.region}/${scope.service}`;
    const cached = this.#entries.get(cacheKey);
    if (cached !== undefined) return cached;
    const key = deriveSigningKey(secretAccessKey, scope);
    if (this.#entries.size >= authLimits.signingKeyCacheCountMax) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(cacheKey, key);
    return key;
  }

  get size(): number {
    return this.#entries.size;
  }
}

export interface SigningScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secretAccessKey: string, scope: SigningScope): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date);
  const regionKey = hmac(dateKey, scope.region);
  const serviceKey = hmac(regionKey, scope.service);
  return hmac(serviceKey, 'aws4_request');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
