/** A fresh directory for one test, removed when the test ends. */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const memoryBackedDirectory = '/dev/shm';

/**
 * Under the OS temp directory, or with inMemory under /dev/shm where it exists: for tests that
 * create and delete thousands of files and test parsing, not the disk (deleting files on a
 * disk mounted with online discard costs milliseconds each).
 */
export function temporaryDirectory(
  context: TestContext,
  name = 'log',
  options: { inMemory?: boolean } = {},
): string {
  const base =
    options.inMemory === true && isWritable(memoryBackedDirectory)
      ? memoryBackedDirectory
      : tmpdir();
  const directory = mkdtempSync(join(base, `sluice-storage-${name}-`));
  context.after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

function isWritable(directory: string): boolean {
  try {
    accessSync(directory, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
