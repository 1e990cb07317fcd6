import { Button, Menu } from '@mantine/core';
import type { CaseStatus } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { api } from '../../lib/api';
import './htcdsStrings';

export type CaseListFilters = { q: string; status: string; childrenOnly: string };

/**
 * The list's cases in HTCDS: JSON or the Excel case sheet, pseudonymised or with names, under the
 * filters the list shows now. Plain links: the browser downloads the file (the session cookie goes with it).
 */
export function HtcdsExportMenu({ filters }: { filters: CaseListFilters }) {
  const { t } = useTranslation();
  const href = (format: 'htcds-json' | 'htcds-xlsx', identity: 'include' | 'withhold') =>
    api.href('exportCasesHtcds', {
      query: {
        format,
        identity,
        query: filters.q.trim() || undefined,
        status: (filters.status || undefined) as CaseStatus | undefined,
        childrenOnly: filters.childrenOnly === 'true' ? 'true' : undefined,
      },
    });
  const item = (format: 'htcds-json' | 'htcds-xlsx', identity: 'include' | 'withhold') => (
    <Menu.Item component="a" href={href(format, identity)} download data-testid={`cases-htcds-${format}-${identity}`}>
      {t(format === 'htcds-json' ? 'htcds:menu.json' : 'htcds:menu.xlsx')}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <Button variant="default" aria-haspopup="menu" data-testid="cases-htcds-export">
          {t('htcds:menu.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('htcds:menu.pseudonymised')}</Menu.Label>
        {item('htcds-xlsx', 'withhold')}
        {item('htcds-json', 'withhold')}
        <Menu.Divider />
        <Menu.Label>{t('htcds:menu.named')}</Menu.Label>
        {item('htcds-xlsx', 'include')}
        {item('htcds-json', 'include')}
        <Menu.Divider />
        <Menu.Label style={{ whiteSpace: 'normal' }}>{t('htcds:menu.note')}</Menu.Label>
      </Menu.Dropdown>
    </Menu>
  );
}
