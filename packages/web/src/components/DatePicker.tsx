import '@mantine/dates/styles.css';
import 'dayjs/locale/ur';
import { DateInput, DatesProvider } from '@mantine/dates';
import { useTranslation } from '../i18n';
import { useFormat } from '../lib/format';
import { parseTypedDate } from '../lib/dates';
import type { DateFieldProps } from './DateField';

/** DateField's calendar, in its own chunk (see DateField). */
export default function DatePicker({ label, value, onChange, error, required, description, minDate, clearable, onFocus, onBlur, testId }: DateFieldProps) {
  const { i18n } = useTranslation();
  const f = useFormat();
  const urdu = i18n.language === 'ur';
  return (
    <DatesProvider settings={{ locale: urdu ? 'ur' : 'en', firstDayOfWeek: 1, consistentWeeks: true }}>
      <DateInput
        label={label}
        value={value || null}
        onChange={(next) => onChange(next ?? '')}
        valueFormat={(date) => f.date(date)}
        dateParser={parseTypedDate}
        error={error}
        required={required}
        description={description}
        minDate={minDate}
        clearable={clearable}
        onFocus={onFocus}
        onBlur={onBlur}
        popoverProps={{ withinPortal: true }}
        inputMode="numeric"
        data-testid={testId}
      />
    </DatesProvider>
  );
}
