export {
  type ServerConfig,
  defaultServerConfig,
  serverSettings,
  resolveServerConfig,
  ConfigError,
} from './config.js';
export { startServer, type RunningServer, type StartOptions } from './sluice-server.js';
export { serverNodeOptions } from './node-options.js';
export { DataDirectoryLockedError } from './data-directory-lock.js';
export { MetadataCorruptionError } from './metadata/local-metadata-store.js';
export { silentLogger, stderrLogger, type ServerLogger } from './server-logger.js';
export { SigV4Verifier, type SignedRequest } from './auth/sigv4-verifier.js';
export {
  loadCredentials,
  parseCredentials,
  type Credentials,
  type AccessKey,
} from './auth/credentials.js';
export {
  evaluatePolicy,
  type AccessRequest,
  type AccessDecision,
} from './auth/policy-evaluation.js';
