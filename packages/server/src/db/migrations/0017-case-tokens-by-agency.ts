import { sql, type Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * The blind-index tokens carry the agency of their case (issue 12, the case_search benchmark).
 *
 * A data officer's name search intersected the tokens of every case in the country: for a common
 * name ("Muhammad Khan") two lists of 11,000–13,000 entries among 100,000 cases, then 1,800 case rows
 * read to keep the 370 of the officer's agency; 140 ms on PostgreSQL. With the agency beside each
 * token, the search reads only its agency's entries of each token (2,600 and 3,000) and 400 rows.
 * The repository keeps the column equal to the case's agency (cases.repository.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema.alterTable('case_name_tokens').addColumn('organization_id', t.id).execute();
  await sql`UPDATE case_name_tokens SET organization_id = (SELECT cases.organization_id FROM cases WHERE cases.id = case_name_tokens.case_id)`.execute(db);
  await db.schema.createIndex('case_name_tokens_agency_idx').on('case_name_tokens').columns(['token', 'organization_id', 'case_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_name_tokens_agency_idx').execute();
  await db.schema.alterTable('case_name_tokens').dropColumn('organization_id').execute();
}
