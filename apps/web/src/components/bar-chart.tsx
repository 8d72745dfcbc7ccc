/** One bar: its label (read out to screen readers too) and value. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

const WIDTH = 480;
const BAR_HEIGHT = 22;
const LABEL_WIDTH = 190;

/** A horizontal bar chart in SVG, with a table of the same numbers for screen readers and copying. */
export function BarChart(props: { title: string; bars: readonly Bar[]; unit: string; format?: (value: number) => string }) {
  const format = props.format ?? ((value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2)));
  const max = Math.max(1, ...props.bars.map((bar) => bar.value));
  const height = Math.max(1, props.bars.length) * (BAR_HEIGHT + 6);
  const id = props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{props.title} <span class="unit">({props.unit})</span></figcaption>
      {props.bars.length === 0 ? <p class="empty">No data yet.</p> : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-hidden="true" width="100%">
          {props.bars.map((bar, index) => {
            const y = index * (BAR_HEIGHT + 6);
            const width = ((WIDTH - LABEL_WIDTH - 60) * bar.value) / max;
            return (
              <g key={bar.label}>
                <text x={0} y={y + 16} class="bar-label">{bar.label}</text>
                <rect x={LABEL_WIDTH} y={y} width={Math.max(width, 1)} height={BAR_HEIGHT} class="bar" />
                <text x={LABEL_WIDTH + width + 6} y={y + 16} class="bar-value">{format(bar.value)}</text>
              </g>
            );
          })}
        </svg>
      )}
      <table class="visually-hidden">
        <caption>{props.title}</caption>
        <tbody>{props.bars.map((bar) => <tr key={bar.label}><th scope="row">{bar.label}</th><td>{format(bar.value)}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
