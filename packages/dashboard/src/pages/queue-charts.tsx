import type { History } from '../api/admin-api.js';
import { TimeChart } from '../components/time-chart.js';
import { formatAge } from '../format.js';

/** Per-second rate between consecutive samples of a cumulative column (null for the first). */
function rates(times: readonly number[], totals: readonly number[]): (number | null)[] {
  return totals.map((total, index) => {
    if (index === 0) return null;
    const seconds = ((times[index] ?? 0) - (times[index - 1] ?? 0)) / 1000;
    return seconds > 0 ? Math.max(0, (total - (totals[index - 1] ?? 0)) / seconds) : null;
  });
}

/** The queue page's three charts: depth by state, rates, oldest message age. */
export function QueueCharts({ history }: { history: History | undefined }) {
  const columns = history?.columns;
  const times = columns?.atMs ?? [];
  return (
    <div class="charts">
      <TimeChart
        title="Messages"
        integerAxis
        times={times}
        series={[
          { label: 'Visible', color: '#2563eb', values: columns?.visible ?? [] },
          { label: 'In flight', color: '#f59e0b', values: columns?.inflight ?? [] },
          { label: 'Delayed', color: '#8b5cf6', values: columns?.delayed ?? [] },
        ]}
      />
      <TimeChart
        title="Rates (messages/s)"
        times={times}
        series={[
          { label: 'Sent', color: '#16a34a', values: rates(times, columns?.sent ?? []) },
          { label: 'Received', color: '#2563eb', values: rates(times, columns?.received ?? []) },
          { label: 'Deleted', color: '#64748b', values: rates(times, columns?.deleted ?? []) },
        ]}
      />
      <TimeChart
        title="Oldest message age"
        integerAxis
        times={times}
        series={[{ label: 'Age', color: '#dc2626', values: columns?.oldestAgeSeconds ?? [] }]}
        format={(value) => (value === 0 ? '0' : formatAge(value))}
      />
    </div>
  );
}
