/** Pure formatting of durations, sizes and times for human-readable output. */

const secondsPerMinute = 60;
const secondsPerHour = 60 * secondsPerMinute;
const secondsPerDay = 24 * secondsPerHour;

/** `3723` -> `1h 2m 3s`; the two largest non-zero units, `0s` for zero. */
export function formatDurationSeconds(totalSeconds: number): string {
  let remaining = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [unit, seconds] of [
    ['d', secondsPerDay],
    ['h', secondsPerHour],
    ['m', secondsPerMinute],
    ['s', 1],
  ] as const) {
    const count = Math.floor(remaining / seconds);
    remaining -= count * seconds;
    if (count > 0 || (unit === 's' && parts.length === 0)) parts.push(`${count}${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** `1536` -> `1.5 KiB`; whole bytes below 1 KiB, one decimal above. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unitIndex = 0;
  while (value >= 1024 && unitIndex < byteUnits.length - 1) {
    value /= 1024;
    unitIndex += 1;
  }
  const unit = byteUnits[unitIndex] ?? 'B';
  return unitIndex === 0 ? `${value} ${unit}` : `${value.toFixed(1)} ${unit}`;
}

/** Milliseconds since the Unix epoch -> `2023-11-14T22:13:20Z` (UTC, whole seconds). */
export function formatTimestampMs(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '-';
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
