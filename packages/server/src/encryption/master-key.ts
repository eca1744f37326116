import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.js';

/** Reads a 32-byte master key: raw bytes, 64 hex digits, or base64, with surrounding whitespace ignored. */
export function readMasterKey(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError(`cannot read masterKeyFile ${path}: ${(error as Error).message}`);
  }
  if (bytes.length === 32) return bytes;
  const text = bytes.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(text)) return decoded;
  throw new ConfigError(
    `masterKeyFile ${path} must hold a 32-byte key: 32 raw bytes, 64 hex digits or base64 (e.g. openssl rand -hex 32)`,
  );
}
