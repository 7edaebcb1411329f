import { s } from './dom.helpers';

export interface ChartRow {
  /** Names the row for tests and styles: "CN", "2019". */
  key: string;
  label: string;
  values: number[];
  /** Overrides the series colour for a single-series row: a kind coloured by its category. */
  color?: string;
  onClick?: () => void;
}

export interface Series {
  name: string;
  color: string;
}

const ROW = 22;
const WIDTH = 560;
const VALUE_ROOM = 40;

function clickable(el: SVGGElement, onClick: (() => void) | undefined): void {
  if (!onClick) return;
  el.classList.add('clickable');
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', 'link');
  el.addEventListener('click', onClick);
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onClick();
  });
}

/** Horizontal bars, one group per row and one bar per series, each labelled with its value. */
export function barChart(rows: ChartRow[], series: Series[], labelWidth = 170): SVGSVGElement {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const rowHeight = ROW * series.length + 6;
  const height = rows.length * rowHeight + 4;
  const scale = (value: number): number => ((WIDTH - labelWidth - VALUE_ROOM) * value) / max;
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart', role: 'list' });
  rows.forEach((row, i) => {
    const top = i * rowHeight + 2;
    const described = row.values.map((v, j) => `${series[j]?.name ?? ''} ${v}`.trim()).join(', ');
    const group = s(
      'g',
      { class: 'row', 'data-key': row.key, 'data-value': row.values.join(','), role: 'listitem' },
      s('title', {}, `${row.label}: ${described}`),
      s(
        'text',
        { x: labelWidth - 8, y: top + rowHeight / 2, class: 'label', 'text-anchor': 'end' },
        row.label,
      ),
    );
    row.values.forEach((value, j) => {
      const y = top + j * ROW + 3;
      group.append(
        s('rect', {
          x: labelWidth,
          y,
          width: Math.max(1, scale(value)),
          height: ROW - 6,
          fill: row.color ?? series[j]?.color ?? '#555',
          rx: 2,
        }),
        s('text', { x: labelWidth + scale(value) + 5, y: y + (ROW - 6) / 2, class: 'value' }, String(value)),
      );
    });
    clickable(group, row.onClick);
    svg.append(group);
  });
  return svg;
}

/** Vertical columns, for counts over time. */
export function columnChart(rows: ChartRow[], color: string): SVGSVGElement {
  const max = Math.max(1, ...rows.map((r) => r.values[0] ?? 0));
  const column = Math.min(80, Math.floor((WIDTH - 20) / Math.max(1, rows.length)));
  const chartHeight = 160;
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${chartHeight + 40}`, class: 'chart', role: 'list' });
  rows.forEach((row, i) => {
    const value = row.values[0] ?? 0;
    const barHeight = Math.max(1, ((chartHeight - 20) * value) / max);
    const x = 10 + i * column;
    const top = chartHeight - barHeight;
    svg.append(
      s(
        'g',
        { class: 'row', 'data-key': row.key, 'data-value': String(value), role: 'listitem' },
        s('title', {}, `${row.label}: ${value}`),
        s('rect', { x: x + 8, y: top, width: column - 16, height: barHeight, fill: color, rx: 2 }),
        s('text', { x: x + column / 2, y: top - 5, class: 'value', 'text-anchor': 'middle' }, String(value)),
        s(
          'text',
          { x: x + column / 2, y: chartHeight + 18, class: 'label', 'text-anchor': 'middle' },
          row.label,
        ),
      ),
    );
  });
  return svg;
}
