// A small horizontal bar chart as standalone SVG text: one group per row, one bar per series,
// the value printed at the bar's end. No dependency: the charts are a few rectangles and labels,
// and plain SVG diffs cleanly in git and renders on GitHub. `log` scales for latencies that span
// milliseconds to seconds.
const rowHeight = 18;
const labelWidth = 460;
const plotWidth = 420;
const palette = { durable: '#1f6feb', notDurable: '#9aa4ae', series: ['#1f6feb', '#d1242f'] };

const escape = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function format(value) {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * @param {{ title: string, unit: string, log?: boolean, series: string[],
 *   groups: { label: string, durable: boolean, values: (number | undefined)[] }[] }} chart
 */
export function barChart(chart) {
  const present = chart.groups.flatMap((group) => group.values).filter((value) => value > 0);
  const maximum = Math.max(...present, 1);
  const minimum = chart.log ? Math.min(...present, maximum) / 2 : 0;
  const scale = (value) => {
    if (!(value > 0)) return 0;
    if (!chart.log) return (value / maximum) * plotWidth;
    return (Math.log(value / minimum) / Math.log(maximum / minimum)) * plotWidth;
  };
  const barsPerGroup = chart.series.length;
  const groupHeight = rowHeight * barsPerGroup + 8;
  const top = 48;
  const height = top + chart.groups.length * groupHeight + 24;
  const width = labelWidth + plotWidth + 90;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escape(chart.title)}</text>`,
    `<text x="8" y="38" fill="#57606a">${escape(chart.unit)}${chart.log ? ', log scale' : ''}; blue: fsync before ack, grey: not${barsPerGroup > 1 ? `; bars: ${chart.series.join(', ')}` : ''}</text>`,
  ];
  chart.groups.forEach((group, groupIndex) => {
    const y = top + groupIndex * groupHeight;
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + (groupHeight - 8) / 2 + 4}" text-anchor="end">${escape(group.label)}</text>`,
    );
    group.values.forEach((value, seriesIndex) => {
      const barY = y + seriesIndex * rowHeight;
      const color =
        barsPerGroup > 1
          ? palette.series[seriesIndex % palette.series.length]
          : group.durable
            ? palette.durable
            : palette.notDurable;
      const opacity = barsPerGroup > 1 && !group.durable ? ' fill-opacity="0.45"' : '';
      const barWidth = Math.max(1, scale(value));
      if (value === undefined) {
        parts.push(
          `<text x="${labelWidth + 4}" y="${barY + 12}" fill="#57606a">not measured or skipped</text>`,
        );
        return;
      }
      parts.push(
        `<rect x="${labelWidth}" y="${barY}" width="${barWidth.toFixed(1)}" height="${rowHeight - 4}" fill="${color}"${opacity}/>`,
        `<text x="${labelWidth + barWidth + 4}" y="${barY + 12}">${format(value)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
