import { Badge } from '@mantine/core';
import type { CaseStatus } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import './strings';

const STATUS_COLOR: Record<CaseStatus, string> = {
  identification: 'blue',
  screening: 'violet',
  assistance: 'teal',
  referral: 'cyan',
  case_plan: 'indigo',
  follow_up: 'green',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} style={{ flexShrink: 0 }} data-testid="case-status" data-status={status}>
      {t(`cases:status.${status}`)}
    </Badge>
  );
}

/** A child (under 18 today): marked wherever the case is named, since a child's case follows other rules. */
export function ChildBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="grape" variant="filled" style={{ flexShrink: 0 }} data-testid="case-child">
      {t('cases:child')}
    </Badge>
  );
}
