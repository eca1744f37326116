import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '@sluice/core';
import { defaultServerConfig, type ServerConfig } from '../config.js';
import { startServer, type RunningServer } from '../sluice-server.js';
import { silentLogger, type ServerLogger } from '../server-logger.js';

export interface TestServer {
  readonly server: RunningServer;
  readonly client: SQSClient;
  readonly dataDirectory: string;
  /** Stops the server, keeping the data directory (for restart tests). */
  stop(): Promise<void>;
  /** Stops the server and deletes its data. */
  close(): Promise<void>;
}

/** A real Sluice server on 127.0.0.1 (random port) and a real AWS SDK v3 client pointed at it. */
export async function startTestServer(
  options: {
    clock?: Clock;
    dataDirectory?: string;
    segmentBytes?: number;
    historySampleIntervalMs?: number;
    /** Settings that differ from the defaults (limits, throttles, TLS). */
    config?: Partial<ServerConfig>;
    /** Where the server's log lines go; silent unless given. */
    logger?: ServerLogger;
  } = {},
): Promise<TestServer> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'sluice-test-'));
  const server = await startServer(
    { ...defaultServerConfig, port: 0, dataDirectory, shutdownGraceMs: 1000, ...options.config },
    {
      logger: options.logger ?? silentLogger,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.segmentBytes === undefined ? {} : { segmentBytes: options.segmentBytes }),
      ...(options.historySampleIntervalMs === undefined
        ? {}
        : { historySampleIntervalMs: options.historySampleIntervalMs }),
    },
  );
  const client = new SQSClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    client.destroy();
    await server.stop();
  };
  return {
    server,
    client,
    dataDirectory,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** The value of an unlabelled metric in a /metrics exposition, or NaN if it is not there. */
export function metricValue(exposition: string, name: string): number {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
}

/** Waits until `condition` holds, polling; fails after `timeoutMs`. Never a fixed sleep. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5000, intervalMs = 10 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
