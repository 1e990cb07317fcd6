import { Menu } from '@mantine/core';
import { useTranslation } from '../i18n';
import type { ExportMenuProps } from './ExportMenu';
import { ExportMenuButton } from './ExportMenuButton';

/**
 * The export menu's dropdown (CSV / Excel), a chunk of its own fetched at the first click on the page's
 * button and opened at once: Mantine's menu brings floating-ui, which the pages need no sooner.
 */
export default function ExportMenuOpen({ href, testId, lang }: ExportMenuProps & { lang: Parameters<ExportMenuProps['href']>[1] }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md" defaultOpened>
      <Menu.Target>
        <ExportMenuButton testId={testId} />
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
