/**
 * The worker-thread side of the 'worker' durable write mode: runs each write and its sync as
 * blocking calls off the event loop, then answers. One request at a time, in order.
 */
import { fdatasyncSync, fsyncSync, writevSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

export type WorkerRequest =
  | {
      id: number;
      kind: 'write';
      fd: number;
      buffers: Uint8Array[];
      position: number;
      sync: boolean;
    }
  | { id: number; kind: 'syncDirectory'; fd: number };

export interface WorkerResponse {
  id: number;
  error: { message: string; code: string | undefined } | undefined;
}

function handle(request: WorkerRequest): void {
  if (request.kind === 'syncDirectory') {
    fsyncSync(request.fd);
    return;
  }
  let buffers = request.buffers;
  let position = request.position;
  while (buffers.length > 0) {
    let written = writevSync(request.fd, buffers, position);
    if (written <= 0) throw new Error(`writev wrote ${written} bytes`);
    position += written;
    const remaining: Uint8Array[] = [];
    for (const buffer of buffers) {
      if (written >= buffer.length) written -= buffer.length;
      else {
        remaining.push(buffer.subarray(written));
        written = 0;
      }
    }
    buffers = remaining;
  }
  if (request.sync) fdatasyncSync(request.fd);
}

parentPort?.on('message', (request: WorkerRequest) => {
  let error: WorkerResponse['error'];
  try {
    handle(request);
  } catch (caught) {
    const failure = caught as NodeJS.ErrnoException;
    error = { message: String(failure.message), code: failure.code };
  }
  parentPort?.postMessage({ id: request.id, error } satisfies WorkerResponse);
});
