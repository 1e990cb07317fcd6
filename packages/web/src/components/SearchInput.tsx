import { useEffect, useRef, useState } from 'react';
import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';

/**
 * A text filter that reports its value after the user pauses typing. The value given back (from the
 * address) arrives a moment after a report: when it is only that report coming back, the text
 * typed since stays; any other value (back, forward, "clear", a link) replaces the text.
 */
export function SearchInput(props: { value: string; onChange: (value: string) => void; label: string; placeholder?: string; testId: string }) {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  // The value last reported, or last taken from outside.
  const known = useRef(value);
  useEffect(() => {
    if (debounced === value) return;
    known.current = debounced;
    onChange(debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    if (value === known.current) return;
    known.current = value;
    setText(value);
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
