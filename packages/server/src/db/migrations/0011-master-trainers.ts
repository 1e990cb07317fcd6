import type { Kysely } from 'kysely';
import { columnTypes, engineOf, withTimestamps } from '../dialect.js';

/**
 * Master trainers (issue 11, the training cascade): a graduation from a training of trainers. It
 * hangs on the person's place at the ToT (`participation_id`), so that it moves with a merge of two
 * people's records and goes when the person is taken off the ToT's list or the ToT is deleted. One
 * graduation per place: a person graduates from a ToT once (from two ToTs, twice).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);
  await withTimestamps(
    db.schema
      .createTable('master_trainers')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('participation_id', t.id, (c) => c.notNull().unique().references('participations.id').onDelete('cascade'))
      .addColumn('certified_on', t.date, (c) => c.notNull())
      // A JSON array of topics (the event topics' words).
      .addColumn('specialisms', t.json, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  // Who trained which event: the trainers' places are found by person (participations_person_idx;
  // since 0025 participations_person_attended_idx).
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('master_trainers').execute();
}
