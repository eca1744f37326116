import { randomUUID } from 'node:crypto';
import type { Writable } from '@sluice/core';
import {
  md5OfMessageAttributes,
  md5OfMessageBody,
  type SendMessageBatchRequestEntry,
} from '@sluice/protocol';
import type { SendRequest } from '@sluice/partition';
import type { QueueRecord } from '../metadata/metadata-store.js';
import { encodeMessagePayload, type MessageContent } from './message-payload.js';
import type { MessageSealer } from '../encryption/message-sealer.js';
import { checkSendForQueue } from './message-rules.js';

export interface PreparedSend {
  readonly request: SendRequest;
  readonly md5OfBody: string;
  readonly md5OfAttributes: string | undefined;
  readonly md5OfSystemAttributes: string | undefined;
}

/** A body encoded and hashed already: a batch's bodies are, together (digestBodies). */
export interface DigestedBody {
  readonly md5: string;
  readonly utf8: Uint8Array;
}

/** Validates one message against its queue and turns it into what the partition stores. */
export function prepareSend(
  queue: QueueRecord,
  entry: Omit<SendMessageBatchRequestEntry, 'Id'>,
  sealer: MessageSealer | undefined,
  digested?: DigestedBody,
): PreparedSend {
  const { deduplicationId, sizeBytes } = checkSendForQueue(queue, entry);
  const attributes = entry.MessageAttributes;
  const hasAttributes = attributes !== undefined && Object.keys(attributes).length > 0;
  const system = entry.MessageSystemAttributes;
  const hasSystem = system !== undefined && Object.keys(system).length > 0;
  const md5OfBody = digested?.md5 ?? md5OfMessageBody(entry.MessageBody);
  const md5OfAttributes = hasAttributes ? md5OfMessageAttributes(attributes) : undefined;
  const md5OfSystemAttributes = hasSystem ? md5OfMessageAttributes(system) : undefined;
  // Optional fields are set only when present: a spread of `{}` for each absent one is a
  // throw-away object per message on the send path.
  const content: Writable<MessageContent> = { body: entry.MessageBody, md5OfBody };
  if (hasAttributes && md5OfAttributes !== undefined) {
    content.attributes = attributes;
    content.md5OfAttributes = md5OfAttributes;
  }
  if (hasSystem && md5OfSystemAttributes !== undefined) {
    content.systemAttributes = system;
    content.md5OfSystemAttributes = md5OfSystemAttributes;
  }
  const plain = encodeMessagePayload(content, digested?.utf8);
  const request: Writable<SendRequest> = {
    messageId: randomUUID(),
    payload: sealer === undefined ? plain : sealer.sealPayload(queue.id, plain),
    bodyBytes: sizeBytes,
  };
  if (entry.DelaySeconds !== undefined && !queue.fifo) request.delayMs = entry.DelaySeconds * 1000;
  if (entry.MessageGroupId !== undefined) request.groupId = entry.MessageGroupId;
  if (deduplicationId !== undefined) request.deduplicationId = deduplicationId;
  return { request, md5OfBody, md5OfAttributes, md5OfSystemAttributes };
}
