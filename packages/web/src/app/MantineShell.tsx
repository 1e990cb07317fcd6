import { useEffect, useMemo, type ReactNode } from 'react';
import { DirectionProvider, MantineProvider, createTheme, useDirection } from '@mantine/core';
import { directionOf, useTranslation } from '../i18n';

const LATIN_FONTS = "'Noto Sans', 'Noto Nastaliq Urdu', system-ui, sans-serif";
const URDU_FONTS = "'Noto Nastaliq Urdu', 'Noto Sans', system-ui, sans-serif";

function DirectionSync({ language }: { language: string }) {
  const { setDirection } = useDirection();
  const { t } = useTranslation();
  useEffect(() => {
    setDirection(directionOf(language));
    document.title = t('app.name');
  }, [language, setDirection, t]);
  return null;
}

/** Mantine's theme and the reading direction for the reader's language: around the app and the sign-in page. */
export function MantineShell({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const urdu = language === 'ur';
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: 'teal',
        fontFamily: urdu ? URDU_FONTS : LATIN_FONTS,
        headings: { fontFamily: urdu ? URDU_FONTS : LATIN_FONTS, fontWeight: '700' },
        lineHeights: urdu ? { xs: '1.9', sm: '1.9', md: '1.9', lg: '1.9', xl: '1.9' } : { xs: '1.4', sm: '1.45', md: '1.55', lg: '1.6', xl: '1.65' },
        defaultRadius: 'sm',
      }),
    [urdu],
  );
  return (
    <DirectionProvider initialDirection={directionOf(language)} detectDirection={false}>
      <DirectionSync language={language} />
      <MantineProvider theme={theme} defaultColorScheme="light">
        {children}
      </MantineProvider>
    </DirectionProvider>
  );
}
