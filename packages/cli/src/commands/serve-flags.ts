/**
 * The flags of `sluice serve`, one per server setting (@sluice/server's `serverSettings`; a test
 * keeps the two in step). Listed here rather than read from the server so that client commands do
 * not load the server's modules at start-up.
 */
export interface SettingFlag {
  readonly key: string;
  readonly kind: 'string' | 'integer' | 'boolean';
  readonly value: string;
  readonly description: string;
}

const flag = (
  key: string,
  kind: SettingFlag['kind'],
  value: string,
  description: string,
): SettingFlag => ({
  key,
  kind,
  value,
  description,
});

export const settingFlags: Readonly<Record<string, SettingFlag>> = {
  host: flag('host', 'string', 'HOST', 'address to listen on (env SLUICE_HOST, default 127.0.0.1)'),
  port: flag(
    'port',
    'integer',
    'PORT',
    'port to listen on, 0 for any (env SLUICE_PORT, default 9324)',
  ),
  'data-dir': flag(
    'dataDirectory',
    'string',
    'DIR',
    'where data is kept (env SLUICE_DATA_DIR, default ./data)',
  ),
  region: flag(
    'region',
    'string',
    'REGION',
    'region in ARNs (env SLUICE_REGION, default us-east-1)',
  ),
  'account-id': flag(
    'accountId',
    'string',
    'ID',
    'account of unauthenticated requests (env SLUICE_ACCOUNT_ID)',
  ),
  'shutdown-grace-ms': flag(
    'shutdownGraceMs',
    'integer',
    'MS',
    'time in-flight requests get on stop (default 25000)',
  ),
  'tls-cert': flag(
    'tlsCertFile',
    'string',
    'FILE',
    'PEM certificate: serve HTTPS (env SLUICE_TLS_CERT)',
  ),
  'tls-key': flag(
    'tlsKeyFile',
    'string',
    'FILE',
    'PEM private key for --tls-cert (env SLUICE_TLS_KEY)',
  ),
  'master-key-file': flag(
    'masterKeyFile',
    'string',
    'FILE',
    'seal messages at rest with this 32-byte key (env SLUICE_MASTER_KEY_FILE)',
  ),
  'throttle-per-key': flag(
    'throttlePerKeyPerSecond',
    'integer',
    'N',
    'requests/s per access key, 0 = off',
  ),
  'throttle-per-key-burst': flag('throttlePerKeyBurst', 'integer', 'N', 'burst per access key'),
  'throttle-per-queue': flag(
    'throttlePerQueuePerSecond',
    'integer',
    'N',
    'requests/s per queue, 0 = off',
  ),
  'throttle-per-queue-burst': flag('throttlePerQueueBurst', 'integer', 'N', 'burst per queue'),
  'queue-depth-messages-max': flag(
    'queueDepthMessagesMax',
    'integer',
    'N',
    'sends fail past this many messages in a queue',
  ),
  'queue-depth-bytes-max': flag(
    'queueDepthBytesMax',
    'integer',
    'BYTES',
    'sends fail past this many bytes in a queue',
  ),
  'disk-free-bytes-min': flag(
    'diskFreeBytesMin',
    'integer',
    'BYTES',
    'sends fail while the disk has less free space',
  ),
  'data-concurrency-max': flag('dataConcurrencyMax', 'integer', 'N', 'concurrent message requests'),
  'data-queue-max': flag('dataQueueMax', 'integer', 'N', 'message requests waiting for a slot'),
  'admin-concurrency-max': flag(
    'adminConcurrencyMax',
    'integer',
    'N',
    'concurrent admin and metadata requests',
  ),
  'admin-queue-max': flag(
    'adminQueueMax',
    'integer',
    'N',
    'admin and metadata requests waiting for a slot',
  ),
  'connection-count-max': flag('connectionCountMax', 'integer', 'N', 'open connections'),
  'header-bytes-max': flag('headerBytesMax', 'integer', 'BYTES', 'largest request header block'),
  'headers-timeout-ms': flag(
    'headersTimeoutMs',
    'integer',
    'MS',
    'time a client has to send its headers',
  ),
  'request-timeout-ms': flag(
    'requestTimeoutMs',
    'integer',
    'MS',
    'time a client has to send a whole request',
  ),
  'keep-alive-timeout-ms': flag(
    'keepAliveTimeoutMs',
    'integer',
    'MS',
    'idle keep-alive connections close after this',
  ),
  'node-http-only': flag(
    'nodeHttpOnly',
    'boolean',
    '',
    'read every request with node:http, without the lean path for plain POSTs',
  ),
  credentials: flag(
    'credentialsFile',
    'string',
    'FILE',
    'accounts and SigV4 keys; every request must be signed (env SLUICE_CREDENTIALS)',
  ),
  'metrics-token-file': flag(
    'metricsTokenFile',
    'string',
    'FILE',
    'GET /metrics needs this bearer token (env SLUICE_METRICS_TOKEN_FILE)',
  ),
  'segment-preallocation': flag(
    'segmentPreallocation',
    'string',
    'auto|on|off',
    'zero-fill the next log segment ahead: while writes are small (auto), always, never ' +
      '(env SLUICE_SEGMENT_PREALLOCATION, default auto)',
  ),
  insecure: flag(
    'insecure',
    'boolean',
    '',
    'listen beyond loopback without credentials (env SLUICE_INSECURE)',
  ),
};
