import { preparedStatement, runPrepared, type Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { insertMany } from '../../db/insert-many.js';
import type { ParticipationsTable } from '../../db/schema.js';

export type ParticipationRow = ParticipationsTable;

/** Ids bound in one statement's IN list: well under SQLite's 32,766 and PostgreSQL's 65,535 bound values. */
const PERSON_IDS_PER_STATEMENT = 5000;

/**
 * Copies the person's sex and organisation type and the event's date, place, type and status onto
 * their participations (see ParticipationsTable). Call it in the same transaction as every change to
 * those source columns.
 */
export async function refreshParticipationFacts(
  db: Db,
  scope: { personId: string } | { personIds: string[] } | { organizationId: string } | { eventId: string },
): Promise<void> {
  if ('eventId' in scope) {
    await db
      .updateTable('participations')
      .set((eb) => ({
        event_start_date: eb.selectFrom('events').select('start_date').whereRef('events.id', '=', 'participations.event_id'),
        event_province: eb.selectFrom('events').select('province').whereRef('events.id', '=', 'participations.event_id'),
        event_type: eb.selectFrom('events').select('type').whereRef('events.id', '=', 'participations.event_id'),
        event_status: eb.selectFrom('events').select('status').whereRef('events.id', '=', 'participations.event_id'),
        event_country: eb.selectFrom('events').select('country_code').whereRef('events.id', '=', 'participations.event_id'),
        programme_id: eb.selectFrom('events').select('programme_id').whereRef('events.id', '=', 'participations.event_id'),
      }))
      .where('event_id', '=', scope.eventId)
      .execute();
    return;
  }
  let q = db.updateTable('participations').set((eb) => ({
    person_sex: eb.selectFrom('people').select('sex').whereRef('people.id', '=', 'participations.person_id'),
    organization_type: eb
      .selectFrom('people')
      .innerJoin('organizations', 'organizations.id', 'people.organization_id')
      .select('organizations.type')
      .whereRef('people.id', '=', 'participations.person_id'),
  }));
  if ('personId' in scope) q = q.where('person_id', '=', scope.personId);
  else if ('personIds' in scope) {
    // In lists of at most PERSON_IDS_PER_STATEMENT: an import linking 50,000 registered people
    // passed them all at once, past SQLite's 32,766 bound values (a 500, found by a review).
    for (let start = 0; start < scope.personIds.length; start += PERSON_IDS_PER_STATEMENT) {
      await q.where('person_id', 'in', scope.personIds.slice(start, start + PERSON_IDS_PER_STATEMENT)).execute();
    }
    return;
  } else {
    const organizationId = scope.organizationId;
    q = q.where('person_id', 'in', (eb) => eb.selectFrom('people').select('id').where('organization_id', '=', organizationId));
  }
  await q.execute();
}

export async function findParticipation(db: Db, eventId: string, personId: string): Promise<ParticipationRow | undefined> {
  return db.selectFrom('participations').selectAll().where('event_id', '=', eventId).where('person_id', '=', personId).executeTakeFirst();
}

export async function insertParticipations(db: Db, rows: ParticipationRow[]): Promise<void> {
  await insertMany(db, 'participations', rows);
}

/** `attended` and `days_present` follow from the register: recountAttendance sets them, never a caller. */
export async function updateParticipation(db: Db, id: string, changes: Partial<Omit<ParticipationRow, 'id' | 'attended' | 'days_present'>>): Promise<void> {
  await db.updateTable('participations').set(changes).where('id', '=', id).execute();
}

export async function deleteParticipation(db: Db, eventId: string, personId: string): Promise<void> {
  await db.deleteFrom('attendance').where('event_id', '=', eventId).where('person_id', '=', personId).execute();
  await db.deleteFrom('participations').where('event_id', '=', eventId).where('person_id', '=', personId).execute();
}

export async function participationsOfPerson(db: Db, personId: string): Promise<ParticipationRow[]> {
  return db.selectFrom('participations').selectAll().where('person_id', '=', personId).execute();
}

export async function personIdsAtEvent(db: Db, eventId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('participations').select('person_id').where('event_id', '=', eventId).execute();
  return new Set(rows.map((r) => r.person_id));
}

// An attendance mark's three writes, run on every mark: prepared once (db/database.ts, runPrepared)
// rather than built by the query builder each time, which was a fifth of a mark's CPU.

const MARK_DAY = preparedStatement(
  'hifazat_mark_day',
  `insert into attendance (event_id, person_id, date, present) values (?, ?, ?, ?)
   on conflict (event_id, person_id, date) do update set present = excluded.present`,
);

export async function setAttendance(db: Db, row: { eventId: string; personId: string; date: string; present: boolean }): Promise<void> {
  await runPrepared(db, MARK_DAY, [row.eventId, row.personId, row.date, row.present]);
}

const TOUCH_PARTICIPATION = preparedStatement(
  'hifazat_touch_participation',
  'update participations set updated_at = ? where event_id = ? and person_id = ? returning id',
);

/** Marks the participation as changed now; false when the person is not on the event's list. */
export async function touchParticipation(db: Db, eventId: string, personId: string, now: string): Promise<boolean> {
  return (await runPrepared(db, TOUCH_PARTICIPATION, [now, eventId, personId])).length > 0;
}

const RECOUNT_ATTENDANCE = preparedStatement(
  'hifazat_recount_attendance',
  `update participations set
     days_present = (select count(*) from attendance a where a.event_id = ? and a.person_id = ? and a.present = true),
     attended = case
       when exists (select 1 from attendance a where a.event_id = ? and a.person_id = ?)
         then case when (select count(*) from attendance a where a.event_id = ? and a.person_id = ? and a.present = true) > 0 then true else false end
       when attended_direct = true then true
       else false end
   where event_id = ? and person_id = ?
   returning attended`,
);

/**
 * Recounts the days present and sets `attended` by the one rule every count reads (event summary,
 * programme report, export): once the day register holds any day for the person, the days decide
 * (present on at least one); without a day register, what was recorded directly (historic events).
 * Call it after every change to `attended_direct` or to the person's attendance rows. Gives what
 * `attended` is now (undefined: the person is not on the event's list).
 */
export async function recountAttendance(db: Db, eventId: string, personId: string): Promise<{ attended: boolean } | undefined> {
  // One statement, so that two attendance marks saved at the same moment cannot both count from
  // the same stale number (PostgreSQL runs them side by side).
  const ids = [eventId, personId];
  const [row] = await runPrepared<{ attended: unknown }>(db, RECOUNT_ATTENDANCE, [...ids, ...ids, ...ids, ...ids]);
  return row && { attended: toBoolean(row.attended) };
}

export async function attendanceOfPerson(db: Db, personId: string) {
  return db.selectFrom('attendance').selectAll().where('person_id', '=', personId).execute();
}

export async function deleteAttendanceRow(db: Db, eventId: string, personId: string, date: string): Promise<void> {
  await db.deleteFrom('attendance').where('event_id', '=', eventId).where('person_id', '=', personId).where('date', '=', date).execute();
}

export async function moveAttendanceRow(db: Db, eventId: string, fromPersonId: string, toPersonId: string, date: string): Promise<void> {
  await db
    .updateTable('attendance')
    .set({ person_id: toPersonId })
    .where('event_id', '=', eventId)
    .where('person_id', '=', fromPersonId)
    .where('date', '=', date)
    .execute();
}

/** Attendance outside the event's dates is dropped when the dates change. */
export async function deleteAttendanceOutside(db: Db, eventId: string, startDate: string, endDate: string): Promise<string[]> {
  const affected = await db
    .selectFrom('attendance')
    .select('person_id')
    .distinct()
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('date', '<', startDate), eb('date', '>', endDate)]))
    .execute();
  await db
    .deleteFrom('attendance')
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('date', '<', startDate), eb('date', '>', endDate)]))
    .execute();
  return affected.map((r) => r.person_id);
}

/**
 * The participants (role participant) who attended these events, one row per event and person, with
 * the person's sex: what a campaign counts as reached at its sessions (unique people by person id).
 */
export async function attendedParticipantsAt(db: Db, eventIds: readonly string[]): Promise<Array<{ event_id: string; person_id: string; person_sex: string }>> {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('participations')
    .select(['event_id', 'person_id', 'person_sex'])
    .where('event_id', 'in', [...eventIds])
    .where('role', '=', 'participant')
    .where('attended', '=', true)
    .execute();
}
