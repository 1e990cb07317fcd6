import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from '../i18n';

/**
 * A table that must stay a table however narrow the screen (the attendance grid, import reports):
 * it scrolls sideways inside its own box, never the page, and says so with a shadow on each side
 * that has more and a line under it.
 */
export function WideTable({ minWidth, children, testId }: { minWidth: number; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ start: false, end: false });
  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    // In right-to-left pages Chromium counts scrollLeft from 0 down to negative values.
    const scrolled = Math.abs(el.scrollLeft);
    const room = el.scrollWidth - el.clientWidth;
    setMore((prev) => {
      const next = { start: scrolled > 1, end: room - scrolled > 1 };
      return prev.start === next.start && prev.end === next.end ? prev : next;
    });
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [measure]);
  return (
    <div>
      <div className="wide-table" data-more-start={more.start || undefined} data-more-end={more.end || undefined}>
        <div ref={box} className="wide-table-scroll" data-scroll-x="true" onScroll={measure} data-testid={testId}>
          <div style={{ minWidth }}>{children}</div>
        </div>
      </div>
      {more.start || more.end ? (
        <Text size="xs" c="dimmed" mt={4} data-testid={testId ? `${testId}-scroll-hint` : undefined}>
          {t('common.scrollSideways')}
        </Text>
      ) : null}
    </div>
  );
}
