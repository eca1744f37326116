import { appendFile } from 'node:fs/promises';
import type { SqsAction } from '@sluice/protocol';

/** One line of the audit log: who did what, to what, when, and how it ended. Never a secret. */
export interface AuditEntry {
  readonly time: string;
  readonly requestId: string;
  readonly accountId: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly remoteAddress: string | undefined;
  readonly action: string;
  readonly queue: string | undefined;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly errorCode: string | undefined;
}

/** Actions that change queues or their settings: always audited, whatever their outcome. */
export const auditedActions: ReadonlySet<SqsAction> = new Set<SqsAction>([
  'CreateQueue',
  'DeleteQueue',
  'PurgeQueue',
  'SetQueueAttributes',
  'AddPermission',
  'RemovePermission',
  'TagQueue',
  'UntagQueue',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
]);

/** Error codes that mean the caller was refused (authentication or authorization). */
export const denialCodes: ReadonlySet<string> = new Set([
  'AccessDenied',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'RequestExpired',
  'InvalidSecurity',
]);

/**
 * The audit log: JSON lines appended to a file in the data directory, in order. Writes are
 * chained so lines never interleave; lines waiting to be written are bounded, and what a full
 * buffer drops is counted (and reported in the next line) rather than silently lost.
 */
export class AuditLog {
  readonly #path: string;
  readonly #pendingLinesMax: number;
  #pending: string[] = [];
  #dropped = 0;
  #writing: Promise<void> | undefined;

  constructor(path: string, pendingLinesMax: number) {
    this.#path = path;
    this.#pendingLinesMax = pendingLinesMax;
  }

  get path(): string {
    return this.#path;
  }

  record(entry: AuditEntry): void {
    if (this.#pending.length >= this.#pendingLinesMax) {
      this.#dropped += 1;
      return;
    }
    if (this.#dropped > 0) {
      this.#pending.push(
        `${JSON.stringify({ time: entry.time, droppedEntries: this.#dropped })}\n`,
      );
      this.#dropped = 0;
    }
    this.#pending.push(`${JSON.stringify(entry)}\n`);
    this.#writing ??= this.#drain();
  }

  /** Resolves once every recorded line is in the file. */
  async flush(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const lines = this.#pending.join('');
        this.#pending = [];
        await appendFile(this.#path, lines, { mode: 0o600 });
      }
    } finally {
      this.#writing = undefined;
    }
  }
}

/** Requests and bytes per account and action, since start (usage data for billing or quotas). */
export class UsageMeter {
  readonly #usage = new Map<
    string,
    {
      accountId: string;
      action: string;
      requests: number;
      requestBytes: number;
      responseBytes: number;
    }
  >();

  record(accountId: string, action: string, requestBytes: number, responseBytes: number): void {
    const key = `${accountId}\u0000${action}`;
    let entry = this.#usage.get(key);
    if (entry === undefined) {
      entry = { accountId, action, requests: 0, requestBytes: 0, responseBytes: 0 };
      this.#usage.set(key, entry);
    }
    entry.requests += 1;
    entry.requestBytes += requestBytes;
    entry.responseBytes += responseBytes;
  }

  entries(): {
    accountId: string;
    action: string;
    requests: number;
    requestBytes: number;
    responseBytes: number;
  }[] {
    return [...this.#usage.values()].map((entry) => ({ ...entry }));
  }
}
