import { pino, type DestinationStream } from 'pino';

/** The fields interface every server log call uses (see server-logger.ts). */
export interface FieldLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Field names never written, whatever a caller passes: credentials and message content. Pino
 * replaces their values with "[redacted]" at any of these paths.
 */
export const redactedPaths = [
  'authorization',
  'headers.authorization',
  'secretAccessKey',
  '*.secretAccessKey',
  'sessionToken',
  '*.sessionToken',
  'body',
  '*.body',
  'MessageBody',
  '*.MessageBody',
];

/**
 * A pino logger: JSON lines with `level` as a name, ISO `time`, `msg`, and the fields. Errors
 * are serialized with name, message and stack. `destination` defaults to stderr (synchronous,
 * so the last lines before a crash are not lost).
 */
export function pinoLogger(destination?: DestinationStream): FieldLogger {
  const logger = pino(
    {
      base: { service: 'sluice' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { error: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
