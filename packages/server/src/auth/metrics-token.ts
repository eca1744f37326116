import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';
import { serverLimits } from '../server-limits.js';

/** RFC 6750's b64token: the characters a bearer token may hold. */
const tokenPattern = /^[A-Za-z0-9\-._~+/]+=*$/;
/** The scheme is case-insensitive (RFC 9110 §11.1); one or more spaces before the token. */
const headerPattern = /^bearer +([^ ]+) *$/i;

/**
 * The bearer token GET /metrics takes when --metrics-token-file is set (Prometheus sends it
 * with `authorization: { credentials_file: ... }`). Prometheus cannot sign SigV4, so /metrics
 * has its own secret rather than an admin key. Only the token's SHA-256 is kept, and an
 * offered token is compared by digest in constant time, so neither its bytes nor its length
 * leak through timing.
 */
export class MetricsToken {
  readonly #digest: Buffer;

  private constructor(token: string) {
    this.#digest = digestOf(token);
  }

  /** Reads the token from a file; surrounding whitespace (a trailing newline) is ignored. */
  static read(path: string): MetricsToken {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read metricsTokenFile ${path}: ${(error as Error).message}`);
    }
    return MetricsToken.of(text.trim(), `metricsTokenFile ${path}`);
  }

  static of(token: string, source = 'the metrics token'): MetricsToken {
    const { metricsTokenLengthMin: min, metricsTokenLengthMax: max } = serverLimits;
    if (token.length < min || token.length > max) {
      throw new ConfigError(
        `${source} must hold a token of ${min} to ${max} characters (e.g. openssl rand -hex 32), not ${token.length}`,
      );
    }
    if (!tokenPattern.test(token)) {
      throw new ConfigError(
        `${source} must hold a bearer token: letters, digits and - . _ ~ + /, then any = padding`,
      );
    }
    return new MetricsToken(token);
  }

  /** Whether an Authorization header value carries this token. */
  admits(authorization: string | undefined): boolean {
    if (authorization === undefined) return false;
    const offered = headerPattern.exec(authorization)?.[1];
    if (offered === undefined) return false;
    return timingSafeEqual(digestOf(offered), this.#digest);
  }
}

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
