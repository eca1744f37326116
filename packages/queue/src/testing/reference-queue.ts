import { sqsLimits } from '@sluice/core';
import { defaultQueueConfig, invalidQueueConfigField, type QueueConfig } from '../queue-config.js';
import type { QueueCommand } from '../queue-commands.js';

/**
 * The obviously-correct model the state machine is tested against: plain objects in an array,
 * every question answered by filtering and sorting from scratch. It has no slots, so receipts
 * are (key, receiveNumber) and results carry no slot numbers.
 */
type ModelState = 'visible' | 'delayed' | 'inflight' | 'pendingDeadLetter';

interface ModelMessage {
  key: number;
  /** The offset of the send or move that brought it here: what receipts name. */
  arrival: number;
  bodyOffset: number;
  sentAtMs: number;
  state: ModelState;
  dueAtMs: number;
  firstReceiveAtMs: number | undefined;
  receivedAtMs: number;
  receiveCount: number;
  visibilityChanged: boolean;
  groupId: string | undefined;
  bodyBytes: number;
}

export interface ModelReceipt {
  /** The message's arrival (see ModelMessage). */
  readonly key: number;
  readonly receiveNumber: number;
}

interface ModelAttempt {
  readonly attemptId: string;
  readonly expiresAtMs: number;
  readonly receipts: readonly ModelReceipt[];
}

interface ModelDeduplication {
  readonly deduplicationKey: string;
  readonly messageId: string;
  readonly key: number;
  readonly expiresAtMs: number;
}

/** A model command: the machine's, with slot-free receipts. */
export type ModelCommand =
  | Exclude<QueueCommand, { type: 'delete' | 'deleteBatch' | 'changeVisibility' }>
  | { type: 'delete'; nowMs: number; receipt: ModelReceipt }
  | { type: 'deleteBatch'; nowMs: number; receipts: readonly ModelReceipt[] }
  | { type: 'changeVisibility'; nowMs: number; receipt: ModelReceipt; visibilityTimeoutMs: number };

const visibilityTimeoutMsMax = sqsLimits.visibilityTimeoutSecondsMax * 1000;

export class ReferenceQueue {
  config: QueueConfig = defaultQueueConfig;
  nowMs = 0;
  lastPurgeAtMs = Number.NEGATIVE_INFINITY;
  hasHeldMessages = false;
  messages: ModelMessage[] = [];
  deduplication: ModelDeduplication[] = [];
  attempts: ModelAttempt[] = [];

  apply(command: ModelCommand, offset: number): unknown {
    const expiredCount = this.#advance(command.nowMs);
    switch (command.type) {
      case 'configure':
        return this.#configure(command.config);
      case 'send':
        return this.#send(command, offset);
      case 'receive':
        return this.#receive(command);
      case 'delete':
        return this.#delete(command.receipt);
      case 'deleteBatch':
        return {
          outcomes: command.receipts.map(
            (receipt) => (this.#delete(receipt) as { outcome: unknown }).outcome,
          ),
        };
      case 'changeVisibility':
        return this.#changeVisibility(command.receipt, command.visibilityTimeoutMs);
      case 'expire':
        return { expiredCount };
      case 'deadLetter': {
        const message = this.#find(command.key);
        if (message === undefined) return { outcome: 'alreadyGone' };
        if (message.state !== 'pendingDeadLetter') return { outcome: 'notPending' };
        this.#removeMessage(message);
        return { outcome: 'deadLettered' };
      }
      case 'moveIn':
        return this.#moveIn(command, offset);
      case 'moveOut':
        return this.#moveOut(command.key);
      case 'reinsert': {
        const message = this.#find(command.key);
        if (message === undefined) return { outcome: 'alreadyGone' };
        message.bodyOffset = offset;
        return { outcome: 'reinserted' };
      }
      case 'purge':
        return this.#purge();
    }
  }

  counters(): unknown {
    const count = (state: ModelState): number =>
      this.messages.filter((message) => message.state === state).length;
    const retained = this.messages.filter((message) => message.state !== 'pendingDeadLetter');
    return {
      visible: count('visible'),
      inflight: count('inflight'),
      delayed: count('delayed'),
      pendingDeadLetter: count('pendingDeadLetter'),
      total: this.messages.length,
      bytes: this.messages.reduce((total, message) => total + message.bodyBytes, 0),
      oldestSentAtMs:
        retained.length === 0
          ? undefined
          : Math.min(...retained.map((message) => message.sentAtMs)),
    };
  }

  nextWakeAtMs(): number | undefined {
    const timed = this.messages.filter((message) => this.#isTimed(message));
    return timed.length === 0 ? undefined : Math.min(...timed.map((message) => message.dueAtMs));
  }

  oldestLiveOffset(): number | undefined {
    if (this.messages.length === 0) return undefined;
    return Math.min(...this.messages.map((message) => message.bodyOffset));
  }

  hasReceivable(nowMs: number): boolean {
    const atMs = Math.max(nowMs, this.nowMs);
    if (this.messages.some((message) => this.#isTimed(message) && message.dueAtMs <= atMs)) {
      return true;
    }
    if (!this.config.fifo) return this.messages.some((message) => message.state === 'visible');
    return this.#deliverableGroups().length > 0;
  }

  peek(countMax: number): unknown[] {
    const order = this.config.fifo
      ? this.#deliverableGroups().flatMap((group) => this.#visiblePrefix(group))
      : this.#visibleByKey();
    return order
      .filter((message) => !this.#shouldDeadLetter(message))
      .slice(0, Math.max(0, countMax))
      .map((message) => this.#describeLive(message));
  }

  liveMessagesBelow(bodyOffsetLimit: number, countMax: number): unknown[] {
    return this.messages
      .filter((message) => message.bodyOffset < bodyOffsetLimit)
      .sort((first, second) => first.bodyOffset - second.bodyOffset || first.key - second.key)
      .slice(0, Math.max(0, countMax))
      .map((message) => this.#describeLive(message));
  }

  pendingDeadLetters(): unknown[] {
    return this.messages
      .filter((message) => message.state === 'pendingDeadLetter')
      .sort((first, second) => first.key - second.key)
      .map((message) => this.#describeLive(message));
  }

  #advance(nowMs: number): number {
    this.nowMs = Math.max(this.nowMs, nowMs);
    const now = this.nowMs;
    const expired = this.messages.filter(
      (message) =>
        message.state !== 'pendingDeadLetter' && message.sentAtMs + this.config.retentionMs <= now,
    );
    for (const message of expired) this.#removeMessage(message);
    for (const message of this.messages) {
      if (this.#isTimed(message) && message.dueAtMs <= now) message.state = 'visible';
    }
    this.deduplication = this.deduplication.filter((entry) => entry.expiresAtMs > now);
    this.attempts = this.attempts.filter((attempt) => attempt.expiresAtMs > now);
    return expired.length;
  }

  #configure(config: QueueConfig): unknown {
    const field = invalidQueueConfigField(config);
    if (field !== undefined) return { kind: 'rejected', field };
    if (config.fifo !== this.config.fifo && this.hasHeldMessages) {
      return { kind: 'rejected', field: 'fifo' };
    }
    this.config = { ...config };
    if (config.fifo) {
      for (const message of this.messages) {
        if (message.state === 'delayed') message.dueAtMs = message.sentAtMs + config.delayMs;
      }
    }
    this.#advance(this.nowMs);
    return { kind: 'configured' };
  }

  #send(command: ModelCommand & { type: 'send' }, offset: number): unknown {
    const delayMs = this.config.fifo
      ? this.config.delayMs
      : (command.delayMs ?? this.config.delayMs);
    if (this.config.fifo) {
      const deduplicationKey = this.#deduplicationKey(command.groupId!, command.deduplicationId!);
      const original = this.deduplication.find(
        (entry) => entry.deduplicationKey === deduplicationKey,
      );
      if (original !== undefined) {
        return {
          kind: 'duplicate',
          messageId: original.messageId,
          key: original.key,
          sequenceNumber: original.key,
        };
      }
      this.deduplication.push({
        deduplicationKey,
        messageId: command.messageId,
        key: offset,
        expiresAtMs: this.nowMs + sqsLimits.deduplicationWindowMs,
      });
    }
    const sent = this.#add(
      offset,
      offset,
      offset,
      this.nowMs,
      delayMs,
      this.config.fifo ? command.groupId : undefined,
    );
    sent.bodyBytes = command.bodyBytes;
    return { kind: 'sent', key: offset, sequenceNumber: offset };
  }

  #moveIn(command: ModelCommand & { type: 'moveIn' }, offset: number): unknown {
    if (this.#find(command.key) !== undefined) return { kind: 'alreadyPresent' };
    const sentAtMs = Math.min(command.sentAtMs, this.nowMs);
    if (sentAtMs + this.config.retentionMs <= this.nowMs) return { kind: 'expired' };
    const groupId = this.config.fifo ? command.groupId : undefined;
    const message = this.#add(command.key, offset, command.bodyOffset, sentAtMs, 0, groupId);
    message.receiveCount = command.receiveCount;
    message.bodyBytes = command.bodyBytes;
    if (this.config.fifo && command.deduplicationId !== undefined) {
      const deduplicationKey = this.#deduplicationKey(groupId!, command.deduplicationId);
      if (!this.deduplication.some((entry) => entry.deduplicationKey === deduplicationKey)) {
        this.deduplication.push({
          deduplicationKey,
          messageId: command.messageId,
          key: command.key,
          expiresAtMs: this.nowMs + sqsLimits.deduplicationWindowMs,
        });
      }
    }
    return { kind: 'movedIn' };
  }

  #moveOut(key: number): unknown {
    const message = this.#find(key);
    if (message === undefined) return { kind: 'alreadyGone' };
    this.#removeMessage(message);
    const moved = {
      kind: 'movedOut',
      bodyOffset: message.bodyOffset,
      sentAtMs: message.sentAtMs,
      receiveCount: message.receiveCount,
      bodyBytes: message.bodyBytes,
    };
    return message.groupId === undefined ? moved : { ...moved, groupId: message.groupId };
  }

  #receive(command: ModelCommand & { type: 'receive' }): unknown {
    const deadlineMs =
      this.nowMs + (command.visibilityTimeoutMs ?? this.config.visibilityTimeoutMs);
    const attemptId = this.config.fifo ? command.receiveRequestAttemptId : undefined;
    const attempt = this.attempts.find((candidate) => candidate.attemptId === attemptId);
    if (attemptId !== undefined && attempt !== undefined) return this.#replay(attempt, deadlineMs);
    const inflightMax = this.config.fifo
      ? sqsLimits.inflightFifoMax
      : sqsLimits.inflightStandardMax;
    const room =
      inflightMax - this.messages.filter((message) => message.state === 'inflight').length;
    if (room <= 0) return { messages: [], deadLetters: [], overLimit: true, attempt: 'fresh' };
    const countMax = Math.min(command.countMax, room);
    const messages: unknown[] = [];
    const deadLetters: unknown[] = [];
    const take = (message: ModelMessage): boolean => {
      if (this.#shouldDeadLetter(message)) {
        if (deadLetters.length === sqsLimits.receiveDeadLetterCountMax) return false;
        deadLetters.push(this.#describeLive(message));
        message.state = 'pendingDeadLetter';
        return true;
      }
      messages.push(this.#deliver(message, deadlineMs));
      return true;
    };
    if (this.config.fifo) this.#collectFifo(countMax, messages, take);
    else {
      for (const message of this.#visibleByKey()) {
        if (messages.length >= countMax || !take(message)) break;
      }
    }
    if (attemptId !== undefined && messages.length > 0) {
      this.attempts.push({
        attemptId,
        expiresAtMs: this.nowMs + sqsLimits.receiveRequestAttemptWindowMs,
        receipts: messages.map((message) => (message as { receipt: ModelReceipt }).receipt),
      });
    }
    return { messages, deadLetters, overLimit: false, attempt: 'fresh' };
  }

  #collectFifo(
    countMax: number,
    messages: unknown[],
    take: (message: ModelMessage) => boolean,
  ): void {
    for (;;) {
      const groups = this.#deliverableGroups();
      if (groups.length === 0 || messages.length >= countMax) return;
      for (const message of this.#groupMessages(groups[0]!)) {
        if (messages.length >= countMax || message.state !== 'visible') break;
        if (!take(message)) return;
      }
    }
  }

  #replay(attempt: ModelAttempt, deadlineMs: number): unknown {
    const found = attempt.receipts.map((receipt) => this.#findArrival(receipt.key));
    const unchanged = found.every(
      (message, index) =>
        message !== undefined &&
        message.state === 'inflight' &&
        message.receiveCount === attempt.receipts[index]!.receiveNumber &&
        !message.visibilityChanged,
    );
    if (!unchanged)
      return { messages: [], deadLetters: [], overLimit: false, attempt: 'notRetryable' };
    const messages = found.map((message) => {
      message!.dueAtMs = deadlineMs;
      return this.#describeReceived(message!);
    });
    return { messages, deadLetters: [], overLimit: false, attempt: 'replayed' };
  }

  #deliver(message: ModelMessage, deadlineMs: number): unknown {
    message.receiveCount++;
    message.firstReceiveAtMs ??= this.nowMs;
    message.receivedAtMs = this.nowMs;
    message.dueAtMs = deadlineMs;
    message.visibilityChanged = false;
    message.state = 'inflight';
    return this.#describeReceived(message);
  }

  #standing(receipt: ModelReceipt): 'current' | 'stale' | 'gone' | 'invalid' {
    if (receipt.receiveNumber < 1) return 'invalid';
    const message = this.#findArrival(receipt.key);
    if (message === undefined || message.state === 'pendingDeadLetter') return 'gone';
    if (receipt.receiveNumber > message.receiveCount) return 'invalid';
    return receipt.receiveNumber === message.receiveCount ? 'current' : 'stale';
  }

  #delete(receipt: ModelReceipt): unknown {
    const standing = this.#standing(receipt);
    if (standing === 'invalid') return { outcome: 'invalidReceipt' };
    if (standing === 'gone') return { outcome: 'alreadyGone' };
    const message = this.#findArrival(receipt.key)!;
    if (this.config.fifo && (standing === 'stale' || message.state !== 'inflight')) {
      return { outcome: 'expiredReceipt' };
    }
    if (standing === 'stale') return { outcome: 'staleReceipt' };
    this.#removeMessage(message);
    return { outcome: 'deleted' };
  }

  #changeVisibility(receipt: ModelReceipt, visibilityTimeoutMs: number): unknown {
    const standing = this.#standing(receipt);
    if (standing === 'invalid') return { outcome: 'invalidReceipt' };
    if (standing === 'gone') return { outcome: 'alreadyGone' };
    if (standing === 'stale') return { outcome: 'staleReceipt' };
    const message = this.#findArrival(receipt.key)!;
    if (message.state !== 'inflight') return { outcome: 'notInflight' };
    const deadlineMs = this.nowMs + visibilityTimeoutMs;
    if (deadlineMs > message.receivedAtMs + visibilityTimeoutMsMax) {
      return { outcome: 'visibilityTooLong' };
    }
    message.visibilityChanged = true;
    message.dueAtMs = deadlineMs;
    if (visibilityTimeoutMs === 0) message.state = 'visible';
    return { outcome: 'changed' };
  }

  #purge(): unknown {
    if (this.nowMs - this.lastPurgeAtMs < sqsLimits.purgeIntervalMs)
      return { kind: 'purgeInProgress' };
    this.lastPurgeAtMs = this.nowMs;
    const purgedCount = this.messages.length;
    this.messages = [];
    this.attempts = [];
    return { kind: 'purged', purgedCount };
  }

  #add(
    key: number,
    arrival: number,
    bodyOffset: number,
    sentAtMs: number,
    delayMs: number,
    groupId: string | undefined,
  ): ModelMessage {
    const message: ModelMessage = {
      key,
      arrival,
      bodyOffset,
      sentAtMs,
      state: delayMs > 0 ? 'delayed' : 'visible',
      dueAtMs: sentAtMs + delayMs,
      firstReceiveAtMs: undefined,
      receivedAtMs: -1,
      receiveCount: 0,
      visibilityChanged: false,
      groupId,
      bodyBytes: 0,
    };
    this.messages.push(message);
    this.hasHeldMessages = true;
    return message;
  }

  #removeMessage(message: ModelMessage): void {
    this.messages = this.messages.filter((candidate) => candidate !== message);
  }

  #find(key: number): ModelMessage | undefined {
    return this.messages.find((message) => message.key === key);
  }

  #findArrival(arrival: number): ModelMessage | undefined {
    return this.messages.find((message) => message.arrival === arrival);
  }

  #isTimed(message: ModelMessage): boolean {
    return message.state === 'delayed' || message.state === 'inflight';
  }

  #shouldDeadLetter(message: ModelMessage): boolean {
    return this.config.maxReceiveCount > 0 && message.receiveCount >= this.config.maxReceiveCount;
  }

  #visibleByKey(): ModelMessage[] {
    return this.messages
      .filter((message) => message.state === 'visible')
      .sort((first, second) => first.key - second.key);
  }

  #groupMessages(groupId: string): ModelMessage[] {
    return this.messages.filter(
      (message) => message.groupId === groupId && message.state !== 'pendingDeadLetter',
    );
  }

  #visiblePrefix(groupId: string): ModelMessage[] {
    const prefix: ModelMessage[] = [];
    for (const message of this.#groupMessages(groupId)) {
      if (message.state !== 'visible') break;
      prefix.push(message);
    }
    return prefix;
  }

  /** Groups whose head is visible and none in flight, oldest head key first. */
  #deliverableGroups(): string[] {
    const groupIds = [...new Set(this.messages.map((message) => message.groupId!))];
    return groupIds
      .map((groupId) => this.#groupMessages(groupId))
      .filter(
        (members) =>
          members.length > 0 &&
          members[0]!.state === 'visible' &&
          members.every((message) => message.state !== 'inflight'),
      )
      .sort((first, second) => first[0]!.key - second[0]!.key)
      .map((members) => members[0]!.groupId!);
  }

  #deduplicationKey(groupId: string, deduplicationId: string): string {
    return this.config.deduplicationScope === 'queue'
      ? deduplicationId
      : `${groupId}\u0000${deduplicationId}`;
  }

  #describeReceived(message: ModelMessage): unknown {
    const described = {
      key: message.key,
      bodyOffset: message.bodyOffset,
      receiveCount: message.receiveCount,
      sentAtMs: message.sentAtMs,
      firstReceiveAtMs: message.firstReceiveAtMs,
      receipt: { key: message.arrival, receiveNumber: message.receiveCount },
    };
    return message.groupId === undefined ? described : { ...described, groupId: message.groupId };
  }

  #describeLive(message: ModelMessage): unknown {
    const described = {
      key: message.key,
      bodyOffset: message.bodyOffset,
      sentAtMs: message.sentAtMs,
      receiveCount: message.receiveCount,
    };
    return message.groupId === undefined ? described : { ...described, groupId: message.groupId };
  }
}
