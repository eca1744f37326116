/**
 * The server's log sink. Structured logging (pino) arrives with the observability work; until
 * then lines go to stderr as JSON, one per event, never with message bodies or secrets.
 */
export interface ServerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const stderrLogger: ServerLogger = {
  info: (message, fields) => write('info', message, fields),
  error: (message, fields) => write('error', message, fields),
};

export const silentLogger: ServerLogger = { info: () => undefined, error: () => undefined };

function write(level: string, message: string, fields: Record<string, unknown> | undefined): void {
  const line: Record<string, unknown> = { level, time: new Date().toISOString(), message };
  for (const [key, value] of Object.entries(fields ?? {})) {
    line[key] =
      value instanceof Error
        ? { name: value.name, message: value.message, stack: value.stack }
        : value;
  }
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
