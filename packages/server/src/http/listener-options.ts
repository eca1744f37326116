import { readFileSync } from 'node:fs';
import type { ServerConfig } from '../config.js';
import { ConfigError } from '../config.js';
import type { ListenerOptions } from './http-listener.js';

/** The listener's connection limits and TLS material, from the server's settings. */
export function listenerOptionsOf(config: ServerConfig): ListenerOptions {
  return {
    tls:
      config.tlsCertFile === undefined || config.tlsKeyFile === undefined
        ? undefined
        : {
            cert: readPem(config.tlsCertFile, 'tlsCertFile'),
            key: readPem(config.tlsKeyFile, 'tlsKeyFile'),
          },
    headerBytesMax: config.headerBytesMax,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    connectionCountMax: config.connectionCountMax,
  };
}

function readPem(path: string, setting: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(`cannot read ${setting} ${path}: ${(error as Error).message}`);
  }
}
