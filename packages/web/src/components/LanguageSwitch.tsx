import { Button } from '@mantine/core';
import { useTranslation } from '../i18n';
import { changeLanguage } from '../i18n';

/** Switches between English and Urdu; the label names the other language in its own script. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'ur' ? 'en' : 'ur';
  return (
    <Button
      variant="default"
      size="xs"
      onClick={() => void changeLanguage(next)}
      data-testid="lang-switch"
      data-lang={i18n.language}
      aria-label={t('language.switch')}
      lang={next}
      // On an English page the one Urdu word here is drawn in the device's own font: Noto Nastaliq is
      // 158 kB, three seconds of a 400 kbit/s link taken from the page's own data.
      style={next === 'ur' ? { fontFamily: 'system-ui, sans-serif' } : undefined}
    >
      {next === 'ur' ? t('language.urdu') : t('language.english')}
    </Button>
  );
}
