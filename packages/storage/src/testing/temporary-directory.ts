/** A fresh directory under the OS temp directory for one test, removed when the test ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export function temporaryDirectory(context: TestContext, name = 'log'): string {
  const directory = mkdtempSync(join(tmpdir(), `sluice-storage-${name}-`));
  context.after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}
