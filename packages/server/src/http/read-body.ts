import type { IncomingMessage } from 'node:http';

/** The request body was larger than the limit; nothing beyond the limit was buffered. */
export class BodyTooLargeError extends Error {
  readonly code = 'BodyTooLarge';
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/** The client went away or the stream failed before the body was complete. */
export class BodyAbortedError extends Error {
  readonly code = 'BodyAborted';
}

/**
 * Reads a request body into one Buffer, refusing (without buffering the rest) as soon as it
 * passes `limitBytes`. A declared Content-Length over the limit is refused before reading.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limitBytes) {
    return Promise.reject(new BodyTooLargeError(limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      request.removeAllListeners('data');
      request.resume();
      reject(error);
    };
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        fail(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
    });
    request.on('aborted', () => fail(new BodyAbortedError('client aborted the request')));
    request.on('error', (error) => fail(error));
  });
}
