/**
 * A table of words to values that is read with words a person typed or a file holds: made without
 * Object's prototype, so that "constructor", "toString" or "__proto__" are words like any other
 * (found nowhere) rather than Object's own functions (a search for "constructor" once answered 500).
 */
export function lookupTable<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
