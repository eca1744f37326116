import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Replaces `directory/name` with `text` so that a crash leaves either the old file or the new
 * one, never a mix: write a temporary file, fsync it, rename it over, fsync the directory.
 */
export function writeFileAtomically(
  directory: string,
  name: string,
  text: string,
  mode = 0o644,
): void {
  const path = join(directory, name);
  const temporary = `${path}.tmp`;
  const descriptor = openSync(temporary, 'w', mode);
  try {
    writeSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
  const directoryDescriptor = openSync(directory, 'r');
  try {
    fsyncSync(directoryDescriptor);
  } finally {
    closeSync(directoryDescriptor);
  }
}
