import { adminApi } from '../api/admin-api.js';
import { queueUrlOf, sqsApi } from '../api/sqs-api.js';
import { Stat } from '../components/stat.js';
import { formatAge, formatCount, formatRate, formatTime } from '../format.js';
import { usePolling } from '../polling.js';
import { Loading } from './overview-page.js';
import { QueueCharts } from './queue-charts.js';
import { PeekPanel, RedrivePanel, SendAndPurgePanel } from './queue-actions.js';

/** Attributes shown first, in this order; the rest follow alphabetically. */
const leadingAttributes = [
  'QueueArn',
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'RedrivePolicy',
  'RedriveAllowPolicy',
];

/** Timestamps (seconds since the epoch) as dates; everything else as SQS returns it. */
function attributeText(name: string, value: string): string {
  return name.endsWith('Timestamp') ? `${formatTime(Number(value) * 1000)} (${value})` : value;
}

async function loadQueue(accountId: string, name: string) {
  const url = queueUrlOf(accountId, name);
  const [overview, history, attributes, sources] = await Promise.all([
    adminApi.overview(),
    adminApi.history(accountId, name).catch(() => undefined),
    sqsApi.attributes(url),
    sqsApi.deadLetterSources(url),
  ]);
  const arn = attributes['QueueArn'] ?? '';
  const tasks = sources.length === 0 ? [] : await sqsApi.moveTasks(arn);
  const queue = overview.queues.find((row) => row.accountId === accountId && row.name === name);
  return { url, queue, history, attributes, sources, tasks, arn };
}

/** One queue: numbers, charts over time, attributes, peek, send, purge and DLQ redrive. */
export function QueuePage(props: { accountId: string; name: string }) {
  const { data, error, refresh } = usePolling(
    () => loadQueue(props.accountId, props.name),
    `${props.accountId}/${props.name}`,
  );
  if (data === undefined) return <Loading error={error} />;
  const queue = data.queue;
  if (queue === undefined)
    return <Loading error={new Error(`queue ${props.name} does not exist`)} />;
  const attributeNames = [
    ...leadingAttributes.filter((name) => name in data.attributes),
    ...Object.keys(data.attributes)
      .filter((name) => !leadingAttributes.includes(name) && !name.startsWith('Approximate'))
      .sort(),
  ];
  return (
    <>
      <header class="page-header">
        <p class="breadcrumb">
          <a href="#/">Queues</a> / {queue.accountId}
        </p>
        <h1>
          {queue.name} {queue.fifo ? <span class="badge">FIFO</span> : null}
        </h1>
        <p class="subtitle">
          <code>{data.url}</code>
        </p>
      </header>
      <div class="stats">
        <Stat
          label="Visible"
          value={<span data-testid="queue-visible">{formatCount(queue.visible)}</span>}
        />
        <Stat label="In flight" value={formatCount(queue.inflight)} />
        <Stat label="Delayed" value={formatCount(queue.delayed)} />
        <Stat
          label="Oldest message"
          value={formatAge(queue.oldestAgeSeconds)}
          tone={queue.oldestAgeSeconds > 300 ? 'warn' : undefined}
        />
        <Stat
          label="Send · receive rate"
          value={`${formatRate(queue.sentPerSecond)} · ${formatRate(queue.receivedPerSecond)}`}
        />
      </div>
      <QueueCharts history={data.history} />
      <div class="columns">
        <div>
          <PeekPanel accountId={queue.accountId} name={queue.name} />
          {data.sources.length === 0 ? null : (
            <RedrivePanel
              arn={data.arn}
              sources={data.sources}
              depth={queue.visible}
              tasks={data.tasks}
              onChange={refresh}
            />
          )}
          <SendAndPurgePanel queueUrl={data.url} fifo={queue.fifo} onChange={refresh} />
        </div>
        <section class="panel">
          <h2>Attributes</h2>
          <dl class="facts attributes">
            {attributeNames.map((name) => (
              <>
                <dt key={`${name}-name`}>{name}</dt>
                <dd key={`${name}-value`}>
                  <code>{attributeText(name, data.attributes[name] ?? '')}</code>
                </dd>
              </>
            ))}
          </dl>
        </section>
      </div>
    </>
  );
}
