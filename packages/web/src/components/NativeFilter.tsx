import { NativeSelect } from '@mantine/core';
import { useTranslation } from '../i18n';

type Option = string | { value: string; label: string };
type NativeFilterProps = { label: string; data: readonly Option[]; value: string; onChange: (value: string | null) => void; testId: string };

/**
 * A list filter as the device's own select, with "All" first: a phone's own picker, and none of the
 * Combobox's popover code in the page's first load (issue 9). Reports null for "All".
 */
export function NativeFilter({ label, data, value, onChange, testId }: NativeFilterProps) {
  const { t } = useTranslation();
  const options = data.map((option) => (typeof option === 'string' ? { value: option, label: option } : option));
  return (
    <NativeSelect
      label={label}
      data={[{ value: '', label: t('common.all') }, ...options]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value || null)}
      data-testid={testId}
    />
  );
}
