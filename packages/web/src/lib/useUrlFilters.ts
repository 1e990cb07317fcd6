import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** Filters kept in the address (so back/forward and shared links keep them). */
export function useUrlFilters<K extends string>(names: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const result = {} as Record<K, string>;
    for (const name of names) result[name] = params.get(name) ?? '';
    return result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  // The router's "previous" value is the address as last drawn, not as last asked for: a second
  // filter set before the page is drawn again would drop the first. What was asked for since the
  // address was read is kept here, and builds on it until the address has changed.
  const asked = useRef<{ since: URLSearchParams; next: URLSearchParams } | null>(null);
  const set = useCallback(
    (name: K, value: string | null) => {
      const next = new URLSearchParams(asked.current?.since === params ? asked.current.next : params);
      if (value) next.set(name, value);
      else next.delete(name);
      asked.current = { since: params, next };
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
  const clear = useCallback(() => {
    asked.current = { since: params, next: new URLSearchParams() };
    setParams(new URLSearchParams(), { replace: true });
  }, [params, setParams]);
  return { values, set, clear };
}
