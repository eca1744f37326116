import { adminApi } from '../api/admin-api.js';
import { Stat } from '../components/stat.js';
import { formatAge, formatBytes, formatCount, formatMs, formatTime } from '../format.js';
import { usePolling } from '../polling.js';
import { Loading } from './overview-page.js';

/** The server itself: uptime, version, storage, fsync latency, event-loop lag, cluster. */
export function ServerPage() {
  const { data, error } = usePolling(adminApi.overview, 'server');
  if (data === undefined) return <Loading error={error} />;
  const server = data.server;
  const vitals = server.vitals;
  return (
    <>
      <header class="page-header">
        <h1>Server</h1>
        <p class="subtitle">
          Sluice {server.version} · Node {server.nodeVersion} · started{' '}
          {formatTime(server.startedAtMs)}
        </p>
      </header>
      <div class="stats">
        <Stat label="Uptime" value={formatAge(server.uptimeSeconds)} />
        <Stat label="Open connections" value={formatCount(server.openConnections)} />
        <Stat
          label="Memory (RSS)"
          value={formatBytes(server.memory.rssBytes)}
          hint={`heap ${formatBytes(server.memory.heapUsedBytes)}`}
        />
        <Stat
          label="Event-loop delay p99"
          value={formatMs(vitals.eventLoopDelayP99Ms)}
          hint={`max ${formatMs(vitals.eventLoopDelayMaxMs)}`}
          tone={vitals.eventLoopDelayP99Ms > 100 ? 'warn' : undefined}
        />
      </div>
      <section class="panel">
        <h2>Storage</h2>
        <dl class="facts">
          <dt>Data directory</dt>
          <dd>
            <code>{server.storage.dataDirectory}</code>
          </dd>
          <dt>Log on disk</dt>
          <dd>
            {formatBytes(server.storage.logBytes)} in {formatCount(server.storage.segmentCount)}{' '}
            {server.storage.segmentCount === 1 ? 'segment' : 'segments'}
          </dd>
          <dt>Records written</dt>
          <dd>
            {formatCount(server.storage.nextOffset)} (last snapshot at{' '}
            {formatCount(server.storage.lastSnapshotOffset)})
          </dd>
          <dt>fsync latency</dt>
          <dd>
            {vitals.fsyncCount === 0
              ? 'no batches reported in the last interval'
              : `mean ${formatMs(vitals.fsyncMeanMs)}, max ${formatMs(vitals.fsyncMaxMs)} over ${formatCount(vitals.fsyncCount)} batches`}
          </dd>
          <dt>Authentication</dt>
          <dd>
            {server.authRequired
              ? 'SigV4 credentials required'
              : 'off (single-node development mode)'}
          </dd>
        </dl>
      </section>
      <section class="panel">
        <h2>Cluster</h2>
        {server.cluster === null ? (
          <p class="muted" data-testid="cluster-placeholder">
            Single node: every role runs in this process. Nodes, partitions and their leaders appear
            here when the server runs as a cluster.
          </p>
        ) : (
          <pre>{JSON.stringify(server.cluster, null, 2)}</pre>
        )}
      </section>
    </>
  );
}
