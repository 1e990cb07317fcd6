import { Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from '../i18n';
import { directionOf } from '../i18n';

export type BarSeries = { label: string; color: string };
export type BarGroup = { label: string; values: number[] };

type Props = {
  /** One bar per group; with several series, a group's values are stacked in series order. */
  data: BarGroup[];
  series: BarSeries[];
  height: number;
  format: (value: number) => string;
  maxBarWidth?: number;
  /** A value axis at the start side; without it, each bar carries its value above it. */
  withValueAxis?: boolean;
  testId?: string;
};

const FONT_SIZE = 12;
const GRID = 'var(--mantine-color-gray-3)';
const INK = 'var(--mantine-color-dimmed)';
const SLANT_DEGREES = 35;
/** A slanted label longer than this runs on past the chart's foot rather than squash the bars. */
const MAX_SLANTED_WIDTH = 130;

/** A label's width, estimated: Nastaliq letters run wider than Latin ones at the same size. */
const textWidth = (label: string) => label.length * FONT_SIZE * (/[\u0600-\u06ff]/.test(label) ? 0.8 : 0.6);

/** A round step that splits 0…max into about four parts (1, 2, 2.5 or 5 times a power of ten). */
function tickStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return Number.isInteger(step) ? step : Math.ceil(step);
}

/**
 * A small SVG bar chart (a chart library was a third of the first load for four bars). Bars run in
 * reading order, so right to left in Urdu, and the value axis stands at the start side. Each bar says
 * its label and value to a screen reader and on hover; the numbers are also on the page as text.
 */
export function BarChart({ data, series, height, format, maxBarWidth = 60, withValueAxis = false, testId }: Props) {
  const { i18n } = useTranslation();
  const rtl = directionOf(i18n.language) === 'rtl';
  const { ref, width } = useElementSize();
  const totals = data.map((group) => group.values.reduce((sum, value) => sum + value, 0));
  const step = tickStep(Math.max(0, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);

  const axisWidth = withValueAxis ? Math.max(...ticks.map((tick) => format(tick).length)) * 7 + 12 : 0;
  // Labels wider than their bar's share of the width (eight quarters on a phone) are slanted: the
  // plot gives up the height they need below it, and on the axis side the width the first one needs.
  const labelWidth = Math.min(Math.max(0, ...data.map((group) => textWidth(group.label))), MAX_SLANTED_WIDTH);
  const fullBand = data.length > 0 ? Math.max(0, width - axisWidth) / data.length : 0;
  const slanted = fullBand > 0 && labelWidth > fullBand - 4;
  const slant = (SLANT_DEGREES * Math.PI) / 180;
  const labelDrop = slanted ? labelWidth * Math.sin(slant) : 0;
  const labelReach = slanted ? Math.max(0, labelWidth * Math.cos(slant) - fullBand / 2 - axisWidth) : 0;
  const plotStart = rtl ? 0 : axisWidth + labelReach;
  const plotWidth = Math.max(0, width - axisWidth - labelReach);
  const band = data.length > 0 ? plotWidth / data.length : 0;
  const plotTop = withValueAxis ? FONT_SIZE / 2 + 2 : FONT_SIZE + 8;
  const plotBottom = height - FONT_SIZE - 16 - labelDrop;
  const barWidth = Math.min(maxBarWidth, band * 0.6);
  const y = (value: number) => plotBottom - (value / top) * (plotBottom - plotTop);
  // The i-th group in reading order.
  const bandStart = (i: number) => plotStart + (rtl ? data.length - 1 - i : i) * band;
  const summary = data.map((group, i) => `${group.label}: ${format(totals[i] ?? 0)}`).join(', ');

  return (
    <div data-testid={testId}>
      <div ref={ref} style={{ height }}>
        {width > 0 ? (
          <svg width={width} height={height} role="img" aria-label={summary} style={{ display: 'block', overflow: 'visible' }}>
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={plotStart} x2={plotStart + plotWidth} y1={y(tick)} y2={y(tick)} stroke={GRID} strokeDasharray="5 5" />
                {withValueAxis ? (
                  <text
                    x={rtl ? width - axisWidth + 8 : axisWidth - 8}
                    y={y(tick)}
                    dy="0.35em"
                    textAnchor={rtl ? 'start' : 'end'}
                    fontSize={FONT_SIZE}
                    fill={INK}
                    direction="ltr"
                  >
                    {format(tick)}
                  </text>
                ) : null}
              </g>
            ))}
            {data.map((group, i) => {
              const x = bandStart(i) + (band - barWidth) / 2;
              let base = 0;
              return (
                <g key={group.label}>
                  {group.values.map((value, s) => {
                    const from = base;
                    base += value;
                    if (value <= 0) return null;
                    return (
                      <rect key={s} x={x} y={y(base)} width={barWidth} height={y(from) - y(base)} fill={series[s]?.color}>
                        <title>{`${group.label}, ${series[s]?.label ?? ''}: ${format(value)}`}</title>
                      </rect>
                    );
                  })}
                  {withValueAxis ? null : (
                    <text x={x + barWidth / 2} y={y(base) - 6} textAnchor="middle" fontSize={FONT_SIZE} fill={INK}>
                      {format(base)}
                    </text>
                  )}
                  {slanted ? (
                    // Hung from the bar's centre, running down and away from the value axis: its end
                    // (the right end in English, the left in Urdu) touches the axis line.
                    <text
                      transform={`translate(${bandStart(i) + band / 2} ${plotBottom + 8}) rotate(${rtl ? SLANT_DEGREES : -SLANT_DEGREES})`}
                      dy="0.7em"
                      textAnchor="end"
                      fontSize={FONT_SIZE}
                      fill={INK}
                    >
                      {group.label}
                    </text>
                  ) : (
                    <text x={bandStart(i) + band / 2} y={plotBottom + FONT_SIZE + 10} textAnchor="middle" fontSize={FONT_SIZE} fill={INK}>
                      {group.label}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      {series.length > 1 ? (
        <Group justify="center" gap="md" mt="xs" aria-hidden>
          {series.map((entry) => (
            <Group key={entry.label} gap={6} wrap="nowrap">
              <span style={{ width: 10, height: 10, borderRadius: '50%', background: entry.color, flexShrink: 0 }} />
              <Text size="sm">{entry.label}</Text>
            </Group>
          ))}
        </Group>
      ) : null}
    </div>
  );
}
