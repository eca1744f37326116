import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a random 96-bit nonce and a 128-bit tag: nonce | ciphertext | tag. */
export function seal(key: Buffer, plaintext: Uint8Array, associatedData: Uint8Array): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The plaintext, or an exception when the key is wrong or a byte was changed. */
export function open(key: Buffer, sealed: Uint8Array, associatedData: Uint8Array): Buffer {
  if (sealed.length < 28) throw new Error('sealed data is shorter than its nonce and tag');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAAD(associatedData);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
}
