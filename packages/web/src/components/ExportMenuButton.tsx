import type { ComponentPropsWithRef } from 'react';
import { Button } from '@mantine/core';
import { useTranslation } from '../i18n';

type ExportMenuButtonProps = { testId: string } & Omit<ComponentPropsWithRef<'button'>, 'children' | 'color' | 'style'>;

/** "Export", drawn by the page until the menu has loaded; the menu passes its ref and handlers through. */
export function ExportMenuButton({ testId, ...buttonProps }: ExportMenuButtonProps) {
  const { t } = useTranslation();
  return (
    <Button variant="default" data-testid={testId} aria-haspopup="menu" {...buttonProps}>
      {t('export.menu')}
    </Button>
  );
}
