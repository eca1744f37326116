import { CommandError } from './cli-errors.js';

/** Reads all of stdin as UTF-8, refusing more than `bytesMax` bytes instead of buffering it. */
export async function readStdinText(
  stdin: AsyncIterable<Uint8Array | string>,
  bytesMax: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    bytes += buffer.byteLength;
    if (bytes > bytesMax) {
      throw new CommandError(
        `the message on stdin is larger than ${bytesMax} bytes, the SQS maximum`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
