import { useState } from 'preact/hooks';
import { adminApi, type PeekedMessage } from '../api/admin-api.js';
import { sqsApi, type MoveTask } from '../api/sqs-api.js';
import { formatCount, formatTime } from '../format.js';

type Notice = { kind: 'ok' | 'error'; text: string } | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Peek at the head of the queue without receiving (no receive count, no visibility change). */
export function PeekPanel(props: { accountId: string; name: string }) {
  const [messages, setMessages] = useState<readonly PeekedMessage[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const peek = () =>
    adminApi.peek(props.accountId, props.name, 10).then(
      (found) => {
        setMessages(found);
        setError(undefined);
      },
      (failure: unknown) => setError(describe(failure)),
    );
  return (
    <section class="panel">
      <div class="panel-title">
        <h2>Messages</h2>
        <button onClick={() => void peek()} data-action="peek">
          Peek
        </button>
      </div>
      <p class="muted small">
        Shows up to 10 messages without receiving them: nothing becomes invisible.
      </p>
      {error === undefined ? null : <p class="error">{error}</p>}
      {messages === undefined ? null : messages.length === 0 ? (
        <p class="empty-inline" data-testid="peek-empty">
          The queue has no visible messages.
        </p>
      ) : (
        <table class="messages" data-testid="peek-results">
          <thead>
            <tr>
              <th>Message id</th>
              <th>Sent</th>
              <th class="number">Receives</th>
              <th>Body</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.messageId}>
                <td>
                  <code>{message.messageId}</code>
                </td>
                <td>{formatTime(message.sentTimestamp)}</td>
                <td class="number">{message.receiveCount}</td>
                <td class="body-cell">
                  <code>
                    {message.body.length > 200 ? `${message.body.slice(0, 200)}…` : message.body}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Send a test message and purge the queue. */
export function SendAndPurgePanel(props: {
  queueUrl: string;
  fifo: boolean;
  onChange: () => void;
}) {
  const [body, setBody] = useState('{"hello":"from the Sluice dashboard"}');
  const [notice, setNotice] = useState<Notice>(undefined);
  const run = (work: Promise<string>) =>
    work.then(
      (text) => {
        setNotice({ kind: 'ok', text });
        props.onChange();
      },
      (failure: unknown) => setNotice({ kind: 'error', text: describe(failure) }),
    );
  return (
    <section class="panel">
      <h2>Send a test message</h2>
      <form
        class="send-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(
            sqsApi
              .send(props.queueUrl, body, props.fifo ? 'dashboard' : undefined)
              .then((sent) => `Sent message ${sent.MessageId}.`),
          );
        }}
      >
        <textarea
          name="body"
          rows={3}
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        <div class="form-actions">
          <button type="submit" class="primary" data-action="send">
            Send
          </button>
          <button
            type="button"
            class="danger"
            data-action="purge"
            onClick={() => {
              if (window.confirm('Delete every message in this queue? This cannot be undone.'))
                void run(
                  sqsApi
                    .purge(props.queueUrl)
                    .then(() => 'Purge started: messages are deleted within a minute.'),
                );
            }}
          >
            Purge queue
          </button>
        </div>
      </form>
      {notice === undefined ? null : (
        <p class={notice.kind === 'ok' ? 'notice' : 'error'}>{notice.text}</p>
      )}
    </section>
  );
}

/** For a dead-letter queue: its source queues, and a button that moves messages back. */
export function RedrivePanel(props: {
  arn: string;
  sources: readonly string[];
  depth: number;
  tasks: readonly MoveTask[];
  onChange: () => void;
}) {
  const [notice, setNotice] = useState<Notice>(undefined);
  const running = props.tasks.find((task) => task.Status === 'RUNNING');
  return (
    <section class="panel" data-testid="redrive-panel">
      <h2>Dead-letter redrive</h2>
      <p>
        This is the dead-letter queue of{' '}
        {props.sources.map((url, index) => (
          <span key={url}>
            {index > 0 ? ', ' : ''}
            <code>{url.split('/').pop()}</code>
          </span>
        ))}
        . Redrive moves its {formatCount(props.depth)} messages back to the queues they came from.
      </p>
      <button
        class="primary"
        data-action="redrive"
        disabled={running !== undefined || props.depth === 0}
        onClick={() =>
          void sqsApi.startRedrive(props.arn).then(
            () => {
              setNotice({ kind: 'ok', text: 'Redrive started.' });
              props.onChange();
            },
            (failure: unknown) => setNotice({ kind: 'error', text: describe(failure) }),
          )
        }
      >
        {running === undefined ? 'Redrive messages' : 'Redrive running…'}
      </button>
      {notice === undefined ? null : (
        <p class={notice.kind === 'ok' ? 'notice' : 'error'}>{notice.text}</p>
      )}
      {props.tasks.length === 0 ? null : (
        <table class="tasks">
          <thead>
            <tr>
              <th>Started</th>
              <th>Status</th>
              <th class="number">Moved</th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((task, index) => (
              <tr key={task.TaskHandle ?? index}>
                <td class="muted small">
                  {task.StartedTimestamp === undefined ? '–' : formatTime(task.StartedTimestamp)}
                </td>
                <td data-field="task-status">
                  {task.Status}
                  {task.FailureReason === undefined ? '' : `: ${task.FailureReason}`}
                </td>
                <td class="number">
                  {formatCount(task.ApproximateNumberOfMessagesMoved ?? 0)}
                  {task.ApproximateNumberOfMessagesToMove === undefined
                    ? ''
                    : ` / ${formatCount(task.ApproximateNumberOfMessagesToMove)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
