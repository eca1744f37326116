import { ApiError, send } from './http.js';

/** Calls one action of the SQS JSON protocol on this server (signed when a key is set). */
async function call<T>(action: string, input: Record<string, unknown>): Promise<T> {
  const response = await send({
    method: 'POST',
    url: new URL('/', window.location.origin),
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AmazonSQS.${action}`,
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  const body = (text === '' ? {} : JSON.parse(text)) as T & { __type?: string; message?: string };
  if (!response.ok) {
    const code = (body.__type ?? 'Error').split('#').pop() ?? 'Error';
    throw new ApiError(code, body.message ?? response.statusText);
  }
  return body;
}

export function queueUrlOf(accountId: string, name: string): string {
  return `${window.location.origin}/${accountId}/${encodeURIComponent(name)}`;
}

export interface MoveTask {
  readonly TaskHandle?: string;
  readonly Status: string;
  readonly SourceArn: string;
  readonly ApproximateNumberOfMessagesMoved?: number;
  readonly ApproximateNumberOfMessagesToMove?: number;
  readonly FailureReason?: string;
  readonly StartedTimestamp?: number;
}

export const sqsApi = {
  attributes: async (queueUrl: string) =>
    (
      await call<{ Attributes?: Record<string, string> }>('GetQueueAttributes', {
        QueueUrl: queueUrl,
        AttributeNames: ['All'],
      })
    ).Attributes ?? {},
  send: (queueUrl: string, body: string, groupId: string | undefined) =>
    call<{ MessageId: string }>('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: body,
      ...(groupId === undefined
        ? {}
        : { MessageGroupId: groupId, MessageDeduplicationId: crypto.randomUUID() }),
    }),
  purge: (queueUrl: string) => call<unknown>('PurgeQueue', { QueueUrl: queueUrl }),
  deadLetterSources: async (queueUrl: string) =>
    (await call<{ queueUrls?: string[] }>('ListDeadLetterSourceQueues', { QueueUrl: queueUrl }))
      .queueUrls ?? [],
  startRedrive: (sourceArn: string) =>
    call<{ TaskHandle: string }>('StartMessageMoveTask', { SourceArn: sourceArn }),
  moveTasks: async (sourceArn: string) =>
    (
      await call<{ Results?: MoveTask[] }>('ListMessageMoveTasks', {
        SourceArn: sourceArn,
        MaxResults: 10,
      })
    ).Results ?? [],
};
