/**
 * How a group commit reaches the disk. Four ways were measured (README "Group commit"):
 *
 * - 'dsync': segment files are opened with O_DSYNC, so one writev on the libuv thread pool is
 *   the write and the sync together: one thread-pool round trip per batch. The default.
 * - 'fdatasync': writev then fdatasync on the thread pool: two round trips per batch.
 * - 'main-thread': writevSync + fdatasyncSync on the event loop: no round trip, but the loop
 *   is blocked for the whole sync, and since the flush follows every event, arrivals that come
 *   as separate events (requests) each pay a whole sync: it cannot batch across them.
 * - 'worker': writevSync + fdatasyncSync on a dedicated worker thread, the batch copied to it
 *   by postMessage: one message round trip per batch. Bypasses the injected file system.
 *
 * Whatever the mode, an error is reported once and never retried.
 */
import { openFlags, type StorageFileSystem } from './file-system.js';
import { WorkerThreadWriter } from './worker-thread-writer.js';
import type { DoneCallback, DurableWriter } from './durable-writer-contract.js';

export type { DoneCallback, DurableWriter } from './durable-writer-contract.js';

export type DurableWriteMode = 'dsync' | 'fdatasync' | 'main-thread' | 'worker';

export function createDurableWriter(
  mode: DurableWriteMode,
  fileSystem: StorageFileSystem,
): DurableWriter {
  switch (mode) {
    case 'dsync':
      return threadPoolWriter(fileSystem, openFlags.dataSync, false);
    case 'fdatasync':
      return threadPoolWriter(fileSystem, 0, true);
    case 'main-thread':
      return mainThreadWriter(fileSystem);
    case 'worker':
      return new WorkerThreadWriter();
  }
}

function threadPoolWriter(
  fileSystem: StorageFileSystem,
  segmentOpenFlags: number,
  syncAfterWrite: boolean,
): DurableWriter {
  return {
    segmentOpenFlags,
    write(fd, buffers, position, done) {
      writeAll(fileSystem, fd, buffers, position, (error) => {
        if (error !== null || !syncAfterWrite) done(error);
        else fileSystem.fdatasync(fd, done);
      });
    },
    syncDirectory(fd, done) {
      fileSystem.fsync(fd, done);
    },
    close: () => Promise.resolve(),
  };
}

/** writev until every byte is written: a regular file may still take a short write. */
function writeAll(
  fileSystem: StorageFileSystem,
  fd: number,
  buffers: Buffer[],
  position: number,
  done: DoneCallback,
): void {
  const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  fileSystem.writev(fd, buffers, position, (error, bytesWritten) => {
    if (error !== null) done(error);
    else if (bytesWritten >= total) done(null);
    else if (bytesWritten <= 0) done(new Error(`writev wrote ${bytesWritten} of ${total} bytes`));
    else writeAll(fileSystem, fd, skipBytes(buffers, bytesWritten), position + bytesWritten, done);
  });
}

export function skipBytes(buffers: readonly Buffer[], skipped: number): Buffer[] {
  const remaining: Buffer[] = [];
  let toSkip = skipped;
  for (const buffer of buffers) {
    if (toSkip >= buffer.length) toSkip -= buffer.length;
    else {
      remaining.push(toSkip > 0 ? buffer.subarray(toSkip) : buffer);
      toSkip = 0;
    }
  }
  return remaining;
}

function mainThreadWriter(fileSystem: StorageFileSystem): DurableWriter {
  return {
    segmentOpenFlags: 0,
    write(fd, buffers, position, done) {
      let error: Error | null = null;
      try {
        let remaining = buffers;
        let at = position;
        while (remaining.length > 0) {
          const written = fileSystem.writevSync(fd, remaining, at);
          if (written <= 0) throw new Error(`writev wrote ${written} bytes`);
          remaining = skipBytes(remaining, written);
          at += written;
        }
        fileSystem.fdatasyncSync(fd);
      } catch (caught) {
        error = caught instanceof Error ? caught : new Error(String(caught));
      }
      done(error);
    },
    syncDirectory(fd, done) {
      let error: Error | null = null;
      try {
        fileSystem.fsyncSync(fd);
      } catch (caught) {
        error = caught instanceof Error ? caught : new Error(String(caught));
      }
      done(error);
    },
    close: () => Promise.resolve(),
  };
}
