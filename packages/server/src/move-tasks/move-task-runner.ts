import { randomUUID } from 'node:crypto';
import type { MetadataStore, MoveTaskRecord } from '../metadata/metadata-store.js';
import type { Partition } from '@sluice/partition';
import { moveTaskLimits } from './move-task-limits.js';

/**
 * Runs message move tasks (DLQ redrive, StartMessageMoveTask): moves visible messages from a
 * dead-letter queue back to each message's source queue, or to one destination, at most
 * MaxNumberOfMessagesPerSecond. Each move is one partition record, so a crash never loses or
 * duplicates a message; progress is saved to metadata as it goes and running tasks resume at
 * start-up.
 */
export class MoveTaskRunner {
  readonly #services: { readonly metadata: MetadataStore; readonly partition: Partition };
  readonly #running = new Map<string, { cancelled: boolean; done: Promise<void> }>();

  constructor(services: { readonly metadata: MetadataStore; readonly partition: Partition }) {
    this.#services = services;
  }

  async start(
    task: Omit<MoveTaskRecord, 'taskHandle' | 'status' | 'approximateNumberOfMessagesMoved'>,
  ): Promise<MoveTaskRecord> {
    const record: MoveTaskRecord = {
      ...task,
      taskHandle: randomUUID(),
      status: 'RUNNING',
      approximateNumberOfMessagesMoved: 0,
    };
    await this.#services.metadata.saveMoveTask(record);
    this.#run(record);
    return record;
  }

  /** Continues every task that was running when the server stopped. */
  resumeAll(): void {
    for (const queue of this.#services.metadata.listQueues()) {
      for (const task of this.#services.metadata.listMoveTasks(queue.id)) {
        if (task.status === 'RUNNING') this.#run({ ...task });
      }
    }
  }

  async cancel(task: MoveTaskRecord): Promise<MoveTaskRecord> {
    const running = this.#running.get(task.taskHandle);
    if (running !== undefined) {
      running.cancelled = true;
      await running.done;
    }
    const latest = this.#find(task) ?? task;
    const cancelled: MoveTaskRecord = { ...latest, status: 'CANCELLED' };
    await this.#services.metadata.saveMoveTask(cancelled);
    return cancelled;
  }

  /** Stops every loop (shutdown); tasks stay RUNNING in metadata and resume at next start. */
  async stopAll(): Promise<void> {
    for (const running of this.#running.values()) running.cancelled = true;
    await Promise.all([...this.#running.values()].map((running) => running.done));
  }

  #find(task: MoveTaskRecord): MoveTaskRecord | undefined {
    return this.#services.metadata
      .listMoveTasks(task.sourceQueueId)
      .find((candidate) => candidate.taskHandle === task.taskHandle);
  }

  #run(task: MoveTaskRecord): void {
    const control = { cancelled: false, done: Promise.resolve() };
    control.done = this.#loop(task, control).finally(() => this.#running.delete(task.taskHandle));
    this.#running.set(task.taskHandle, control);
  }

  async #loop(task: MoveTaskRecord, control: { cancelled: boolean }): Promise<void> {
    const { partition, metadata } = this.#services;
    const perSecond = task.maxMessagesPerSecond ?? moveTaskLimits.defaultMessagesPerSecond;
    let state = task;
    while (!control.cancelled) {
      if (!partition.hasQueue(state.sourceQueueId)) {
        state = {
          ...state,
          status: 'FAILED',
          failureReason: 'AWS.SimpleQueueService.NonExistentQueue',
        };
        break;
      }
      const batch = Math.max(1, Math.min(perSecond, moveTaskLimits.batchCountMax));
      const startedMs = performance.now();
      const moved = await partition.moveMessages(state.sourceQueueId, batch, (originQueueId) =>
        this.#destinationOf(state, originQueueId),
      );
      state = {
        ...state,
        approximateNumberOfMessagesMoved: state.approximateNumberOfMessagesMoved + moved,
      };
      if (moved === 0) {
        state = { ...state, status: 'COMPLETED' };
        break;
      }
      await metadata.saveMoveTask(state);
      const budgetMs = (moved / perSecond) * 1000 - (performance.now() - startedMs);
      if (budgetMs > 0) await new Promise((resolve) => setTimeout(resolve, budgetMs));
    }
    if (!control.cancelled || state.status !== 'RUNNING') await metadata.saveMoveTask(state);
  }

  #destinationOf(task: MoveTaskRecord, originQueueId: number): number | undefined {
    const destination = task.destinationQueueId ?? originQueueId;
    if (destination === task.sourceQueueId) return undefined;
    return this.#services.partition.hasQueue(destination) ? destination : undefined;
  }
}
