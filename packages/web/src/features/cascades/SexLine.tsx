import { Text } from '@mantine/core';
import type { SexCounts } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../lib/format';
import './strings';

/** "24 (3 women, 21 men)". */
export function SexLine({ counts, testId }: { counts: SexCounts; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Text size="sm" data-testid={testId} data-total={counts.total}>
      <Text span fw={700} size="lg">
        {f.number(counts.total)}
      </Text>{' '}
      ({t('cascades:page.women')} {f.number(counts.female)}, {t('cascades:page.men')} {f.number(counts.male)})
    </Text>
  );
}
