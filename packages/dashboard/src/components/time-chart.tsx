import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const integerIncrements = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 1e5, 1e6, 1e7];

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
}

/** A uPlot line chart over time; `times` in milliseconds. Redraws when the data changes. */
export function TimeChart(props: {
  title: string;
  times: readonly number[];
  series: readonly Series[];
  format?: (value: number) => string;
  integerAxis?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const format = props.format ?? ((value: number) => String(Math.round(value * 100) / 100));
  const data: uPlot.AlignedData = [
    props.times.map((ms) => ms / 1000),
    ...props.series.map((series) => series.values as (number | null)[]),
  ];
  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height: 180,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: '#64748b', grid: { stroke: '#eef2f7' } },
        {
          stroke: '#64748b',
          grid: { stroke: '#eef2f7' },
          size: 56,
          // Whole numbers only for counts and seconds; rates may be fractional.
          ...(props.integerAxis === true ? { incrs: integerIncrements } : {}),
          values: (_u, ticks) => ticks.map(format),
        },
      ],
      series: [
        {},
        ...props.series.map((series) => ({
          label: series.label,
          stroke: series.color,
          width: 2,
          points: { show: false },
          fill: `${series.color}14`,
          value: (_u: uPlot, value: number | null) => (value === null ? '–' : format(value)),
        })),
      ],
    };
    chart.current = new uPlot(options, data, element);
    const resize = new ResizeObserver(() =>
      chart.current?.setSize({ width: Math.max(280, element.clientWidth), height: 180 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [props.series.length]);
  useEffect(() => {
    chart.current?.setData(data);
  });
  return (
    <section class="panel chart-panel">
      <h3>{props.title}</h3>
      {props.times.length < 2 ? (
        <p class="chart-waiting">
          Collecting samples — the chart fills in as the server records history.
        </p>
      ) : null}
      <div class="chart" ref={container} data-chart={props.title} />
    </section>
  );
}
