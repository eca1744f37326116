import { SqsError } from '@sluice/protocol';

/** NextToken values: opaque to clients, naming the last item of the previous page and the listing. */
export function encodePageToken(lastKey: string, listing: string): string {
  return Buffer.from(JSON.stringify({ l: listing, k: lastKey }), 'utf8').toString('base64url');
}

export function decodePageToken(token: string, listing: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      l?: unknown;
      k?: unknown;
    };
    if (parsed.l === listing && typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through to the error below
  }
  throw new SqsError('InvalidParameterValue', 'Invalid NextToken value.');
}
