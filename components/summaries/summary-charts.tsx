'use client';

import { useFormatter } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One bar or line of a chart: the key in each row's values, and its localised name. */
export interface ChartSeries {
  key: string;
  label: string;
}

/** A row of aggregated figures; null is a value the reader may not see (a suppressed small count) and is not drawn. */
export interface ChartRow {
  label: string;
  values: Record<string, number | null>;
}

interface ChartProps {
  /** Read out instead of the drawing; the figures themselves are in the table next to the chart. */
  description: string;
  rows: ChartRow[];
  series: ChartSeries[];
  /** What a tooltip shows for a suppressed value ("<3"). */
  suppressedLabel: string;
  height?: number;
}

/** Okabe–Ito colours: told apart by readers with any common colour-vision deficiency. */
const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#7f7f7f'];
const colourOf = (index: number) => palette[index % palette.length];

/** Axis labels are cut to fit beside the bars (whole characters, Khmer clusters included); the table has them in full. */
function shortenLabel(label: string, maxCharacters = 22): string {
  const characters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(label)].map((part) => part.segment);
  return characters.length > maxCharacters ? `${characters.slice(0, maxCharacters - 1).join('')}…` : label;
}

function toChartData(rows: ChartRow[]) {
  return rows.map((row) => ({ label: row.label, ...row.values }));
}

function useValueFormatter(suppressedLabel: string) {
  const format = useFormatter();
  return {
    tick: (value: number) => format.number(value, { maximumFractionDigits: 1 }),
    tooltip: (value: unknown) => (typeof value === 'number' ? format.number(value, { maximumFractionDigits: 1 }) : suppressedLabel),
  };
}

/** Horizontal bars, one group (or stack) per row: for categories with long localised names. */
export function SummaryBarChart({ description, rows, series, suppressedLabel, height, stacked = false }: ChartProps & { stacked?: boolean }) {
  const formatValue = useValueFormatter(suppressedLabel);
  const chartHeight = height ?? Math.max(160, rows.length * (stacked ? 28 : 18 * series.length + 12) + 60);
  return (
    <div role="img" aria-label={description} className="summary-chart rounded-lg border border-slate-200 bg-white p-2" style={{ height: chartHeight }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: chartHeight }}>
        <BarChart data={toChartData(rows)} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tickFormatter={formatValue.tick} fontSize={12} />
          <YAxis type="category" dataKey="label" width={160} fontSize={12} interval={0} tickFormatter={(label: string) => shortenLabel(label)} />
          <Tooltip formatter={formatValue.tooltip} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((item, index) => (
            <Bar key={item.key} dataKey={item.key} name={item.label} fill={colourOf(index)} stackId={stacked ? 'stack' : undefined} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One line per series over the months of the period; suppressed months are gaps. */
export function SummaryLineChart({ description, rows, series, suppressedLabel, height = 300 }: ChartProps) {
  const formatValue = useValueFormatter(suppressedLabel);
  return (
    <div role="img" aria-label={description} className="summary-chart rounded-lg border border-slate-200 bg-white p-2" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height }}>
        <LineChart data={toChartData(rows)} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} tickFormatter={formatValue.tick} fontSize={12} width={40} />
          <Tooltip formatter={formatValue.tooltip} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((item, index) => (
            <Line
              key={item.key}
              type="linear"
              dataKey={item.key}
              name={item.label}
              stroke={colourOf(index)}
              strokeWidth={item.key === 'total' ? 3 : 2}
              strokeDasharray={item.key === 'total' ? '6 3' : undefined}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
