export {
  type ServerConfig,
  defaultServerConfig,
  serverSettings,
  resolveServerConfig,
  ConfigError,
} from './config.js';
export { startServer, type RunningServer, type StartOptions } from './sluice-server.js';
export { DataDirectoryLockedError } from './data-directory-lock.js';
export { MetadataCorruptionError } from './metadata/local-metadata-store.js';
export { silentLogger, stderrLogger, type ServerLogger } from './server-logger.js';
