import { useEffect, useState } from 'react';
import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';

/** A text filter that reports its value after the user pauses typing. */
export function SearchInput(props: { value: string; onChange: (value: string) => void; label: string; placeholder?: string; testId: string }) {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced !== value) onChange(debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    setText((current) => (current === value ? current : value));
  }, [value]);
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      type="search"
      data-testid={props.testId}
    />
  );
}
