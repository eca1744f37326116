import { join } from 'node:path';
import type { Clock } from '@sluice/core';
import { SqsError, type SqsAction } from '@sluice/protocol';
import type { ServerConfig } from '../config.js';
import { serverLimits } from '../server-limits.js';
import { AuditLog, UsageMeter, auditedActions, denialCodes, type AuditEntry } from './audit-log.js';
import { BackPressure } from './back-pressure.js';
import { Bulkhead } from './bulkhead.js';
import { DiskWatermark } from './disk-watermark.js';
import { TokenBuckets } from './token-buckets.js';

/** Actions that move messages; everything else is admin or metadata work. */
const dataActions: ReadonlySet<SqsAction> = new Set<SqsAction>([
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
]);

export interface Admission {
  readonly action: SqsAction;
  /** Whom the throttle counts: the access key, or the account when unsigned. */
  readonly throttleKey: string;
  /** The queue named by the request, if any (`account/name`). */
  readonly queueKey: string | undefined;
}

export interface Outcome {
  readonly requestId: string;
  readonly action: string;
  readonly accountId: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly remoteAddress: string | undefined;
  readonly queue: string | undefined;
  readonly errorCode: string | undefined;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** When the request finished (wall clock); formatted only if the request is audited. */
  readonly atMs: number;
}

/**
 * The front end's duties besides parsing and routing (seeds: "FrontEnd Service"): bulkheads that
 * keep data and admin work apart, token-bucket throttling per access key and per queue, back
 * pressure on sends, and the usage and audit records of every request.
 */
export class FrontEnd {
  readonly dataBulkhead: Bulkhead;
  readonly adminBulkhead: Bulkhead;
  readonly keyBuckets: TokenBuckets;
  readonly queueBuckets: TokenBuckets;
  readonly backPressure: BackPressure;
  readonly disk: DiskWatermark;
  readonly audit: AuditLog;
  readonly usage = new UsageMeter();
  #throttled = 0;

  /** @param onAuditWriteError an audit write failed (a full disk); the lines are counted lost. */
  constructor(
    config: ServerConfig,
    clock: Clock,
    onAuditWriteError: (error: unknown, linesLost: number) => void,
  ) {
    this.dataBulkhead = new Bulkhead('message', config.dataConcurrencyMax, config.dataQueueMax);
    this.adminBulkhead = new Bulkhead('admin', config.adminConcurrencyMax, config.adminQueueMax);
    this.keyBuckets = new TokenBuckets(
      config.throttlePerKeyPerSecond,
      config.throttlePerKeyBurst,
      clock,
      serverLimits.throttleKeyCountMax,
    );
    this.queueBuckets = new TokenBuckets(
      config.throttlePerQueuePerSecond,
      config.throttlePerQueueBurst,
      clock,
      serverLimits.throttleKeyCountMax,
    );
    this.disk = new DiskWatermark(
      config.dataDirectory,
      config.diskFreeBytesMin,
      serverLimits.diskSampleIntervalMs,
    );
    this.backPressure = new BackPressure(
      { messagesMax: config.queueDepthMessagesMax, bytesMax: config.queueDepthBytesMax },
      this.disk,
    );
    this.audit = new AuditLog(join(config.dataDirectory, 'audit.log'), {
      pendingLinesMax: serverLimits.auditPendingLinesMax,
      fileBytesMax: serverLimits.auditFileBytesMax,
      rotatedFilesMax: serverLimits.auditRotatedFilesMax,
      onWriteError: onAuditWriteError,
    });
  }

  get throttledCount(): number {
    return this.#throttled;
  }

  async start(): Promise<void> {
    await this.disk.start();
  }

  async stop(): Promise<void> {
    this.disk.stop();
    await this.audit.flush();
  }

  /** Runs `work` in its bulkhead once the throttles admit it. */
  admit<Result>(admission: Admission, work: () => Promise<Result>): Promise<Result> {
    const throttledBy = !this.keyBuckets.take(admission.throttleKey)
      ? 'access key'
      : admission.queueKey !== undefined && !this.queueBuckets.take(admission.queueKey)
        ? 'queue'
        : undefined;
    if (throttledBy !== undefined) {
      this.#throttled += 1;
      return Promise.reject(
        new SqsError(
          'ThrottlingException',
          `Rate exceeded for this ${throttledBy}; retry with backoff.`,
        ),
      );
    }
    const pool = dataActions.has(admission.action) ? this.dataBulkhead : this.adminBulkhead;
    return pool.run(work);
  }

  /** Usage for every request; the audit log for admin actions and for every refused caller. */
  recordOutcome(outcome: Outcome): void {
    this.usage.record(
      outcome.accountId ?? '-',
      outcome.action,
      outcome.requestBytes,
      outcome.responseBytes,
    );
    const denied = outcome.errorCode !== undefined && denialCodes.has(outcome.errorCode);
    if (!denied && !auditedActions.has(outcome.action as SqsAction)) return;
    const entry: AuditEntry = {
      time: new Date(outcome.atMs).toISOString(),
      requestId: outcome.requestId,
      accountId: outcome.accountId,
      accessKeyId: outcome.accessKeyId,
      remoteAddress: outcome.remoteAddress,
      action: outcome.action,
      queue: outcome.queue,
      outcome: denied ? 'denied' : outcome.errorCode === undefined ? 'ok' : 'failed',
      errorCode: outcome.errorCode,
    };
    this.audit.record(entry);
  }
}
