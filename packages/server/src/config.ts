import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Everything `sluice serve` can be told. Defaults match ElasticMQ's so local setups keep working. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDirectory: string;
  region: string;
  accountId: string;
  /** Long polls and in-flight requests get this long to finish on SIGTERM before connections are cut. */
  shutdownGraceMs: number;
}

export const defaultServerConfig: ServerConfig = {
  host: '127.0.0.1',
  port: 9324,
  dataDirectory: './data',
  region: 'us-east-1',
  accountId: '000000000000',
  shutdownGraceMs: 25_000,
};

/** Thrown for a setting that cannot be used; the CLI prints it and exits with status 2. */
export class ConfigError extends Error {
  readonly code = 'ConfigError';
}

const environmentNames: Record<keyof ServerConfig, string> = {
  host: 'SLUICE_HOST',
  port: 'SLUICE_PORT',
  dataDirectory: 'SLUICE_DATA_DIR',
  region: 'SLUICE_REGION',
  accountId: 'SLUICE_ACCOUNT_ID',
  shutdownGraceMs: 'SLUICE_SHUTDOWN_GRACE_MS',
};

type Partial<T> = { [Key in keyof T]?: T[Key] | undefined };

/**
 * Resolves settings with the precedence flags > environment > config file > defaults.
 * `configFile` is a JSON object whose keys are ServerConfig's.
 */
export function resolveServerConfig(options: {
  flags: Partial<ServerConfig>;
  environment: NodeJS.ProcessEnv;
  configFile?: string | undefined;
}): ServerConfig {
  const fromFile = options.configFile === undefined ? {} : readConfigFile(options.configFile);
  const fromEnvironment: Partial<ServerConfig> = {};
  for (const key of Object.keys(environmentNames) as (keyof ServerConfig)[]) {
    const value = options.environment[environmentNames[key]];
    if (value !== undefined && value !== '') assign(fromEnvironment, key, value);
  }
  const merged: Record<string, unknown> = { ...defaultServerConfig };
  for (const layer of [fromFile, fromEnvironment, options.flags]) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return validate(merged);
}

function readConfigFile(path: string): Partial<ServerConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} must hold a JSON object`);
  }
  const result: Partial<ServerConfig> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in defaultServerConfig))
      throw new ConfigError(`config file ${path}: unknown setting "${key}"`);
    assign(result, key as keyof ServerConfig, String(value));
  }
  return result;
}

function assign(target: Partial<ServerConfig>, key: keyof ServerConfig, text: string): void {
  if (key === 'port' || key === 'shutdownGraceMs') {
    (target as Record<string, unknown>)[key] = Number(text);
  } else {
    (target as Record<string, unknown>)[key] = text;
  }
}

function validate(merged: Record<string, unknown>): ServerConfig {
  const config = merged as unknown as ServerConfig;
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new ConfigError(`port must be an integer from 0 to 65535, not ${String(merged['port'])}`);
  }
  if (!Number.isInteger(config.shutdownGraceMs) || config.shutdownGraceMs < 0) {
    throw new ConfigError('shutdownGraceMs must be a non-negative integer');
  }
  if (!/^\d{12}$/.test(config.accountId)) throw new ConfigError('accountId must be 12 digits');
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region)) {
    throw new ConfigError(`region "${config.region}" is not a region name like us-east-1`);
  }
  if (config.host === '') throw new ConfigError('host must not be empty');
  return { ...config, dataDirectory: resolve(config.dataDirectory) };
}
