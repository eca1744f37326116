import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another live process holds the data directory. */
export class DataDirectoryLockedError extends Error {
  readonly code = 'DataDirectoryLocked';
}

/** Data directories this process holds (a second server in the same process is refused too). */
const heldHere = new Set<string>();

/**
 * One server per data directory: two writers on one log would corrupt it. The lock file holds
 * the owner's pid; a lock left by a process that no longer exists (kill -9) is taken over, and so
 * is one naming this process's pid that this process does not hold (a reused pid).
 */
export function lockDataDirectory(directory: string): () => void {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'LOCK');
  if (heldHere.has(path)) {
    throw new DataDirectoryLockedError(`data directory ${directory} is in use by this process`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(path, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirectoryLockedError(
          `data directory ${directory} is in use by process ${owner}`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirectoryLockedError(`cannot lock data directory ${directory}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
