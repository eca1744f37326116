import { appendFile, rename, rm, stat } from 'node:fs/promises';
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

export interface AuditLogOptions {
  /** Lines waiting to be written before new ones are counted as dropped. */
  readonly pendingLinesMax: number;
  /** A file that would pass this size is renamed to `<path>.1` and a new one started. */
  readonly fileBytesMax: number;
  /** Rotated files kept (`<path>.1` newest to `<path>.N` oldest); an older one is deleted. */
  readonly rotatedFilesMax: number;
  /** A write or rotation failed; linesLost lines are gone (and counted in the next line). */
  readonly onWriteError: (error: unknown, linesLost: number) => void;
}

/**
 * The audit log: JSON lines appended to a file in the data directory, in order. Writes are
 * chained so lines never interleave; lines waiting to be written are bounded, and what a full
 * buffer drops is counted (and reported in the next line) rather than silently lost. The files
 * are bounded too: past fileBytesMax the file is rotated, and at most rotatedFilesMax old ones
 * are kept, so a flood of refused callers cannot fill the disk. A failed write (a full disk)
 * loses its lines, counted the same way, and is reported to onWriteError; it never throws.
 */
export class AuditLog {
  readonly #path: string;
  readonly #options: AuditLogOptions;
  /** Lines waiting; a marker line says how many entries were dropped before it (0: an entry). */
  #pending: { readonly line: string; readonly droppedCount: number }[] = [];
  #dropped = 0;
  #writing: Promise<void> | undefined;
  /** The current file's size as this process knows it; read from the file before the first write. */
  #fileBytes: number | undefined;

  constructor(path: string, options: AuditLogOptions) {
    if (!Number.isInteger(options.rotatedFilesMax) || options.rotatedFilesMax < 1) {
      throw new RangeError('rotatedFilesMax must be a positive integer');
    }
    if (!(options.fileBytesMax > 0)) throw new RangeError('fileBytesMax must be positive');
    this.#path = path;
    this.#options = options;
  }

  get path(): string {
    return this.#path;
  }

  record(entry: AuditEntry): void {
    if (this.#pending.length >= this.#options.pendingLinesMax) {
      this.#dropped += 1;
      return;
    }
    if (this.#dropped > 0) {
      this.#pending.push({
        line: `${JSON.stringify({ time: entry.time, droppedEntries: this.#dropped })}\n`,
        droppedCount: this.#dropped,
      });
      this.#dropped = 0;
    }
    this.#pending.push({ line: `${JSON.stringify(entry)}\n`, droppedCount: 0 });
    this.#writing ??= this.#drain();
  }

  /** Resolves once every recorded line is written or reported lost. */
  async flush(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const lines = this.#pending;
        this.#pending = [];
        const text = lines.map((pending) => pending.line).join('');
        const bytes = Buffer.byteLength(text);
        try {
          this.#fileBytes ??= await sizeOf(this.#path);
          if (this.#fileBytes > 0 && this.#fileBytes + bytes > this.#options.fileBytesMax) {
            await this.#rotate();
          }
          await appendFile(this.#path, text, { mode: 0o600 });
          this.#fileBytes += bytes;
        } catch (error) {
          // The file's size is unknown after a failed write: read it again next time.
          this.#fileBytes = undefined;
          const lost = lines.filter((pending) => pending.droppedCount === 0).length;
          this.#dropped += lost + lines.reduce((sum, pending) => sum + pending.droppedCount, 0);
          this.#options.onWriteError(error, lost);
        }
      }
    } finally {
      this.#writing = undefined;
    }
  }

  /** audit.log.(N-1) -> .N, ..., audit.log -> .1; the oldest beyond rotatedFilesMax is deleted. */
  async #rotate(): Promise<void> {
    const keep = this.#options.rotatedFilesMax;
    await rm(`${this.#path}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) {
      await rename(`${this.#path}.${index}`, `${this.#path}.${index + 1}`).catch(ignoreMissing);
    }
    await rename(this.#path, `${this.#path}.1`);
    this.#fileBytes = 0;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    ignoreMissing(error);
    return 0;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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
