import { pinoLogger } from './observability/pino-logger.js';

/**
 * The server's log sink: JSON lines (pino) on stderr, one per event, with a request id where
 * there is a request, never with message bodies or secrets (see observability/pino-logger.ts).
 */
export interface ServerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const stderrLogger: ServerLogger = pinoLogger();

export const silentLogger: ServerLogger = { info: () => undefined, error: () => undefined };
