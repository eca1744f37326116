import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqsLimits } from '@sluice/core';
import type { MetadataStore, MoveTaskRecord, QueueRecord } from './metadata-store.js';
import { writeFileAtomically } from '../durable-file.js';

const fileName = 'metadata.json';
const formatVersion = 1;

interface FileContents {
  version: number;
  nextQueueId: number;
  queues: QueueRecord[];
  deleted: { accountId: string; name: string; deletedAtMs: number }[];
  moveTasks: MoveTaskRecord[];
}

/** Thrown when metadata.json exists but cannot be trusted; the server refuses to start. */
export class MetadataCorruptionError extends Error {
  readonly code = 'MetadataCorruption';
}

/**
 * Metadata in one JSON file in the data directory, replaced atomically (write temp, fsync,
 * rename, fsync directory) on every change. Metadata changes are rare and small next to
 * messages, so rewriting the file is simpler and safer than a journal.
 */
export class LocalMetadataStore implements MetadataStore {
  readonly #directory: string;
  #contents: FileContents;
  #queuesById = new Map<number, QueueRecord>();
  #queuesByName = new Map<string, QueueRecord>();
  #writeChain: Promise<void> = Promise.resolve();

  private constructor(directory: string, contents: FileContents) {
    this.#directory = directory;
    this.#contents = contents;
    for (const queue of contents.queues) this.#index(queue);
  }

  static open(directory: string): LocalMetadataStore {
    mkdirSync(directory, { recursive: true });
    let text: string | undefined;
    try {
      text = readFileSync(join(directory, fileName), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const contents =
      text === undefined
        ? { version: formatVersion, nextQueueId: 1, queues: [], deleted: [], moveTasks: [] }
        : parse(text);
    return new LocalMetadataStore(directory, contents);
  }

  listQueues(accountId?: string): readonly QueueRecord[] {
    const queues = this.#contents.queues;
    return accountId === undefined
      ? queues
      : queues.filter((queue) => queue.accountId === accountId);
  }

  getQueue(accountId: string, name: string): QueueRecord | undefined {
    return this.#queuesByName.get(nameKey(accountId, name));
  }

  getQueueById(id: number): QueueRecord | undefined {
    return this.#queuesById.get(id);
  }

  async createQueue(record: Omit<QueueRecord, 'id'>): Promise<QueueRecord> {
    const queue: QueueRecord = { ...record, id: this.#contents.nextQueueId };
    this.#contents.nextQueueId += 1;
    this.#contents.queues.push(queue);
    this.#contents.deleted = this.#contents.deleted.filter(
      (entry) => !(entry.accountId === queue.accountId && entry.name === queue.name),
    );
    this.#index(queue);
    await this.#persist();
    return queue;
  }

  async updateQueue(record: QueueRecord): Promise<void> {
    const index = this.#contents.queues.findIndex((queue) => queue.id === record.id);
    if (index < 0) throw new Error(`queue ${record.id} does not exist`);
    this.#contents.queues[index] = record;
    this.#index(record);
    await this.#persist();
  }

  async deleteQueue(id: number, deletedAtMs: number): Promise<void> {
    const queue = this.#queuesById.get(id);
    if (queue === undefined) return;
    this.#contents.queues = this.#contents.queues.filter((candidate) => candidate.id !== id);
    this.#contents.moveTasks = this.#contents.moveTasks.filter((task) => task.sourceQueueId !== id);
    this.#queuesById.delete(id);
    this.#queuesByName.delete(nameKey(queue.accountId, queue.name));
    // Remembered only as long as SQS refuses to reuse the name.
    this.#contents.deleted = this.#contents.deleted
      .filter((entry) => deletedAtMs - entry.deletedAtMs < sqsLimits.queueDeletedRecentlyMs)
      .concat({ accountId: queue.accountId, name: queue.name, deletedAtMs });
    await this.#persist();
  }

  deletedAtMs(accountId: string, name: string): number | undefined {
    return this.#contents.deleted.find(
      (entry) => entry.accountId === accountId && entry.name === name,
    )?.deletedAtMs;
  }

  listMoveTasks(sourceQueueId: number): readonly MoveTaskRecord[] {
    return this.#contents.moveTasks.filter((task) => task.sourceQueueId === sourceQueueId);
  }

  async saveMoveTask(task: MoveTaskRecord): Promise<void> {
    const tasks = this.#contents.moveTasks.filter(
      (candidate) => candidate.taskHandle !== task.taskHandle,
    );
    tasks.push({ ...task });
    this.#contents.moveTasks = tasks;
    await this.#persist();
  }

  async close(): Promise<void> {
    await this.#writeChain;
  }

  #index(queue: QueueRecord): void {
    this.#queuesById.set(queue.id, queue);
    this.#queuesByName.set(nameKey(queue.accountId, queue.name), queue);
  }

  /** Writes are serialised; each write captures the contents as they are when it runs. */
  #persist(): Promise<void> {
    const write = this.#writeChain.then(() => writeAtomically(this.#directory, this.#contents));
    this.#writeChain = write.catch(() => undefined);
    return write;
  }
}

function nameKey(accountId: string, name: string): string {
  return `${accountId}/${name}`;
}

function writeAtomically(directory: string, contents: FileContents): void {
  writeFileAtomically(directory, fileName, JSON.stringify(contents));
}

function parse(text: string): FileContents {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MetadataCorruptionError(`${fileName} is not valid JSON: ${(error as Error).message}`);
  }
  const contents = parsed as Partial<FileContents>;
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    contents.version !== formatVersion ||
    typeof contents.nextQueueId !== 'number' ||
    !Array.isArray(contents.queues) ||
    !Array.isArray(contents.deleted)
  ) {
    throw new MetadataCorruptionError(`${fileName} does not have the expected structure`);
  }
  return { ...(contents as FileContents), moveTasks: contents.moveTasks ?? [] };
}
