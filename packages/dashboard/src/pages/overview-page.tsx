import { adminApi } from '../api/admin-api.js';
import { Sparkline } from '../components/sparkline.js';
import { Stat } from '../components/stat.js';
import { formatAge, formatCount, formatRate } from '../format.js';
import { usePolling } from '../polling.js';
import { queueHref } from '../route.js';

/** Every queue at a glance: depth, in-flight, oldest age, rates and a depth sparkline. */
export function OverviewPage() {
  const { data, error } = usePolling(adminApi.overview, 'overview');
  if (data === undefined) return <Loading error={error} />;
  const queues = [...data.queues].sort((a, b) => a.name.localeCompare(b.name));
  const total = (pick: (queue: (typeof queues)[number]) => number) =>
    queues.reduce((sum, queue) => sum + pick(queue), 0);
  const oldest = Math.max(0, ...queues.map((queue) => queue.oldestAgeSeconds));
  return (
    <>
      <header class="page-header">
        <h1>Queues</h1>
        <p class="subtitle">
          {queues.length} {queues.length === 1 ? 'queue' : 'queues'} · region {data.server.region}
        </p>
      </header>
      <div class="stats">
        <Stat label="Visible messages" value={formatCount(total((queue) => queue.visible))} />
        <Stat label="In flight" value={formatCount(total((queue) => queue.inflight))} />
        <Stat
          label="Oldest message"
          value={formatAge(oldest)}
          tone={oldest > 300 ? 'warn' : undefined}
        />
        <Stat label="Send rate" value={formatRate(total((queue) => queue.sentPerSecond))} />
        <Stat label="Receive rate" value={formatRate(total((queue) => queue.receivedPerSecond))} />
      </div>
      {queues.length === 0 ? (
        <EmptyQueues />
      ) : (
        <section class="panel">
          <table class="queues" data-testid="queue-table">
            <thead>
              <tr>
                <th>Queue</th>
                <th class="number">Visible</th>
                <th class="number">In flight</th>
                <th class="number">Delayed</th>
                <th class="number">Oldest</th>
                <th class="number">Sent/s</th>
                <th class="number">Received/s</th>
                <th>Depth, last 10 min</th>
              </tr>
            </thead>
            <tbody>
              {queues.map((queue) => (
                <tr key={`${queue.accountId}/${queue.name}`} data-queue={queue.name}>
                  <td>
                    <a href={queueHref(queue.accountId, queue.name)} class="queue-name">
                      {queue.name}
                    </a>
                    {queue.fifo ? <span class="badge">FIFO</span> : null}
                    <div class="muted small">{queue.accountId}</div>
                  </td>
                  <td class="number" data-field="visible">
                    {formatCount(queue.visible)}
                  </td>
                  <td class="number" data-field="inflight">
                    {formatCount(queue.inflight)}
                  </td>
                  <td class="number">{formatCount(queue.delayed)}</td>
                  <td class={`number ${queue.oldestAgeSeconds > 300 ? 'warn-text' : ''}`}>
                    {formatAge(queue.oldestAgeSeconds)}
                  </td>
                  <td class="number">{formatRate(queue.sentPerSecond)}</td>
                  <td class="number">{formatRate(queue.receivedPerSecond)}</td>
                  <td>
                    <Sparkline values={queue.depthSparkline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

function EmptyQueues() {
  return (
    <section class="panel empty">
      <h2>No queues yet</h2>
      <p>Create one with any SQS client pointed at this server, for example:</p>
      <pre>aws --endpoint-url {window.location.origin} sqs create-queue --queue-name my-queue</pre>
      <p class="muted">
        or <code>sluice queue create my-queue</code>. It appears here within seconds.
      </p>
    </section>
  );
}

export function Loading({ error }: { error: Error | undefined }) {
  return (
    <section class="panel empty">
      {error === undefined ? (
        <p class="muted">Loading…</p>
      ) : (
        <p class="error">Cannot reach the server: {error.message}</p>
      )}
    </section>
  );
}
