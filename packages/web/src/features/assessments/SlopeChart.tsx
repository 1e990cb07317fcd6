import { Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from '../../i18n';
import { directionOf } from '../../i18n';

export type PrePost = { pre: number; post: number };

const HEIGHT = 260;
const FONT = 12;
const UP = 'var(--mantine-color-teal-6)';
const DOWN = 'var(--mantine-color-red-6)';
const SAME = 'var(--mantine-color-gray-5)';
const INK = 'var(--mantine-color-dimmed)';
const GRID = 'var(--mantine-color-gray-3)';

/**
 * Each person's score before and after (per cent of the test's points), as a line from the pre-test
 * axis to the post-test axis: rising lines are people who improved. Nobody is named. In reading
 * order, so the pre-test stands on the right in Urdu.
 */
export function SlopeChart({
  people,
  preLabel,
  postLabel,
  format,
  testId,
}: {
  people: PrePost[];
  preLabel: string;
  postLabel: string;
  format: (percent: number) => string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const rtl = directionOf(i18n.language) === 'rtl';
  const { ref, width } = useElementSize();
  const top = FONT;
  const bottom = HEIGHT - FONT - 14;
  const axisLabel = 40;
  const preX = rtl ? width - axisLabel - 30 : axisLabel + 30;
  const postX = rtl ? axisLabel + 30 : width - axisLabel - 30;
  const y = (percent: number) => bottom - (Math.max(0, Math.min(100, percent)) / 100) * (bottom - top);
  const up = people.filter((p) => p.post > p.pre).length;
  const down = people.filter((p) => p.post < p.pre).length;
  const same = people.length - up - down;
  const color = (p: PrePost) => (p.post > p.pre ? UP : p.post < p.pre ? DOWN : SAME);
  // Lines of people with the same scores lie on one another: drawn a little see-through.
  const summary = t('assessments:results.slopeSummary', { up, down, same });
  return (
    <div data-testid={testId} data-people={people.length}>
      <div ref={ref} style={{ height: HEIGHT }}>
        {width > 0 ? (
          <svg width={width} height={HEIGHT} role="img" aria-label={summary} style={{ display: 'block', overflow: 'visible' }}>
            {[0, 25, 50, 75, 100].map((tick) => (
              <g key={tick}>
                <line x1={Math.min(preX, postX)} x2={Math.max(preX, postX)} y1={y(tick)} y2={y(tick)} stroke={GRID} strokeDasharray="4 4" />
                <text x={rtl ? preX + 8 : preX - 8} y={y(tick)} dy="0.35em" textAnchor={rtl ? 'start' : 'end'} fontSize={FONT} fill={INK} direction="ltr">
                  {format(tick)}
                </text>
              </g>
            ))}
            <line x1={preX} x2={preX} y1={top} y2={bottom} stroke={INK} />
            <line x1={postX} x2={postX} y1={top} y2={bottom} stroke={INK} />
            {people.map((p, i) => (
              <g key={i} stroke={color(p)} fill={color(p)} opacity={0.75}>
                <line x1={preX} x2={postX} y1={y(p.pre)} y2={y(p.post)} strokeWidth={2} />
                <circle cx={preX} cy={y(p.pre)} r={3.5} />
                <circle cx={postX} cy={y(p.post)} r={3.5} />
              </g>
            ))}
            <text x={preX} y={HEIGHT - 4} textAnchor="middle" fontSize={FONT} fill={INK}>
              {preLabel}
            </text>
            <text x={postX} y={HEIGHT - 4} textAnchor="middle" fontSize={FONT} fill={INK}>
              {postLabel}
            </text>
          </svg>
        ) : null}
      </div>
      <Group justify="center" gap="md" mt="xs">
        {[
          { color: UP, label: t('assessments:results.slopeUp', { n: up }) },
          { color: DOWN, label: t('assessments:results.slopeDown', { n: down }) },
          { color: SAME, label: t('assessments:results.slopeSame', { n: same }) },
        ].map((entry) => (
          <Group key={entry.label} gap={6} wrap="nowrap">
            <span style={{ width: 14, height: 3, background: entry.color, flexShrink: 0 }} />
            <Text size="sm">{entry.label}</Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
