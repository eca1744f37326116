// The disk's physical ceiling for durable acknowledgements: 4 KiB writes each followed by
// fdatasync, one at a time, for `durationMs`, in `directory` (the same file system as the data).
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export function measureFdatasyncRate(directory, durationMs) {
  const path = join(directory, 'fdatasync-probe');
  const descriptor = openSync(path, 'w');
  const block = Buffer.alloc(4096, 1);
  let count = 0;
  const startedAt = performance.now();
  try {
    while (performance.now() - startedAt < durationMs) {
      writeSync(descriptor, block, 0, block.length, (count % 256) * block.length);
      fdatasyncSync(descriptor);
      count += 1;
    }
  } finally {
    closeSync(descriptor);
    rmSync(path, { force: true });
  }
  return (count * 1000) / (performance.now() - startedAt);
}
