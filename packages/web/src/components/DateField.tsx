import { lazy, Suspense, type ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { useFormat } from '../lib/format';

export type DateFieldProps = {
  label: ReactNode;
  /** `YYYY-MM-DD`, or empty. */
  value?: string | null;
  onChange: (value: string) => void;
  error?: ReactNode;
  required?: boolean;
  description?: ReactNode;
  /** The earliest day that can be chosen, `YYYY-MM-DD`. */
  minDate?: string;
  clearable?: boolean;
  onFocus?: () => void;
  onBlur?: () => void;
  testId: string;
};

// The calendar (and dayjs with its Urdu months) loads only when a page shows a date field.
const DatePicker = lazy(() => import('./DatePicker'));

/**
 * A date in the reader's language and direction ("10 فروری 2027" in Urdu, "10 Feb 2027" in English) with
 * a calendar to pick from; typing `2027-02-10` or `10/02/2027` works too. The value stays `YYYY-MM-DD`.
 */
export function DateField(props: DateFieldProps) {
  const f = useFormat();
  const fallback = (
    <TextInput
      label={props.label}
      required={props.required}
      description={props.description}
      error={props.error}
      value={props.value ? f.date(props.value) : ''}
      readOnly
      data-testid={props.testId}
    />
  );
  return (
    <Suspense fallback={fallback}>
      <DatePicker {...props} />
    </Suspense>
  );
}
