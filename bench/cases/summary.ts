import type { EventSummary, SexCounts } from '@hifazat/contract';
import { eventSummary, type Db, type Actor } from '../../packages/server/src/testing.js';
import { assertSameJson, compareMs, timingResult, type Result } from '../lib/measure.js';
import type { RawDb } from '../lib/raw.js';

const empty = (): SexCounts => ({ total: 0, female: 0, male: 0, other: 0, unknown: 0 });
function add(c: SexCounts, sex: unknown, n: number) {
  c.total += n;
  c[sex === 'female' || sex === 'male' || sex === 'other' ? sex : 'unknown'] += n;
}

/** One grouped statement: attended places of the event by participant-or-staff, sex and organisation. */
export async function handWrittenSummary(raw: RawDb, eventId: string) {
  const rows = await raw.all(
    `SELECT CASE WHEN p.role = 'participant' THEN 1 ELSE 0 END, pe.sex, pe.organization_id, o.name, o.acronym, o.type, count(*)
       FROM participations p JOIN people pe ON pe.id = p.person_id LEFT JOIN organizations o ON o.id = pe.organization_id
      WHERE p.event_id = ? AND p.attended = ?
      GROUP BY 1, pe.sex, pe.organization_id, o.name, o.acronym, o.type`,
    [eventId, true],
  );
  const participants = empty();
  const staff = empty();
  const byType = new Map<string | null, SexCounts>();
  const byOrg = new Map<string | null, { organizationId: string | null; name: string | null; acronym: string | null } & SexCounts>();
  for (const [isParticipant, sex, orgId, name, acronym, type, count] of rows) {
    const n = Number(count);
    if (Number(isParticipant) !== 1) {
      add(staff, sex, n);
      continue;
    }
    add(participants, sex, n);
    const t = byType.get(type as string | null) ?? empty();
    add(t, sex, n);
    byType.set(type as string | null, t);
    const o = byOrg.get(orgId as string | null) ?? {
      organizationId: orgId as string | null,
      name: name as string | null,
      acronym: acronym as string | null,
      ...empty(),
    };
    add(o, sex, n);
    byOrg.set(orgId as string | null, o);
  }
  return canonicalSummary({
    participants,
    staff,
    byOrganizationType: [...byType.entries()].map(([type, c]) => ({ type, ...c })),
    byOrganization: [...byOrg.values()],
  });
}

const counts = (c: SexCounts) => ({ total: c.total, female: c.female, male: c.male, other: c.other, unknown: c.unknown });
export function canonicalSummary(
  s: Pick<EventSummary, 'participants' | 'staff'> & {
    byOrganizationType: Array<{ type: string | null } & SexCounts>;
    byOrganization: Array<{ organizationId: string | null; name: string | null; acronym: string | null } & SexCounts>;
  },
) {
  return {
    participants: counts(s.participants),
    staff: counts(s.staff),
    byOrganizationType: s.byOrganizationType.map((t) => ({ type: t.type, ...counts(t) })).sort((a, b) => String(a.type).localeCompare(String(b.type))),
    byOrganization: s.byOrganization
      .map((o) => ({ organizationId: o.organizationId, name: o.name, acronym: o.acronym, ...counts(o) }))
      .sort((a, b) => String(a.organizationId).localeCompare(String(b.organizationId))),
  };
}

export async function benchSummary(db: Db, raw: RawDb, actor: Actor, eventId: string, runs: number, log: (line: string) => void): Promise<Result[]> {
  const app = await eventSummary(db, actor, eventId);
  assertSameJson('event_summary', canonicalSummary(app), await handWrittenSummary(raw, eventId));
  log(`event_summary: event with ${app.participants.total} attended participants and ${app.staff.total} staff — same numbers by hand-written SQL`);
  const t = await compareMs(
    () => eventSummary(db, actor, eventId),
    () => handWrittenSummary(raw, eventId),
    runs * 5,
    10,
  );
  return [timingResult('event_summary', t.app, t.baseline)];
}
