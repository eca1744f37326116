import { defaultQueueConfig, type QueueConfig } from '../queue-config.js';
import type { MoveInCommand, QueueCommand, Receipt, SendCommand } from '../queue-commands.js';
import type { QueueResults } from '../queue-results.js';
import { QueueStateMachine } from '../queue-state-machine.js';

export const startMs = 1_700_000_000_000;
export const secondMs = 1000;
export const minuteMs = 60 * secondMs;
export const hourMs = 60 * minuteMs;

type Distribute<Command> = Command extends QueueCommand ? Omit<Command, 'nowMs'> : never;

/**
 * Drives one QueueStateMachine through commands the way a partition would: one offset per
 * command, time moved explicitly with `advance`. Keeps unit tests about behaviour, not plumbing.
 */
export class QueueDriver {
  machine = new QueueStateMachine();
  nowMs = startMs;
  offset = 0;

  constructor(config: Partial<QueueConfig> = {}) {
    const result = this.configure(config);
    if (result.kind !== 'configured') throw new Error(`bad test config: ${result.field}`);
  }

  advance(durationMs: number): this {
    this.nowMs += durationMs;
    return this;
  }

  /** Applies a no-op command (expire) so that queries see the current time. */
  tick(): void {
    this.apply({ type: 'expire' });
  }

  apply<Command extends Distribute<QueueCommand>>(command: Command): QueueResults[Command['type']] {
    const full = { ...command, nowMs: this.nowMs } as unknown as QueueCommand;
    return this.machine.apply(full, ++this.offset) as QueueResults[Command['type']];
  }

  configure(config: Partial<QueueConfig>): QueueResults['configure'] {
    const merged = { ...defaultQueueConfig, ...this.machine.config, ...config };
    return this.apply({ type: 'configure', config: merged });
  }

  send(fields: Partial<Omit<SendCommand, 'type' | 'nowMs'>> = {}): QueueResults['send'] {
    return this.apply({
      type: 'send',
      messageId: `message-${this.offset + 1}`,
      bodyBytes: 10,
      ...fields,
    });
  }

  /** A FIFO send in `groupId` with a unique deduplication id unless one is given. */
  sendToGroup(groupId: string, deduplicationId?: string): QueueResults['send'] {
    return this.send({ groupId, deduplicationId: deduplicationId ?? `unique-${this.offset + 1}` });
  }

  /** Sends `count` messages and returns their keys. */
  sendMany(count: number, fields: Partial<Omit<SendCommand, 'type' | 'nowMs'>> = {}): number[] {
    return Array.from({ length: count }, () => {
      const result = this.send(fields);
      if (result.kind !== 'sent') throw new Error(`send was ${result.kind}`);
      return result.key;
    });
  }

  receive(
    countMax = 10,
    options: { visibilityTimeoutMs?: number; receiveRequestAttemptId?: string } = {},
  ): QueueResults['receive'] {
    return this.apply({ type: 'receive', countMax, ...options });
  }

  /** Keys of the messages one receive delivers. */
  receiveKeys(countMax = 10, visibilityTimeoutMs?: number): number[] {
    const options = visibilityTimeoutMs === undefined ? {} : { visibilityTimeoutMs };
    return this.receive(countMax, options).messages.map((message) => message.key);
  }

  delete(receipt: Receipt): QueueResults['delete'] {
    return this.apply({ type: 'delete', receipt });
  }

  changeVisibility(
    receipt: Receipt,
    visibilityTimeoutMs: number,
  ): QueueResults['changeVisibility'] {
    return this.apply({ type: 'changeVisibility', receipt, visibilityTimeoutMs });
  }

  moveIn(fields: Partial<Omit<MoveInCommand, 'type' | 'nowMs'>> = {}): QueueResults['moveIn'] {
    return this.apply({
      type: 'moveIn',
      key: this.offset + 1,
      bodyOffset: this.offset + 1,
      sentAtMs: this.nowMs,
      receiveCount: 0,
      bodyBytes: 10,
      messageId: `moved-${this.offset + 1}`,
      ...fields,
    });
  }

  /** Replaces the machine by one restored from its own snapshot. */
  restart(): void {
    this.machine = QueueStateMachine.restore(this.machine.snapshot());
  }
}
