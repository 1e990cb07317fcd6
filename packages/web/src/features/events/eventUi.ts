import type { EventStatus } from '@hifazat/contract';

export function statusColor(status: EventStatus): string {
  return status === 'held' ? 'teal' : status === 'planned' ? 'blue' : 'gray';
}
