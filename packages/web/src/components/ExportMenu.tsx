import { Button, Menu } from '@mantine/core';
import { useTranslation } from '../i18n';
import type { LabelLanguage } from '@hifazat/contract';
import { currentLanguage } from '../lib/format';

export type ExportFormat = 'csv' | 'xlsx';

/**
 * "Export" with a small menu (CSV / Excel): each item a link that downloads the file. `href` gets the
 * format and the screen's language, so that a file made from the Urdu screen is in Urdu.
 */
export function ExportMenu({ href, testId }: { href: (format: ExportFormat, lang: LabelLanguage) => string; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button variant="default" data-testid={testId} aria-haspopup="menu">
          {t('export.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href('xlsx', lang)} download data-testid={`${testId}-xlsx`}>
          {t('export.xlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={href('csv', lang)} download data-testid={`${testId}-csv`}>
          {t('export.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
