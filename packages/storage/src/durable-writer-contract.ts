/**
 * What every durable write mode provides (durable-writer.ts picks one); in its own file so the
 * writers can implement it without importing the module that chooses among them.
 */
export type DoneCallback = (error: Error | null) => void;

export interface DurableWriter {
  /** Flags added when a segment file is opened for appending. */
  readonly segmentOpenFlags: number;
  /** Writes buffers at position and makes them durable; calls back exactly once. */
  write(fd: number, buffers: Buffer[], position: number, done: DoneCallback): void;
  /** Makes a directory's entries durable; calls back exactly once. */
  syncDirectory(fd: number, done: DoneCallback): void;
  /** Releases what the writer holds (a worker thread); called by Log.close. */
  close(): Promise<void>;
}
