/**
 * TEST DOUBLE. A minimal in-memory stand-in for a Sluice server, so the CLI's integration tests
 * can run the real `bin/sluice.js` over real HTTP before packages/server exists. It answers only
 * the SQS JSON-protocol calls and admin endpoints the CLI makes, with SQS's error shapes. It is
 * not a queue: no visibility timeouts, no FIFO ordering, no validation beyond what tests need.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const stubAccountId = '000000000000';
/** Every message's SentTimestamp: fixed so output is the same on every run. */
export const stubSentTimestampMs = 1_700_000_000_000;
/** ListQueues pages hold at most this many URLs whatever MaxResults says, to exercise paging. */
export const stubListPageSize = 2;

interface StubMessage {
  messageId: string;
  body: string;
  groupId?: string;
  attributes: Record<string, unknown>;
  receiveCount: number;
  receiptHandle?: string;
}

interface StubQueue {
  name: string;
  attributes: Record<string, string>;
  messages: StubMessage[];
}

export type Json = Record<string, unknown>;

/** An SQS error: status, `__type` suffix, x-amzn-query-error code. */
class StubError extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
  }
}

const queueDoesNotExist = (): StubError =>
  new StubError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );

export class StubSluiceServer {
  readonly queues = new Map<string, StubQueue>();
  /** X-Amz-Target actions and admin paths, in the order they arrived. */
  readonly requests: string[] = [];
  /** Each SQS call's action and JSON input, in the order they arrived. */
  readonly calls: { action: string; input: Json }[] = [];
  #server: Server | undefined;
  #nextId = 1;
  url = '';

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.#handle(request, response);
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  queueUrl(name: string): string {
    return `${this.url}/${stubAccountId}/${name}`;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const isAdmin = request.url?.startsWith('/admin/v1/') === true;
    try {
      if (isAdmin) {
        this.requests.push(`GET ${request.url}`);
        send(response, 200, this.#admin(new URL(request.url ?? '/', this.url)));
        return;
      }
      const action = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const input = JSON.parse(body) as Json;
      this.requests.push(action);
      this.calls.push({ action, input });
      send(response, 200, this.#sqs(action, input));
    } catch (error) {
      if (!(error instanceof StubError)) throw error;
      if (isAdmin) {
        // The admin API's own error shape (not SQS's), as packages/server answers.
        send(response, 404, { error: error.type, message: error.message });
        return;
      }
      const body = { __type: `com.amazonaws.sqs#${error.type}`, message: error.message };
      send(response, 400, body, { 'x-amzn-query-error': `${error.queryCode};Sender` });
    }
  }

  #sqs(action: string, input: Json): Json {
    switch (action) {
      case 'CreateQueue':
        return this.#createQueue(input);
      case 'GetQueueUrl':
        return { QueueUrl: this.queueUrl(this.#byName(String(input['QueueName'])).name) };
      case 'ListQueues':
        return this.#listQueues(input);
      case 'GetQueueAttributes':
        return { Attributes: this.#byUrl(input).attributes };
      case 'PurgeQueue':
        this.#byUrl(input).messages.length = 0;
        return {};
      case 'DeleteQueue':
        this.queues.delete(this.#byUrl(input).name);
        return {};
      case 'SendMessage':
        return this.#sendMessage(input);
      case 'ReceiveMessage':
        return this.#receiveMessage(input);
      case 'DeleteMessageBatch':
        return this.#deleteMessageBatch(input);
      default:
        throw new StubError('InvalidAction', 'InvalidAction', `stub does not know ${action}`);
    }
  }

  #createQueue(input: Json): Json {
    const name = String(input['QueueName']);
    const attributes = { ...(input['Attributes'] as Record<string, string> | undefined) };
    this.queues.set(name, { name, attributes, messages: [] });
    return { QueueUrl: this.queueUrl(name) };
  }

  #listQueues(input: Json): Json {
    const prefix = typeof input['QueueNamePrefix'] === 'string' ? input['QueueNamePrefix'] : '';
    const names = [...this.queues.keys()].filter((name) => name.startsWith(prefix)).sort();
    const start = typeof input['NextToken'] === 'string' ? Number(input['NextToken']) : 0;
    const page = names.slice(start, start + stubListPageSize);
    const next = start + stubListPageSize;
    return {
      QueueUrls: page.map((name) => this.queueUrl(name)),
      ...(next < names.length ? { NextToken: String(next) } : {}),
    };
  }

  #sendMessage(input: Json): Json {
    const queue = this.#byUrl(input);
    const body = String(input['MessageBody']);
    const message: StubMessage = {
      messageId: `stub-message-${this.#nextId++}`,
      body,
      attributes: (input['MessageAttributes'] as Record<string, unknown> | undefined) ?? {},
      receiveCount: 0,
    };
    if (typeof input['MessageGroupId'] === 'string') message.groupId = input['MessageGroupId'];
    queue.messages.push(message);
    return { MessageId: message.messageId, MD5OfMessageBody: md5(body) };
  }

  #receiveMessage(input: Json): Json {
    const queue = this.#byUrl(input);
    const count =
      typeof input['MaxNumberOfMessages'] === 'number' ? input['MaxNumberOfMessages'] : 1;
    const received = queue.messages
      .filter((message) => message.receiptHandle === undefined)
      .slice(0, count);
    return {
      Messages: received.map((message) => {
        message.receiveCount += 1;
        message.receiptHandle = `receipt-${message.messageId}`;
        return {
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          MD5OfBody: md5(message.body),
          Body: message.body,
          Attributes: {
            SentTimestamp: String(stubSentTimestampMs),
            ApproximateReceiveCount: String(message.receiveCount),
            ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
          },
          MessageAttributes: message.attributes,
        };
      }),
    };
  }

  #deleteMessageBatch(input: Json): Json {
    const queue = this.#byUrl(input);
    const entries = input['Entries'] as { Id: string; ReceiptHandle: string }[];
    const handles = new Set(entries.map((entry) => entry.ReceiptHandle));
    queue.messages = queue.messages.filter(
      (message) => message.receiptHandle === undefined || !handles.has(message.receiptHandle),
    );
    return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
  }

  #admin(url: URL): Json {
    if (url.pathname === '/admin/v1/status') return this.#status();
    const match = /^\/admin\/v1\/queues\/([^/]+)\/([^/]+)\/messages$/.exec(url.pathname);
    if (match === null)
      throw new StubError('NotFound', 'NotFound', `no admin route ${url.pathname}`);
    const queue = this.#byName(decodeURIComponent(match[2] ?? ''));
    const limit = Number(url.searchParams.get('limit') ?? '10');
    return {
      messages: queue.messages.slice(0, limit).map((message) => ({
        messageId: message.messageId,
        body: message.body,
        sentTimestamp: stubSentTimestampMs,
        receiveCount: message.receiveCount,
        ...(message.groupId === undefined ? {} : { messageGroupId: message.groupId }),
      })),
    };
  }

  #status(): Json {
    return {
      version: '0.0.0-stub',
      uptimeSeconds: 3723,
      dataDirectory: '/stub/data',
      queues: [...this.queues.values()].map((queue) => ({
        name: queue.name,
        url: this.queueUrl(queue.name),
        fifo: queue.name.endsWith('.fifo'),
        visible: queue.messages.filter((message) => message.receiptHandle === undefined).length,
        inflight: queue.messages.filter((message) => message.receiptHandle !== undefined).length,
        delayed: 0,
        oldestAgeSeconds: queue.messages.length === 0 ? null : 5,
      })),
      storage: { logBytes: 1536, segmentCount: 1 },
    };
  }

  #byName(name: string): StubQueue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return queue;
  }

  #byUrl(input: Json): StubQueue {
    const url = String(input['QueueUrl']);
    return this.#byName(url.slice(url.lastIndexOf('/') + 1));
  }
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function send(
  response: ServerResponse,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': 'stub-request',
    ...headers,
  });
  response.end(JSON.stringify(body));
}
