import { sql, type Kysely } from 'kysely';

/**
 * Recomputes `attended` by the rule the code now keeps (participations.recountAttendance): once the
 * day register holds any day for the person, the days decide; without one, what was recorded
 * directly. Before, a direct "attended" (every imported row of a held event) outlived a register
 * of absences: 0 days present, still counted in the summary and the reports.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update participations set attended = case
      when exists (select 1 from attendance a where a.event_id = participations.event_id and a.person_id = participations.person_id)
        then (days_present > 0)
      else attended_direct
    end`.execute(db);
}

/** Nothing to undo: the old values were wrong, and which ones they were is not kept. */
export async function down(): Promise<void> {}
