/**
 * A Sluice server in its own process, for tests that kill it (SIGKILL) and restart it.
 * Usage: node server-process.js <dataDirectory>. Prints one JSON line `{"url": ...}` when ready.
 */
import { defaultServerConfig } from '../config.js';
import { startServer } from '../sluice-server.js';
import { silentLogger } from '../server-logger.js';

const dataDirectory = process.argv[2];
if (dataDirectory === undefined) {
  process.stderr.write('usage: server-process.js <dataDirectory>\n');
  process.exit(2);
}
const server = await startServer(
  { ...defaultServerConfig, port: 0, dataDirectory, shutdownGraceMs: 1000 },
  { logger: silentLogger },
);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
