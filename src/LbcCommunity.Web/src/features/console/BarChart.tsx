/** One bar: its label (shown under it) and its value. */
export interface Bar {
  label: string;
  value: number;
}

/**
 * A plain SVG bar chart, drawn here rather than with a chart library so the console's code stays small. It is a
 * picture only (hidden from screen readers): the same numbers are always in a table beside it.
 */
export function BarChart({ bars }: { bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = 40;
  const gap = 12;
  const height = 120;
  const total = bars.length * (width + gap);
  return (
    <svg className="chart" viewBox={`0 0 ${total} ${height + 36}`} aria-hidden="true" focusable="false" preserveAspectRatio="xMinYMin meet">
      {bars.map((b, i) => {
        const h = (b.value / max) * height;
        const x = i * (width + gap) + gap / 2;
        return (
          <g key={i}>
            <rect x={x} y={height - h} width={width} height={h} className="bar" />
            <text x={x + width / 2} y={height - h - 4} textAnchor="middle" className="value">{b.value}</text>
            <text x={x + width / 2} y={height + 20} textAnchor="middle" className="label">{b.label}</text>
          </g>
        );
      })}
      <line x1={0} x2={total} y1={height} y2={height} className="axis" />
    </svg>
  );
}
