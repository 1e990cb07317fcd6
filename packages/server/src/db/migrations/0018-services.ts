import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * The service directory (issue 13), after Open Referral HSDS 3.0.
 *
 * - services: one HSDS service, its organisation (the register's `organizations`, which are the
 *   agencies already), one HSDS location (`location_id`, kept stable for export and import), the
 *   eligibility facets (`sexes`, `minimum_age`, `maximum_age`, `nationalities`, `case_kinds` and
 *   the free `eligibility_description`), languages, opening hours (HSDS schedules), the referral
 *   contact, and live capacity. The address is sealed with the data key (`address_sealed`); a
 *   confidential one (every shelter's) is shown only to those who must know it.
 * - service_providers: the `service_provider` accounts that answer for a service: they update its
 *   capacity, and referrals to the service will reach them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema
    .createTable('services')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('organization_id', t.id, (c) => c.references('organizations.id'))
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('description', t.text)
    .addColumn('type', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('country_code', t.text, (c) => c.notNull())
    .addColumn('province', t.text)
    .addColumn('district', t.text)
    .addColumn('sexes', t.json, (c) => c.notNull())
    .addColumn('minimum_age', t.integer)
    .addColumn('maximum_age', t.integer)
    .addColumn('nationalities', t.json, (c) => c.notNull())
    .addColumn('case_kinds', t.json, (c) => c.notNull())
    .addColumn('eligibility_description', t.text)
    .addColumn('languages', t.json, (c) => c.notNull())
    .addColumn('opening_hours', t.json, (c) => c.notNull())
    .addColumn('open_24_hours', t.boolean, (c) => c.notNull())
    .addColumn('contact_name', t.text)
    .addColumn('contact_phone', t.text)
    .addColumn('contact_email', t.text)
    .addColumn('location_id', t.id, (c) => c.notNull())
    .addColumn('address_sealed', t.text)
    .addColumn('address_confidential', t.boolean, (c) => c.notNull())
    .addColumn('beds_total', t.integer)
    .addColumn('beds_free', t.integer)
    .addColumn('slots_open', t.integer)
    .addColumn('capacity_updated_at', t.timestamp)
    .addColumn('capacity_updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Finding a service: by country and need first, the other filters on the few rows left.
  await db.schema.createIndex('services_country_type_idx').on('services').columns(['country_code', 'type', 'province']).execute();
  await db.schema.createIndex('services_organization_idx').on('services').columns(['organization_id']).execute();

  await db.schema
    .createTable('service_providers')
    .addColumn('service_id', t.id, (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('service_providers_pk', ['service_id', 'user_id'])
    .execute();
  // A provider's own services (its capacity page, later its referrals).
  await db.schema.createIndex('service_providers_user_idx').on('service_providers').columns(['user_id', 'service_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_providers').execute();
  await db.schema.dropTable('services').execute();
}
