export {
  type ServerConfig,
  defaultServerConfig,
  resolveServerConfig,
  ConfigError,
} from './config.js';
