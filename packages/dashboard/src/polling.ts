import { useEffect, useState } from 'preact/hooks';
import { NeedsCredentialsError } from './api/http.js';

/** How often pages refresh. The server samples history every few seconds; 2 s feels live. */
export const refreshIntervalMs = 2000;

export interface Polled<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly refresh: () => void;
}

/** Calls `load` now and every refreshIntervalMs while mounted; `key` restarts it. */
export function usePolling<T>(load: () => Promise<T>, key: string): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    const run = () =>
      load().then(
        (value) => {
          if (!active) return;
          setData(value);
          setError(undefined);
        },
        (failure: unknown) => {
          if (!active) return;
          setError(failure instanceof Error ? failure : new Error(String(failure)));
          if (failure instanceof NeedsCredentialsError)
            window.dispatchEvent(new Event('sluice:needs-key'));
        },
      );
    void run();
    const timer = setInterval(() => void run(), refreshIntervalMs);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [key, tick]);
  return { data, error, refresh: () => setTick((value) => value + 1) };
}
