import { SqsError } from '@sluice/protocol';
import type { HeaderValues } from './sigv4-canonical.js';

export const signingAlgorithm = 'AWS4-HMAC-SHA256';

/** What a SigV4 signature claims, from the Authorization header or a presigned query string. */
export interface SignatureParts {
  readonly location: 'header' | 'query';
  readonly accessKeyId: string;
  /** Credential scope: `<date>/<region>/<service>/aws4_request`. */
  readonly scopeDate: string;
  readonly scopeRegion: string;
  readonly scopeService: string;
  readonly scopeTerminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `YYYYMMDDTHHMMSSZ`, as signed. */
  readonly amzDate: string;
  /** Presigned URLs only: seconds the signature stays valid after amzDate. */
  readonly expiresSeconds: number | undefined;
  readonly hasSecurityToken: boolean;
}

/** Query parameters of a presigned URL, decoded; undefined when the query carries no SigV4. */
export type PresignParameters = ReadonlyMap<string, string>;

export function headerText(headers: HeaderValues, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * Reads the signature from the Authorization header, else from X-Amz-* query parameters;
 * undefined when the request carries neither (MissingAuthenticationToken is the caller's call).
 */
export function readSignatureParts(
  headers: HeaderValues,
  rawQuery: string,
): SignatureParts | undefined {
  const authorization = headerText(headers, 'authorization');
  if (authorization !== undefined) return fromAuthorizationHeader(authorization, headers);
  if (!/(^|&)X-Amz-(Algorithm|Credential|Signature)=/i.test(rawQuery)) return undefined;
  return fromQuery(queryParameters(rawQuery));
}

function fromAuthorizationHeader(authorization: string, headers: HeaderValues): SignatureParts {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== signingAlgorithm) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm.slice(0, 32)}'.`);
  }
  const fields = new Map<string, string>();
  for (const part of authorization.slice(space + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !fields.has(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  const amzDate = headerText(headers, 'x-amz-date') ?? dateHeaderAsAmzDate(headers);
  if (amzDate === undefined) {
    missing.push(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (missing.length > 0) throw incomplete(missing.join(' '));
  return {
    location: 'header',
    ...readCredential(fields.get('Credential') as string),
    signedHeaders: readSignedHeaders(fields.get('SignedHeaders') as string),
    signature: fields.get('Signature') as string,
    amzDate: amzDate as string,
    expiresSeconds: undefined,
    hasSecurityToken: headers['x-amz-security-token'] !== undefined,
  };
}

const presignNames = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Date',
  'X-Amz-Expires',
] as const;

function fromQuery(parameters: PresignParameters): SignatureParts {
  const missing = presignNames.filter((name) => !parameters.has(name));
  if (missing.length > 0) {
    throw incomplete(
      `AWS query-string parameters must include ${missing.map((name) => `'${name}'`).join(', ')}. Re-examine the query-string parameters.`,
    );
  }
  const algorithm = parameters.get('X-Amz-Algorithm') as string;
  if (algorithm !== signingAlgorithm) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm.slice(0, 32)}'.`);
  }
  const expiresText = parameters.get('X-Amz-Expires') as string;
  const expiresSeconds = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!(expiresSeconds >= 1)) {
    throw incomplete('X-Amz-Expires must be a whole number of seconds greater than zero.');
  }
  return {
    location: 'query',
    ...readCredential(parameters.get('X-Amz-Credential') as string),
    signedHeaders: readSignedHeaders(parameters.get('X-Amz-SignedHeaders') as string),
    signature: parameters.get('X-Amz-Signature') as string,
    amzDate: parameters.get('X-Amz-Date') as string,
    expiresSeconds,
    hasSecurityToken: parameters.has('X-Amz-Security-Token'),
  };
}

type CredentialFields = Pick<
  SignatureParts,
  'accessKeyId' | 'scopeDate' | 'scopeRegion' | 'scopeService' | 'scopeTerminator'
>;

function readCredential(credential: string): CredentialFields {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) {
    throw incomplete(
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.',
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator };
}

function readSignedHeaders(text: string): string[] {
  const names = text.split(';');
  if (names.some((name) => name === '')) throw incomplete('SignedHeaders is malformed.');
  if (!names.includes('host')) {
    throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return names;
}

/** A `Date` header (RFC 7231) stands in for X-Amz-Date when the latter is absent. */
function dateHeaderAsAmzDate(headers: HeaderValues): string | undefined {
  const text = headerText(headers, 'date');
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function queryParameters(rawQuery: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const name = part.slice(0, equals);
    if (!name.startsWith('X-Amz-')) continue;
    try {
      parameters.set(name, decodeURIComponent(part.slice(equals + 1)));
    } catch {
      parameters.set(name, part.slice(equals + 1));
    }
  }
  return parameters;
}

function incomplete(message: string): SqsError {
  return new SqsError('IncompleteSignature', message);
}
