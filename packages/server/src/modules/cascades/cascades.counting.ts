import { emptySexCounts, sexes, type OrganizationType, type Sex, type SexCounts } from '@hifazat/contract';

/**
 * The cascade's arithmetic in one place: the reports module counts (countReach, from the report
 * columns: unique people once per generation and once in all, per event, per master trainer); this turns its rows into the
 * answer's shapes, and holds the small rules the service and the indicators share.
 */

/** The rows of the reports module's countReach. */
export type CountRow = { kind: number; level: number; grp: string | null; sex: string | null; n: number };

const isSex = (value: unknown): value is Sex => (sexes as readonly unknown[]).includes(value);

export function addPerson(counts: SexCounts, sex: Sex, n = 1): void {
  counts.total += n;
  counts[sex] += n;
}

/** Unique people among the rows, by sex: a person on two rows counts once. */
export function uniquePeople(rows: Iterable<{ person_id: string; person_sex: Sex }>): SexCounts {
  const counts = emptySexCounts();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.person_id)) continue;
    seen.add(r.person_id);
    addPerson(counts, r.person_sex);
  }
  return counts;
}

export type GenerationCounts = {
  level: number;
  people: SexCounts;
  byOrganizationType: Array<{ key: OrganizationType | null; people: SexCounts }>;
  byProvince: Array<{ key: string | null; people: SexCounts }>;
};

export type CascadeCounts = {
  generations: GenerationCounts[];
  reach: SexCounts;
  /** Attended participants per event. */
  perEvent: Map<string, number>;
  /** Unique people each master trainer (person id) reached over the events they delivered. */
  peopleTrained: Map<string, number>;
};

/** Groups in order of size, then of key. */
function ordered<K>(groups: Map<K, SexCounts>): Array<{ key: K; people: SexCounts }> {
  return [...groups.entries()]
    .map(([key, people]) => ({ key, people }))
    .sort((a, b) => b.people.total - a.people.total || String(a.key).localeCompare(String(b.key)));
}

/** The rows of countReach as the cascade's figures, for generations 1 to `depth` (empty ones included). */
export function assembleCounts(rows: readonly CountRow[], depth: number): CascadeCounts {
  const people = new Map<number, SexCounts>();
  const byType = new Map<number, Map<OrganizationType | null, SexCounts>>();
  const byProvince = new Map<number, Map<string | null, SexCounts>>();
  const reach = emptySexCounts();
  const perEvent = new Map<string, number>();
  const peopleTrained = new Map<string, number>();
  const cell = <K>(maps: Map<number, Map<K, SexCounts>>, level: number, key: K) => {
    let map = maps.get(level);
    if (!map) maps.set(level, (map = new Map()));
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = emptySexCounts()));
    return counts;
  };
  for (const r of rows) {
    const sex: Sex = isSex(r.sex) ? r.sex : 'unknown';
    if (r.kind === 0) {
      let counts = people.get(r.level);
      if (!counts) people.set(r.level, (counts = emptySexCounts()));
      addPerson(counts, sex, r.n);
    } else if (r.kind === 1) addPerson(cell(byType, r.level, r.grp as OrganizationType | null), sex, r.n);
    else if (r.kind === 2) addPerson(cell(byProvince, r.level, r.grp), sex, r.n);
    else if (r.kind === 3) addPerson(reach, sex, r.n);
    else if (r.kind === 4 && r.grp !== null) perEvent.set(r.grp, r.n);
    else if (r.kind === 5 && r.grp !== null) peopleTrained.set(r.grp, r.n);
  }
  const generations: GenerationCounts[] = [];
  for (let level = 1; level <= depth; level += 1) {
    generations.push({
      level,
      people: people.get(level) ?? emptySexCounts(),
      byOrganizationType: ordered(byType.get(level) ?? new Map()),
      byProvince: ordered(byProvince.get(level) ?? new Map()),
    });
  }
  return { generations, reach, perEvent, peopleTrained };
}

/** Whether a master trainer last delivered on or after the day `days` before `today` (YYYY-MM-DD). */
export function activeSince(lastActive: string | null, today: string, days: number): boolean {
  if (lastActive === null) return false;
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  return lastActive >= since;
}
