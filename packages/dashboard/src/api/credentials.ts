import type { SigningKey } from './sigv4.js';

const storageKey = 'sluice.adminKey';

/** The admin key for this browser tab's session only (sessionStorage; never localStorage). */
export function loadSigningKey(): SigningKey | undefined {
  const text = sessionStorage.getItem(storageKey);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as SigningKey;
  } catch {
    return undefined;
  }
}

export function saveSigningKey(key: SigningKey): void {
  sessionStorage.setItem(storageKey, JSON.stringify(key));
}

export function forgetSigningKey(): void {
  sessionStorage.removeItem(storageKey);
}
