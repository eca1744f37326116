import type { Clock } from '@sluice/core';
import type { Partition } from '@sluice/partition';
import type { MetadataStore } from './metadata/metadata-store.js';
import type { LongPollWaiters, WaitingClient } from './long-poll.js';
import type { ReceiveMessageOutput, SqsError } from '@sluice/protocol';
import type { DeadLetterTargets } from './queues/dead-letter-targets.js';
import type { MoveTaskRunner } from './move-tasks/move-task-runner.js';
import type { Authenticator } from './auth/authenticator.js';
import type { FrontEnd } from './frontend/front-end.js';
import type { MessageSealer } from './encryption/message-sealer.js';

/** Everything an action handler may use; built once by startServer. */
export interface Services {
  readonly metadata: MetadataStore;
  readonly partition: Partition;
  readonly waiters: LongPollWaiters<ReceiveMessageOutput>;
  readonly clock: Clock;
  readonly region: string;
  /** The account of unauthenticated requests (single node without credentials). */
  readonly accountId: string;
  readonly startedAtMs: number;
  readonly dataDirectory: string;
  readonly deadLetterTargets: DeadLetterTargets;
  readonly moveTasks: MoveTaskRunner;
  /** SigV4 against the credentials file; without one, every request is the configured account. */
  readonly authenticator: Authenticator;
  /** Bulkheads, throttles, back pressure, usage and audit records. */
  readonly frontEnd: FrontEnd;
  /** Seals message payloads at rest when a master key is configured. */
  readonly sealer: MessageSealer | undefined;
}

/** Per request: who is asking and how they reached us. */
export interface RequestContext {
  readonly services: Services;
  /** The authenticated caller's account (without credentials: the configured account). */
  readonly accountId: string;
  /** `http://host:port` as the client addressed us, for queue URLs in responses. */
  readonly baseUrl: string;
  /** The request's client, whose going away ends a long poll early. */
  readonly client: WaitingClient;
  /** Query requests may name the queue by the request path instead of a QueueUrl parameter. */
  readonly queueUrlFromPath: string | undefined;
  /** Batch entries the protocol's stateless validation refused, by entry Id. */
  readonly failedEntries: ReadonlyMap<string, SqsError>;
}
