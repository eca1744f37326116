import { join } from 'node:path';
import { sqsLimits, systemClock, type Clock } from '@sluice/core';
import { Partition } from '@sluice/partition';
import type { PreallocationMode } from '@sluice/storage';
import type { ReceiveMessageOutput } from '@sluice/protocol';
import type { SegmentPreallocation, ServerConfig } from './config.js';
import { LocalMetadataStore } from './metadata/local-metadata-store.js';
import { LongPollWaiters } from './long-poll.js';
import { DeadLetterTargets } from './queues/dead-letter-targets.js';
import { toQueueConfig } from './queues/queue-attributes.js';
import { MoveTaskRunner } from './move-tasks/move-task-runner.js';
import { HttpListener } from './http/http-listener.js';
import { handleSqsRequest } from './http/sqs-endpoint.js';
import { nodeHttpExchange } from './http/http-exchange.js';
import { handleAdminRequest } from './http/admin-endpoint.js';
import { lockDataDirectory } from './data-directory-lock.js';
import { serverLimits } from './server-limits.js';
import { stderrLogger, type ServerLogger } from './server-logger.js';
import type { Services } from './services.js';
import { Authenticator } from './auth/authenticator.js';
import { FrontEnd } from './frontend/front-end.js';
import { MessageSealer } from './encryption/message-sealer.js';
import { readMasterKey } from './encryption/master-key.js';
import { listenerOptionsOf } from './http/listener-options.js';
import { loadCredentials } from './auth/credentials.js';
import { assertSafeToListen, isLoopbackHost } from './auth/listen-safety.js';
import { ServerObservability } from './observability/server-observability.js';
import { handleObservabilityRequest } from './observability/observability-routes.js';
import { MetricsToken } from './auth/metrics-token.js';
import { defaultDashboardDirectory } from './observability/dashboard-files.js';
import { nativeCode } from './native-code.js';

export interface RunningServer {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  /** Metrics, per-queue history and vitals (GET /metrics, /admin/v1/overview, /dashboard). */
  readonly observability: ServerObservability;
  /** Graceful stop: no new connections, long polls answered empty, in-flight requests finished. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  readonly logger?: ServerLogger;
  /** Log segment size; small values let tests exercise segment rolling. */
  readonly segmentBytes?: number;
  /** Dashboard history sample interval; tests shorten it. */
  readonly historySampleIntervalMs?: number;
  /** The built dashboard (default packages/dashboard/dist). */
  readonly dashboardDirectory?: string;
}

const preallocationModes = {
  auto: 'auto',
  on: true,
  off: false,
} as const satisfies Record<SegmentPreallocation, PreallocationMode>;

/** Starts single-node Sluice: every role in this process, state under config.dataDirectory. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? stderrLogger;
  const credentials =
    config.credentialsFile === undefined ? undefined : loadCredentials(config.credentialsFile);
  assertSafeToListen({
    host: config.host,
    credentialsConfigured: credentials !== undefined,
    insecure: config.insecure,
  });
  if (credentials === undefined && !isLoopbackHost(config.host)) {
    logger.info('authentication is off on a non-loopback address (--insecure)', {
      host: config.host,
      everyRequestActsAs: config.accountId,
    });
  }
  const metricsToken =
    config.metricsTokenFile === undefined ? undefined : MetricsToken.read(config.metricsTokenFile);
  const unlock = lockDataDirectory(config.dataDirectory);
  try {
    const metadata = LocalMetadataStore.open(join(config.dataDirectory, 'metadata'));
    const sealer = openSealer(config);
    const deadLetterTargets = new DeadLetterTargets();
    const observability = new ServerObservability(
      options.historySampleIntervalMs === undefined
        ? {}
        : { historySampleIntervalMs: options.historySampleIntervalMs },
    );
    deadLetterTargets.rebuild({ metadata });
    const partition = await Partition.open({
      directory: join(config.dataDirectory, 'partitions', '0'),
      clock,
      onBatchDurable: (recordCount, bytes, syncMs) =>
        observability.recordDurableBatch(recordCount, bytes, syncMs),
      // A snapshot, a compaction or freeing a deleted segment's space failed.
      onBackgroundError: (error) =>
        logger.error('partition maintenance failed; the log is intact', { error }),
      // The partition asks once per message it dead-letters, which is where metrics count it.
      deadLetterTargetOf: (queueId) => {
        const target = deadLetterTargets.targetOf(queueId);
        if (target !== undefined) observability.metrics.recordDeadLetter(queueId);
        return target;
      },
      ...(options.segmentBytes === undefined ? {} : { segmentBytes: options.segmentBytes }),
      preallocateSegments: preallocationModes[config.segmentPreallocation],
    });
    await reconcile(metadata, partition);
    const waiters = new LongPollWaiters<ReceiveMessageOutput>();
    partition.onMessagesAvailable((queueId) => waiters.notify(queueId));
    const services: Services = {
      metadata,
      partition,
      waiters,
      clock,
      region: config.region,
      accountId: config.accountId,
      startedAtMs: clock.nowMs(),
      dataDirectory: config.dataDirectory,
      deadLetterTargets,
      moveTasks: new MoveTaskRunner({ metadata, partition }),
      authenticator: new Authenticator({
        credentials,
        region: config.region,
        clock,
        defaultAccountId: config.accountId,
      }),
      frontEnd: new FrontEnd(config, clock, (error, linesLost) =>
        logger.error('audit log write failed; its lines are lost and counted in the file', {
          error,
          linesLost,
        }),
      ),
      sealer,
    };
    await services.frontEnd.start();
    const observabilityRoutes = {
      services,
      observability,
      dashboardDirectory: options.dashboardDirectory ?? defaultDashboardDirectory,
      openConnectionCount: () => listener.openConnectionCount,
      metricsToken,
    };
    const observeRequest = observability.metrics.recordRequest.bind(observability.metrics);
    const routesToSqs = (url: string): boolean =>
      url !== '/healthz' && url !== '/readyz' && !url.startsWith('/admin/');
    const listener = new HttpListener(
      listenerOptionsOf(config),
      (request, response) => {
        const path = request.url ?? '/';
        if (handleObservabilityRequest(observabilityRoutes, request, response)) return;
        if (routesToSqs(path)) {
          void handleSqsRequest(
            services,
            logger,
            nodeHttpExchange(request, response),
            observeRequest,
          );
        } else if (path.startsWith('/admin/')) {
          handleAdminRequest(services, request, response);
        } else {
          response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
        }
      },
      // The lean path takes POSTs only, which the observability routes never answer.
      config.nodeHttpOnly
        ? undefined
        : {
            bodyBytesMax: sqsLimits.requestBodyBytesMax,
            accepts: routesToSqs,
            handle: (exchange) => void handleSqsRequest(services, logger, exchange, observeRequest),
            onHandOver: (reason) => observability.metrics.recordHandOver(reason),
          },
    );
    const address = await listener.listen(config.port, config.host);
    const sweep = setInterval(
      () => partition.expireMessages(),
      serverLimits.retentionSweepIntervalMs,
    );
    sweep.unref();
    services.moveTasks.resumeAll();
    observability.start(services, () => listener.openConnectionCount);
    const host = address.host.includes(':') ? `[${address.host}]` : address.host;
    const url = `${config.tlsCertFile === undefined ? 'http' : 'https'}://${host}:${address.port}`;
    logger.info('sluice listening', { url, dataDirectory: config.dataDirectory, nativeCode });
    let stopping: Promise<void> | undefined;
    return {
      url,
      port: address.port,
      services,
      observability,
      stop: () =>
        (stopping ??= (async () => {
          clearInterval(sweep);
          observability.stop();
          waiters.releaseAll();
          await listener.stop(config.shutdownGraceMs);
          await services.moveTasks.stopAll();
          await services.frontEnd.stop();
          await partition.close();
          await metadata.close();
          unlock();
          logger.info('sluice stopped', {});
        })()),
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * Metadata and the partition are written one after the other, so a crash between the two can
 * leave them apart: a queue created in metadata but not yet configured in the partition, or
 * deleted from metadata but still in the partition. Metadata is the source of truth.
 */
async function reconcile(metadata: LocalMetadataStore, partition: Partition): Promise<void> {
  const known = new Set<number>();
  for (const queue of metadata.listQueues()) {
    known.add(queue.id);
    await partition.configureQueue(queue.id, toQueueConfig(queue.attributes, queue.fifo));
  }
  for (const queueId of partition.queueIds())
    if (!known.has(queueId)) await partition.dropQueue(queueId);
}

/** With a master key, sealing is on; without one, a data directory that holds sealed data refuses. */
function openSealer(config: ServerConfig): MessageSealer | undefined {
  if (config.masterKeyFile === undefined) {
    MessageSealer.assertNotSealed(config.dataDirectory);
    return undefined;
  }
  return MessageSealer.open(config.dataDirectory, readMasterKey(config.masterKeyFile));
}
