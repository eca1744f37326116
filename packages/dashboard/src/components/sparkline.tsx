/** A small inline SVG line of recent values (the overview's depth column). */
export function Sparkline({ values }: { values: readonly number[] }) {
  const width = 120;
  const height = 28;
  if (values.length < 2) return <span class="sparkline-empty">collecting…</span>;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values
    .map(
      (value, index) =>
        `${(index * step).toFixed(1)},${(height - 2 - (value / max) * (height - 4)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-label="depth over time"
    >
      <polyline points={`0,${height} ${points} ${width},${height}`} class="sparkline-area" />
      <polyline points={points} class="sparkline-line" />
    </svg>
  );
}
