import { type Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * Consent-first, closed-loop referral (issue 13).
 *
 * - case_consents: the person's informed consent, recorded before a referral: for what (sealed: free text
 *   about the person), for which service (or any), who gave it (sealed: it may name a guardian), in which
 *   language it was explained, by whom and when; withdrawn consents stay, with the day they were withdrawn.
 * - case_referrals: a referral of a case to a service of the directory. The reason, the override's reason,
 *   the provider's answer and the outcome note are sealed; the urgency, the parts shared, the states and
 *   their times are plain (the dashboards and the statistics read them). `respond_by` is when an answer
 *   becomes overdue (24 hours for an urgent referral, 5 days otherwise), indexed with the agency and status
 *   for the supervisors' dashboard.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema
    .createTable('case_consents')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('service_id', t.id, (c) => c.references('services.id').onDelete('set null'))
    .addColumn('purpose_sealed', t.text)
    .addColumn('given_by_sealed', t.text)
    .addColumn('explained_in_language', t.text, (c) => c.notNull())
    .addColumn('explained_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('given_at', t.timestamp, (c) => c.notNull())
    .addColumn('withdrawn_at', t.timestamp)
    .addColumn('withdrawn_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('case_consents_case_idx').on('case_consents').columns(['case_id', 'given_at']).execute();

  await db.schema
    .createTable('case_referrals')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    // The case's agency, kept in step with the case (as case_name_tokens, 0017): the agency's lists and counts read it by index.
    .addColumn('organization_id', t.id, (c) => c.references('organizations.id'))
    .addColumn('service_id', t.id, (c) => c.notNull().references('services.id'))
    .addColumn('reason_sealed', t.text)
    .addColumn('urgency', t.text, (c) => c.notNull())
    .addColumn('shares', t.json, (c) => c.notNull())
    .addColumn('consent_id', t.id, (c) => c.references('case_consents.id'))
    .addColumn('override_reason_sealed', t.text)
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('answer_sealed', t.text)
    .addColumn('delivered', t.boolean)
    .addColumn('outcome_sealed', t.text)
    .addColumn('referred_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('referred_at', t.timestamp, (c) => c.notNull())
    .addColumn('respond_by', t.timestamp, (c) => c.notNull())
    .addColumn('responded_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('responded_at', t.timestamp)
    .addColumn('outcome_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('outcome_at', t.timestamp)
    .addColumn('closed_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('closed_at', t.timestamp)
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_referrals_case_idx').on('case_referrals').columns(['case_id', 'referred_at']).execute();
  await db.schema.createIndex('case_referrals_service_idx').on('case_referrals').columns(['service_id', 'status', 'referred_at']).execute();
  // An agency's referrals by status, by when they were (or are) due: the dashboard's lists and counts.
  await db.schema.createIndex('case_referrals_agency_idx').on('case_referrals').columns(['organization_id', 'status', 'respond_by']).execute();
  // An agency's referrals, newest first (the list without a status).
  await db.schema.createIndex('case_referrals_agency_recent_idx').on('case_referrals').columns(['organization_id', 'referred_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_referrals').execute();
  await db.schema.dropTable('case_consents').execute();
}
