/**
 * AWS Signature Version 4 in the browser (WebCrypto), the one place the dashboard signs. The
 * secret key is used here and kept in sessionStorage only (see credentials.ts).
 */
export interface SigningKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

export interface UnsignedRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute URL on this origin. */
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key: ArrayBuffer | Uint8Array, text: string): Promise<ArrayBuffer> {
  const imported = await crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return crypto.subtle.sign('HMAC', imported, encoder.encode(text));
}

/** RFC 3986 encoding as SigV4 wants it. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams.entries()]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Returns the request's headers plus x-amz-date and Authorization. */
export async function signRequest(
  request: UnsignedRequest,
  key: SigningKey,
  now: Date = new Date(),
): Promise<Record<string, string>> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, 'x-amz-date': amzDate };
  const signed: Record<string, string> = { host: request.url.host };
  for (const [name, value] of Object.entries(headers)) signed[name.toLowerCase()] = value.trim();
  const names = Object.keys(signed).sort();
  const canonical = [
    request.method,
    request.url.pathname
      .split('/')
      .map((part) => uriEncode(decodeURIComponent(part)))
      .join('/'),
    canonicalQuery(request.url),
    names.map((name) => `${name}:${signed[name] ?? ''}\n`).join(''),
    names.join(';'),
    await sha256Hex(request.body),
  ].join('\n');
  const scope = `${day}/${key.region}/sqs/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  let signingKey = await hmac(encoder.encode(`AWS4${key.secretAccessKey}`), day);
  for (const part of [key.region, 'sqs', 'aws4_request']) signingKey = await hmac(signingKey, part);
  const signature = hex(await hmac(signingKey, stringToSign));
  headers['authorization'] =
    `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, ` +
    `SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}
