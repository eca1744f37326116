import { readFileSync } from 'node:fs';

/** The version in this package's package.json (dist/ sits next to it). */
export function cliVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const manifest = JSON.parse(text) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
