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
  /** PEM files; both set: serve HTTPS (TLS 1.2 or later) instead of HTTP. */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  /** 32-byte master key (raw, hex or base64): message bodies and attributes are sealed at rest. */
  masterKeyFile: string | undefined;
  /** Token buckets; a rate of 0 turns that bucket off. */
  throttlePerKeyPerSecond: number;
  throttlePerKeyBurst: number;
  throttlePerQueuePerSecond: number;
  throttlePerQueueBurst: number;
  /** Back pressure: sends to a queue past either depth fail with a retryable error. */
  queueDepthMessagesMax: number;
  queueDepthBytesMax: number;
  /** Back pressure: sends fail while the data directory's disk has less free space than this. */
  diskFreeBytesMin: number;
  /** Bulkheads: concurrent requests and waiting requests for data and for admin/metadata actions. */
  dataConcurrencyMax: number;
  dataQueueMax: number;
  adminConcurrencyMax: number;
  adminQueueMax: number;
  /** Connection hygiene. */
  connectionCountMax: number;
  headerBytesMax: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /**
   * Read every request with node:http, turning off the lean path for plain POSTs
   * (http/lean-http.ts). For diagnosis and comparison; the lean path is the default.
   */
  nodeHttpOnly: boolean;
  /** JSON file of accounts and their SigV4 keys; set: every request must be signed by one. */
  credentialsFile: string | undefined;
  /** File holding a bearer token; set: GET /metrics needs `Authorization: Bearer <token>`. */
  metricsTokenFile: string | undefined;
  /** Start without credentials on a non-loopback address (every request accepted). */
  insecure: boolean;
  /**
   * Zero-fill the next log segment ahead so that durable writes need no journal commit:
   * `auto` while writes are small (single sends), `on` always, `off` never (docs/operations.md).
   */
  segmentPreallocation: SegmentPreallocation;
}

export const segmentPreallocations = ['auto', 'on', 'off'] as const;
export type SegmentPreallocation = (typeof segmentPreallocations)[number];

type SettingType = 'string' | 'optionalString' | 'integer' | 'boolean';

/**
 * Every setting: its type, default, environment variable and command-line flag. Adding a setting
 * is one line here plus its field above.
 */
export const serverSettings = {
  host: { type: 'string', default: '127.0.0.1', environment: 'SLUICE_HOST', flag: 'host' },
  port: { type: 'integer', default: 9324, environment: 'SLUICE_PORT', flag: 'port' },
  dataDirectory: {
    type: 'string',
    default: './data',
    environment: 'SLUICE_DATA_DIR',
    flag: 'data-dir',
  },
  region: { type: 'string', default: 'us-east-1', environment: 'SLUICE_REGION', flag: 'region' },
  accountId: {
    type: 'string',
    default: '000000000000',
    environment: 'SLUICE_ACCOUNT_ID',
    flag: 'account-id',
  },
  shutdownGraceMs: {
    type: 'integer',
    default: 25_000,
    environment: 'SLUICE_SHUTDOWN_GRACE_MS',
    flag: 'shutdown-grace-ms',
  },
  tlsCertFile: {
    type: 'optionalString',
    default: undefined,
    environment: 'SLUICE_TLS_CERT',
    flag: 'tls-cert',
  },
  tlsKeyFile: {
    type: 'optionalString',
    default: undefined,
    environment: 'SLUICE_TLS_KEY',
    flag: 'tls-key',
  },
  masterKeyFile: {
    type: 'optionalString',
    default: undefined,
    environment: 'SLUICE_MASTER_KEY_FILE',
    flag: 'master-key-file',
  },
  throttlePerKeyPerSecond: {
    type: 'integer',
    default: 0,
    environment: 'SLUICE_THROTTLE_PER_KEY',
    flag: 'throttle-per-key',
  },
  throttlePerKeyBurst: {
    type: 'integer',
    default: 0,
    environment: 'SLUICE_THROTTLE_PER_KEY_BURST',
    flag: 'throttle-per-key-burst',
  },
  throttlePerQueuePerSecond: {
    type: 'integer',
    default: 0,
    environment: 'SLUICE_THROTTLE_PER_QUEUE',
    flag: 'throttle-per-queue',
  },
  throttlePerQueueBurst: {
    type: 'integer',
    default: 0,
    environment: 'SLUICE_THROTTLE_PER_QUEUE_BURST',
    flag: 'throttle-per-queue-burst',
  },
  // 10 million messages or 10 GiB per queue by default: far above normal use, far below the heap.
  queueDepthMessagesMax: {
    type: 'integer',
    default: 10_000_000,
    environment: 'SLUICE_QUEUE_DEPTH_MESSAGES_MAX',
    flag: 'queue-depth-messages-max',
  },
  queueDepthBytesMax: {
    type: 'integer',
    default: 10 * 1024 ** 3,
    environment: 'SLUICE_QUEUE_DEPTH_BYTES_MAX',
    flag: 'queue-depth-bytes-max',
  },
  // 1 GiB free: room to finish in-flight writes, compactions and snapshots.
  diskFreeBytesMin: {
    type: 'integer',
    default: 1024 ** 3,
    environment: 'SLUICE_DISK_FREE_BYTES_MIN',
    flag: 'disk-free-bytes-min',
  },
  dataConcurrencyMax: {
    type: 'integer',
    default: 4096,
    environment: 'SLUICE_DATA_CONCURRENCY_MAX',
    flag: 'data-concurrency-max',
  },
  dataQueueMax: {
    type: 'integer',
    default: 4096,
    environment: 'SLUICE_DATA_QUEUE_MAX',
    flag: 'data-queue-max',
  },
  adminConcurrencyMax: {
    type: 'integer',
    default: 32,
    environment: 'SLUICE_ADMIN_CONCURRENCY_MAX',
    flag: 'admin-concurrency-max',
  },
  adminQueueMax: {
    type: 'integer',
    default: 256,
    environment: 'SLUICE_ADMIN_QUEUE_MAX',
    flag: 'admin-queue-max',
  },
  connectionCountMax: {
    type: 'integer',
    default: 16_384,
    environment: 'SLUICE_CONNECTION_COUNT_MAX',
    flag: 'connection-count-max',
  },
  headerBytesMax: {
    type: 'integer',
    default: 16 * 1024,
    environment: 'SLUICE_HEADER_BYTES_MAX',
    flag: 'header-bytes-max',
  },
  headersTimeoutMs: {
    type: 'integer',
    default: 20_000,
    environment: 'SLUICE_HEADERS_TIMEOUT_MS',
    flag: 'headers-timeout-ms',
  },
  requestTimeoutMs: {
    type: 'integer',
    default: 60_000,
    environment: 'SLUICE_REQUEST_TIMEOUT_MS',
    flag: 'request-timeout-ms',
  },
  // Above common load balancer idle timeouts (60 s), so the balancer closes idle connections first.
  keepAliveTimeoutMs: {
    type: 'integer',
    default: 65_000,
    environment: 'SLUICE_KEEP_ALIVE_TIMEOUT_MS',
    flag: 'keep-alive-timeout-ms',
  },
  nodeHttpOnly: {
    type: 'boolean',
    default: false,
    environment: 'SLUICE_NODE_HTTP_ONLY',
    flag: 'node-http-only',
  },
  credentialsFile: {
    type: 'optionalString',
    default: undefined,
    environment: 'SLUICE_CREDENTIALS',
    flag: 'credentials',
  },
  metricsTokenFile: {
    type: 'optionalString',
    default: undefined,
    environment: 'SLUICE_METRICS_TOKEN_FILE',
    flag: 'metrics-token-file',
  },
  insecure: { type: 'boolean', default: false, environment: 'SLUICE_INSECURE', flag: 'insecure' },
  segmentPreallocation: {
    type: 'string',
    default: 'auto',
    environment: 'SLUICE_SEGMENT_PREALLOCATION',
    flag: 'segment-preallocation',
  },
} as const satisfies Record<
  keyof ServerConfig,
  { type: SettingType; default: unknown; environment: string; flag: string }
>;

export const defaultServerConfig: ServerConfig = Object.fromEntries(
  Object.entries(serverSettings).map(([key, setting]) => [key, setting.default]),
) as unknown as ServerConfig;

/** Thrown for a setting that cannot be used; the CLI prints it and exits with status 2. */
export class ConfigError extends Error {
  readonly code = 'ConfigError';
}

type PartialConfig = { [Key in keyof ServerConfig]?: ServerConfig[Key] | undefined };

/**
 * Resolves settings with the precedence flags > environment > config file > defaults.
 * `configFile` is a JSON object whose keys are ServerConfig's.
 */
export function resolveServerConfig(options: {
  flags: PartialConfig;
  environment: NodeJS.ProcessEnv;
  configFile?: string | undefined;
}): ServerConfig {
  const fromFile = options.configFile === undefined ? {} : readConfigFile(options.configFile);
  const fromEnvironment: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(serverSettings)) {
    const text = options.environment[setting.environment];
    if (text !== undefined && text !== '')
      fromEnvironment[key] = convert(key, setting.type, text, setting.environment);
  }
  const merged: Record<string, unknown> = { ...defaultServerConfig };
  for (const layer of [fromFile, fromEnvironment, options.flags]) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  return validate(merged);
}

function readConfigFile(path: string): Record<string, unknown> {
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
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const setting = (serverSettings as Record<string, { type: SettingType }>)[key];
    if (setting === undefined)
      throw new ConfigError(`config file ${path}: unknown setting "${key}"`);
    result[key] = convert(key, setting.type, value, `config file ${path}`);
  }
  return result;
}

function convert(key: string, type: SettingType, value: unknown, source: string): unknown {
  switch (type) {
    case 'integer': {
      const number = typeof value === 'number' ? value : Number(String(value));
      if (!Number.isSafeInteger(number))
        throw new ConfigError(`${key} (${source}) must be an integer, not ${String(value)}`);
      return number;
    }
    case 'boolean': {
      if (value === true || value === 'true' || value === '1') return true;
      if (value === false || value === 'false' || value === '0') return false;
      throw new ConfigError(`${key} (${source}) must be true or false, not ${String(value)}`);
    }
    case 'string':
    case 'optionalString':
      return String(value);
  }
}

function validate(merged: Record<string, unknown>): ServerConfig {
  const config = merged as unknown as ServerConfig;
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new ConfigError(`port must be an integer from 0 to 65535, not ${String(merged['port'])}`);
  }
  for (const [key, setting] of Object.entries(serverSettings)) {
    const value = merged[key];
    if (setting.type === 'integer' && (!Number.isSafeInteger(value) || (value as number) < 0)) {
      throw new ConfigError(`${key} must be a non-negative integer, not ${String(value)}`);
    }
  }
  if (!/^\d{12}$/.test(config.accountId)) throw new ConfigError('accountId must be 12 digits');
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(config.region)) {
    throw new ConfigError(`region "${config.region}" is not a region name like us-east-1`);
  }
  if (config.host === '') throw new ConfigError('host must not be empty');
  if (!(segmentPreallocations as readonly string[]).includes(config.segmentPreallocation)) {
    throw new ConfigError(
      `segmentPreallocation must be auto, on or off, not "${config.segmentPreallocation}"`,
    );
  }
  if ((config.tlsCertFile === undefined) !== (config.tlsKeyFile === undefined)) {
    throw new ConfigError('HTTPS needs both tlsCertFile (--tls-cert) and tlsKeyFile (--tls-key)');
  }
  return { ...config, dataDirectory: resolve(config.dataDirectory) };
}
