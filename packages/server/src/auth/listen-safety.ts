import { isIP } from 'node:net';
import { ConfigError } from '../config.js';

/** Host names and addresses reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare.startsWith('::ffff:127.');
}

/**
 * Without credentials every request is accepted, which is safe only where nobody else can connect.
 * Anywhere else the server refuses to start unless the operator says --insecure.
 */
export function assertSafeToListen(options: {
  host: string;
  credentialsConfigured: boolean;
  insecure: boolean;
}): void {
  if (options.credentialsConfigured || options.insecure || isLoopbackHost(options.host)) return;
  throw new ConfigError(
    `refusing to listen on ${options.host} without credentials: every request would be accepted. ` +
      'Give --credentials FILE (SLUICE_CREDENTIALS), listen on a loopback address, or pass --insecure.',
  );
}
