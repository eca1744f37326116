/**
 * Strict base64 decoding. Node's Buffer.from(text, 'base64') skips characters outside the
 * alphabet, so a corrupted BinaryValue would silently decode to different bytes; SQS refuses it.
 */

const alphabet = new Uint8Array(128);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  alphabet[character.charCodeAt(0)] = 1;
}
const equalsSign = 0x3d;

/** The decoded bytes, or undefined if `text` is not canonical base64 (padding optional). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  let length = text.length;
  let padding = 0;
  while (padding < 2 && length > 0 && text.charCodeAt(length - 1) === equalsSign) {
    length -= 1;
    padding += 1;
  }
  if (padding > 0 && text.length % 4 !== 0) return undefined;
  if (length % 4 === 1) return undefined;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 128 || alphabet[code] !== 1) return undefined;
  }
  return Buffer.from(text, 'base64');
}
