import { Badge, Text } from '@mantine/core';
import type { Service } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../lib/format';
import './strings';

/** The live capacity in a line: free beds of all, open slots, or "not reported". */
export function CapacityText({ service }: { service: Service }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = service.capacity;
  const parts: string[] = [];
  if (c.bedsFree !== null)
    parts.push(
      c.bedsTotal !== null
        ? t('services:capacity.ofBeds', { free: f.number(c.bedsFree), total: f.number(c.bedsTotal) })
        : t('services:capacity.bedsFreeOnly', { free: f.number(c.bedsFree) }),
    );
  if (c.slotsOpen !== null) parts.push(t('services:capacity.slots', { count: f.number(c.slotsOpen) }));
  return (
    <Text
      size="sm"
      fw={parts.length ? 600 : undefined}
      c={parts.length ? undefined : 'dimmed'}
      data-testid="service-capacity"
      data-beds-free={c.bedsFree ?? ''}
    >
      {parts.length ? parts.join(t('common.listSeparator')) : t('services:capacity.unknown')}
    </Text>
  );
}

export function TypeBadge({ type }: { type: Service['type'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={type === 'shelter' ? 'grape' : 'teal'} style={{ flexShrink: 0 }}>
      {t(`services:type.${type}`)}
    </Badge>
  );
}

/** The ages a service takes in, in words. */
export function agesText(t: (key: string, values?: Record<string, string | number>) => string, e: Service['eligibility']): string {
  if (e.minimumAge !== null && e.maximumAge !== null) return t('services:field.ageRange', { from: e.minimumAge, to: e.maximumAge });
  if (e.minimumAge !== null) return t('services:field.ageFrom', { from: e.minimumAge });
  if (e.maximumAge !== null) return t('services:field.ageTo', { to: e.maximumAge });
  return t('services:field.anyAge');
}

/** A count typed in a text box: its digits only (the device's numeric keypad; no locale's number parsing). */
export const digits = (value: string): string => value.replace(/\D/g, '').slice(0, 6);
