import { CommandError } from './cli-errors.js';

/**
 * The admin API's JSON documents, and checks that turn an untrusted parsed body into them: a
 * malformed answer is reported as such instead of crashing a formatter later.
 */
export interface StatusDocument {
  version: string;
  uptimeSeconds: number;
  dataDirectory: string;
  queues: QueueStatus[];
  storage: { logBytes: number; segmentCount: number };
}

export interface QueueStatus {
  name: string;
  url: string;
  fifo: boolean;
  visible: number;
  inflight: number;
  delayed: number;
  /** Age of the oldest message; null or absent when the queue is empty. */
  oldestAgeSeconds: number | null;
}

export interface PeekDocument {
  messages: PeekedMessage[];
}

export interface PeekedMessage {
  messageId: string;
  body: string;
  /** Milliseconds since the Unix epoch (SQS's SentTimestamp, sent as a number or a string). */
  sentTimestamp: number;
  receiveCount: number;
  messageGroupId?: string;
  messageAttributes?: Record<string, unknown>;
}

type Fields = Record<string, unknown>;

export function parseStatusDocument(value: unknown): StatusDocument {
  const document = object(value, 'status');
  const storage = object(document['storage'], 'status.storage');
  return {
    version: string(document, 'version', 'status'),
    uptimeSeconds: number(document, 'uptimeSeconds', 'status'),
    dataDirectory: string(document, 'dataDirectory', 'status'),
    queues: list(document, 'queues', 'status').map((queue, index) =>
      parseQueueStatus(queue, `status.queues[${index}]`),
    ),
    storage: {
      logBytes: number(storage, 'logBytes', 'status.storage'),
      segmentCount: number(storage, 'segmentCount', 'status.storage'),
    },
  };
}

function parseQueueStatus(value: unknown, where: string): QueueStatus {
  const queue = object(value, where);
  const oldest = queue['oldestAgeSeconds'];
  return {
    name: string(queue, 'name', where),
    url: string(queue, 'url', where),
    fifo: boolean(queue, 'fifo', where),
    visible: number(queue, 'visible', where),
    inflight: number(queue, 'inflight', where),
    delayed: number(queue, 'delayed', where),
    oldestAgeSeconds:
      oldest === undefined || oldest === null ? null : number(queue, 'oldestAgeSeconds', where),
  };
}

export function parsePeekDocument(value: unknown): PeekDocument {
  const document = object(value, 'peek');
  return {
    messages: list(document, 'messages', 'peek').map((message, index) =>
      parsePeekedMessage(message, `peek.messages[${index}]`),
    ),
  };
}

function parsePeekedMessage(value: unknown, where: string): PeekedMessage {
  const message = object(value, where);
  const sent = message['sentTimestamp'];
  const parsed: PeekedMessage = {
    messageId: string(message, 'messageId', where),
    body: string(message, 'body', where),
    sentTimestamp:
      typeof sent === 'string' && /^[0-9]+$/.test(sent)
        ? Number(sent)
        : number(message, 'sentTimestamp', where),
    receiveCount: number(message, 'receiveCount', where),
  };
  if (message['messageGroupId'] !== undefined) {
    parsed.messageGroupId = string(message, 'messageGroupId', where);
  }
  if (message['messageAttributes'] !== undefined) {
    parsed.messageAttributes = object(message['messageAttributes'], `${where}.messageAttributes`);
  }
  return parsed;
}

function malformed(where: string, expected: string): CommandError {
  return new CommandError(`malformed admin API answer: ${where} is not ${expected}`);
}

function object(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(where, 'an object');
  }
  return value as Fields;
}

function string(fields: Fields, name: string, where: string): string {
  const value = fields[name];
  if (typeof value !== 'string') throw malformed(`${where}.${name}`, 'a string');
  return value;
}

function number(fields: Fields, name: string, where: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw malformed(`${where}.${name}`, 'a number');
  }
  return value;
}

function boolean(fields: Fields, name: string, where: string): boolean {
  const value = fields[name];
  if (typeof value !== 'boolean') throw malformed(`${where}.${name}`, 'true or false');
  return value;
}

function list(fields: Fields, name: string, where: string): unknown[] {
  const value = fields[name];
  if (!Array.isArray(value)) throw malformed(`${where}.${name}`, 'a list');
  return value as unknown[];
}
