/**
 * The 'worker' durable write mode: batches are posted (copied) to a dedicated worker thread,
 * which writes and syncs them with blocking calls. Requests are answered in order.
 */
import { Worker } from 'node:worker_threads';
import type { DoneCallback, DurableWriter } from './durable-writer-contract.js';
import type { WorkerRequest, WorkerResponse } from './durable-writer-thread.js';

export class WorkerThreadWriter implements DurableWriter {
  readonly segmentOpenFlags = 0;
  readonly #worker = new Worker(new URL('./durable-writer-thread.js', import.meta.url));
  readonly #pending = new Map<number, DoneCallback>();
  #nextId = 0;

  constructor() {
    this.#worker.unref();
    this.#worker.on('message', (response: WorkerResponse) => {
      const done = this.#pending.get(response.id);
      this.#pending.delete(response.id);
      if (response.error === undefined) done?.(null);
      else done?.(Object.assign(new Error(response.error.message), { code: response.error.code }));
    });
    this.#worker.on('error', (error) => {
      for (const done of this.#pending.values()) done(error);
      this.#pending.clear();
    });
  }

  write(fd: number, buffers: Buffer[], position: number, done: DoneCallback): void {
    this.#send({ id: this.#nextId++, kind: 'write', fd, buffers, position, sync: true }, done);
  }

  syncDirectory(fd: number, done: DoneCallback): void {
    this.#send({ id: this.#nextId++, kind: 'syncDirectory', fd }, done);
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #send(request: WorkerRequest, done: DoneCallback): void {
    this.#pending.set(request.id, done);
    this.#worker.postMessage(request);
  }
}
