/**
 * Decodes an application/x-www-form-urlencoded string (a Query request's body or URL query) into
 * parameters, bounded in count so a hostile body cannot make us build millions of entries.
 * The first occurrence of a repeated name wins.
 */
import { sqsLimits } from '@sluice/core';
import { SqsError } from './errors.js';

export function decodeForm(text: string, into: Map<string, string>): void {
  let count = into.size;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      count += 1;
      if (count > sqsLimits.queryParameterCountMax) {
        throw new SqsError(
          'InvalidQueryParameter',
          `A request may carry at most ${sqsLimits.queryParameterCountMax} parameters.`,
        );
      }
      decodePair(text, start, end, into);
    }
    start = end + 1;
  }
}

function decodePair(text: string, start: number, end: number, into: Map<string, string>): void {
  // Search for '=' within the pair only: searching the whole text would be quadratic.
  const pair = text.slice(start, end);
  const equals = pair.indexOf('=');
  const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
  if (name === '' || into.has(name)) return;
  const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
  into.set(name, value);
}

/** Percent-decoding with `+` as space; a malformed escape or invalid UTF-8 is refused. */
export function decodeComponent(encoded: string): string {
  if (encoded.indexOf('%') === -1 && encoded.indexOf('+') === -1) return encoded;
  try {
    return decodeURIComponent(encoded.replaceAll('+', ' '));
  } catch {
    throw new SqsError(
      'MalformedQueryString',
      'The query string contains a malformed percent-encoding or invalid UTF-8.',
    );
  }
}
