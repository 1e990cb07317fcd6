import { lazy, Suspense, useState } from 'react';
import { useTranslation } from '../i18n';
import type { LabelLanguage } from '@hifazat/contract';
import { currentLanguage } from '../lib/format';
import { ExportMenuButton } from './ExportMenuButton';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportMenuProps = { href: (format: ExportFormat, lang: LabelLanguage) => string; testId: string };

const ExportMenuOpen = lazy(() => import('./ExportMenuOpen'));

/**
 * "Export" with a small menu (CSV / Excel): each item a link that downloads the file. `href` gets the
 * format and the screen's language, so that a file made from the Urdu screen is in Urdu. The menu itself
 * loads at the first click (ExportMenuOpen), like the user menu.
 */
export function ExportMenu({ href, testId }: ExportMenuProps) {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const [wanted, setWanted] = useState(false);
  if (!wanted) return <ExportMenuButton testId={testId} onClick={() => setWanted(true)} />;
  return (
    <Suspense fallback={<ExportMenuButton testId={testId} />}>
      <ExportMenuOpen href={href} testId={testId} lang={lang} />
    </Suspense>
  );
}
