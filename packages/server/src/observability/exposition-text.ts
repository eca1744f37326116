/**
 * Parses Prometheus text exposition into `name{label="value",...}` -> value, labels in the
 * order written. For tests and the CLI; comments and blank lines are skipped.
 */
export function parseExpositionText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const split = line.lastIndexOf(' ');
    samples.set(line.slice(0, split), Number(line.slice(split + 1)));
  }
  return samples;
}
