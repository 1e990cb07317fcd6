import type { Organization, OrganizationListQuery } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { OrganizationsTable } from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';

export type OrganizationRow = OrganizationsTable;

export function presentOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    type: row.type,
    countryCode: row.country_code,
    province: row.province,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganizations(db: Db, ids: string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').selectAll().where('id', 'in', ids).execute();
}

/** Organisations with this normalised name or acronym (imports name them either way). */
export async function findOrganizationsByKey(db: Db, key: string): Promise<OrganizationRow[]> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb.or([eb('name_normalized', '=', key), eb('acronym_normalized', '=', key)]))
    .execute();
}

export async function listAllOrganizationKeys(
  db: Db,
): Promise<Array<Pick<OrganizationRow, 'id' | 'name' | 'name_normalized' | 'acronym_normalized' | 'country_code' | 'type'>>> {
  return db.selectFrom('organizations').select(['id', 'name', 'name_normalized', 'acronym_normalized', 'country_code', 'type']).execute();
}

export async function listOrganizations(
  db: Db,
  query: Omit<OrganizationListQuery, 'cursor'> & { qNormalized?: string; countries: string[] | null; after?: Cursor },
): Promise<OrganizationRow[]> {
  let q = db.selectFrom('organizations').selectAll();
  if (query.qNormalized) {
    const like = `%${query.qNormalized}%`;
    q = q.where((eb) => eb.or([eb('name_normalized', 'like', like), eb('acronym_normalized', 'like', like)]));
  }
  if (query.type) q = q.where('type', '=', query.type);
  if (query.countryCode) q = q.where('country_code', '=', query.countryCode);
  if (query.countries) {
    const countries = query.countries;
    q = q.where((eb) => eb.or([eb('country_code', 'is', null), eb('country_code', 'in', countries)]));
  }
  if (query.after) {
    const { sort, id } = query.after;
    q = q.where((eb) => eb.or([eb('name_normalized', '>', sort), eb.and([eb('name_normalized', '=', sort), eb('id', '>', id)])]));
  }
  return q
    .orderBy('name_normalized')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
}

export async function insertOrganization(db: Db, row: OrganizationRow): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function updateOrganizationRow(db: Db, id: string, changes: Partial<Omit<OrganizationRow, 'id'>>): Promise<void> {
  await db.updateTable('organizations').set(changes).where('id', '=', id).execute();
}

export async function deleteOrganizationRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('organizations').where('id', '=', id).execute();
}

/**
 * How many people and events point at an organisation, those of `countries` (null: every country;
 * a person of no country counts as elsewhere) apart from the rest; it can be deleted only when none do.
 */
export async function organizationUsage(db: Db, id: string, countries: string[] | null): Promise<{ visible: number; elsewhere: number }> {
  const [people, events] = await Promise.all([
    db
      .selectFrom('people')
      .select(['country_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', '=', id)
      .groupBy('country_code')
      .execute(),
    db
      .selectFrom('event_organizations')
      .innerJoin('events', 'events.id', 'event_organizations.event_id')
      .select(['events.country_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_organizations.organization_id', '=', id)
      .groupBy('events.country_code')
      .execute(),
  ]);
  const usage = { visible: 0, elsewhere: 0 };
  for (const r of [...people, ...events]) {
    if (countries === null || (r.country_code !== null && countries.includes(r.country_code))) usage.visible += Number(r.n);
    else usage.elsewhere += Number(r.n);
  }
  return usage;
}
