/**
 * The canonical forms SigV4 signs (AWS "Create a canonical request"): the path, the query string
 * and the headers, rebuilt from what arrived on the wire so that the server computes exactly the
 * bytes the client's signer hashed.
 */

/** RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - _ . ~` is escaped. */
export function uriEscape(text: string): string {
  if (unreserved.test(text)) return text;
  const encoded = encodeURIComponent(text);
  return reservedByRfc3986.test(encoded)
    ? encoded.replace(
        reservedByRfc3986Global,
        (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
      )
    : encoded;
}

const unreserved = /^[A-Za-z0-9\-_.~]*$/;
/** encodeURIComponent leaves these alone; RFC 3986 (and SigV4) escapes them. */
const reservedByRfc3986 = /[!'()*]/;
const reservedByRfc3986Global = /[!'()*]/g;

/**
 * Non-S3 services sign the path normalized (empty and `.` segments dropped, `..` resolved) and
 * encoded twice: the wire path is already percent-encoded, and it is escaped once more, as the
 * AWS SDKs' signers do (`%` becomes `%25`, `/` stays).
 */
export function canonicalPath(rawPath: string): string {
  if (rawPath === '' || rawPath === '/') return '/';
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  const normalized = `/${segments.join('/')}${trailing}`;
  return uriEscape(normalized).replace(/%2F/g, '/');
}

/**
 * The query string's parameters decoded, re-encoded strictly (RFC 3986) and sorted by name, then
 * value. `excluded` (the presigned URL's own X-Amz-Signature) is left out.
 */
export function canonicalQuery(rawQuery: string, excluded?: string): string {
  if (rawQuery === '') return '';
  const pairs: [name: string, value: string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = decodeComponent(equals < 0 ? part : part.slice(0, equals));
    if (name === excluded) continue;
    const value = equals < 0 ? '' : decodeComponent(part.slice(equals + 1));
    pairs.push([uriEscape(name), uriEscape(value)]);
  }
  // By encoded name, then encoded value; both are ASCII, so code-unit order is byte order.
  pairs.sort(([leftName, leftValue], [rightName, rightValue]) =>
    leftName !== rightName
      ? leftName < rightName
        ? -1
        : 1
      : leftValue < rightValue
        ? -1
        : leftValue > rightValue
          ? 1
          : 0,
  );
  let result = '';
  for (const [name, value] of pairs) result += `${result === '' ? '' : '&'}${name}=${value}`;
  return result;
}

function decodeComponent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: it is signed as the characters it is.
    return text;
  }
}

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A header's canonical value: values trimmed, inner runs of spaces collapsed, joined by `,`. */
export function canonicalHeaderValue(value: string | readonly string[] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ');
  return value.map((each) => each.trim().replace(/\s+/g, ' ')).join(',');
}

/** `name:value\n` for each signed header, in the order SignedHeaders lists them. */
export function canonicalHeaders(
  headers: HeaderValues,
  signedHeaderNames: readonly string[],
): string {
  let result = '';
  for (const name of signedHeaderNames)
    result += `${name}:${canonicalHeaderValue(headers[name])}\n`;
  return result;
}
