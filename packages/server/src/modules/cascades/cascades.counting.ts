import { emptySexCounts, type OrganizationType, type Sex, type SexCounts } from '@hifazat/contract';

/**
 * The cascade's arithmetic, pure and in one place: who was reached, once per generation and once in
 * all; what each master trainer delivered. The rows come from the repository (attended participants,
 * role participant, of the cascade's events); the generations from the walk (cascades.walk.ts).
 */

export type Reached = {
  event_id: string;
  person_id: string;
  person_sex: Sex;
  organization_type: OrganizationType | null;
  event_province: string | null;
  event_start_date: string;
};

export function addPerson(counts: SexCounts, sex: Sex): void {
  counts.total += 1;
  counts[sex] += 1;
}

/** Unique people among the rows, by sex: a person at two of the events counts once. */
export function uniquePeople(rows: Iterable<Pick<Reached, 'person_id' | 'person_sex'>>): SexCounts {
  const counts = emptySexCounts();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.person_id)) continue;
    seen.add(r.person_id);
    addPerson(counts, r.person_sex);
  }
  return counts;
}

/** Unique people per group (a person in two groups counts once in each), groups in order of size. */
function byGroup<K extends string | null>(rows: readonly Reached[], key: (r: Reached) => K): Array<{ key: K; people: SexCounts }> {
  const groups = new Map<K, { people: SexCounts; seen: Set<string> }>();
  for (const r of rows) {
    const k = key(r);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { people: emptySexCounts(), seen: new Set() }));
    if (group.seen.has(r.person_id)) continue;
    group.seen.add(r.person_id);
    addPerson(group.people, r.person_sex);
  }
  return [...groups.entries()]
    .map(([k, g]) => ({ key: k, people: g.people }))
    .sort((a, b) => b.people.total - a.people.total || String(a.key).localeCompare(String(b.key)));
}

export type GenerationCounts = {
  level: number;
  people: SexCounts;
  byOrganizationType: Array<{ key: OrganizationType | null; people: SexCounts }>;
  byProvince: Array<{ key: string | null; people: SexCounts }>;
};

export type TrainerActivity = { eventsDelivered: number; peopleTrained: number; lastActive: string | null };

export type CascadeCounts = {
  generations: GenerationCounts[];
  reach: SexCounts;
  /** Attended participants per event. */
  perEvent: Map<string, number>;
  /** By master trainer (person id). */
  trainers: Map<string, TrainerActivity>;
};

/**
 * `levels`: each counted event's generation (events the user may not see are left out by the caller);
 * `rows`: the people reached at those events; `delivered`: the events each master trainer trained
 * (only those in `levels` count); `depth`: the generations to answer for, empty ones included.
 */
export function countCascade(
  levels: ReadonlyMap<string, number>,
  rows: readonly Reached[],
  delivered: ReadonlyMap<string, ReadonlySet<string>>,
  eventStart: ReadonlyMap<string, string>,
  depth: number,
): CascadeCounts {
  const byLevel = new Map<number, Reached[]>();
  const byEvent = new Map<string, Reached[]>();
  const counted: Reached[] = [];
  for (const r of rows) {
    const level = levels.get(r.event_id);
    if (level === undefined) continue;
    counted.push(r);
    let list = byLevel.get(level);
    if (!list) byLevel.set(level, (list = []));
    list.push(r);
    let forEvent = byEvent.get(r.event_id);
    if (!forEvent) byEvent.set(r.event_id, (forEvent = []));
    forEvent.push(r);
  }
  const generations: GenerationCounts[] = [];
  for (let level = 1; level <= depth; level += 1) {
    const list = byLevel.get(level) ?? [];
    generations.push({
      level,
      people: uniquePeople(list),
      byOrganizationType: byGroup(list, (r) => r.organization_type),
      byProvince: byGroup(list, (r) => r.event_province),
    });
  }
  const perEvent = new Map<string, number>();
  for (const id of levels.keys()) perEvent.set(id, byEvent.get(id)?.length ?? 0);

  const trainers = new Map<string, TrainerActivity>();
  for (const [personId, events] of delivered) {
    const counting = [...events].filter((id) => levels.has(id));
    const reached = new Set<string>();
    let lastActive: string | null = null;
    for (const id of counting) {
      for (const r of byEvent.get(id) ?? []) reached.add(r.person_id);
      const start = eventStart.get(id) ?? null;
      if (start !== null && (lastActive === null || start > lastActive)) lastActive = start;
    }
    trainers.set(personId, { eventsDelivered: counting.length, peopleTrained: reached.size, lastActive });
  }
  return { generations, reach: uniquePeople(counted), perEvent, trainers };
}

/** Whether a master trainer last delivered on or after the day `days` before `today` (YYYY-MM-DD). */
export function activeSince(lastActive: string | null, today: string, days: number): boolean {
  if (lastActive === null) return false;
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  return lastActive >= since;
}
