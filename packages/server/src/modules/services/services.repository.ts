import type { Db } from '../../db/database.js';
import type { ServicesTable } from '../../db/schema.js';

export type ServiceRow = ServicesTable;
export type ServiceListRow = ServiceRow & { organization_name: string | null };

/** The rows a reader may see: of their countries (null: all), only a provider's own when `providerId` is given. */
export type ServiceScope = { countries: string[] | null; providerId: string | null };

function scoped(db: Db, scope: ServiceScope) {
  let q = db
    .selectFrom('services')
    .leftJoin('organizations', 'organizations.id', 'services.organization_id')
    .selectAll('services')
    .select('organizations.name as organization_name');
  if (scope.countries) q = q.where('services.country_code', 'in', scope.countries.length > 0 ? scope.countries : ['']);
  if (scope.providerId) {
    const providerId = scope.providerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service_providers')
          .select('service_providers.service_id')
          .whereRef('service_providers.service_id', '=', 'services.id')
          .where('service_providers.user_id', '=', providerId),
      ),
    );
  }
  return q;
}

/** The filters SQL narrows by (country, need, province, status); eligibility is checked on the few rows left. */
export async function listServices(
  db: Db,
  scope: ServiceScope,
  filters: { countryCode?: string; type?: string; province?: string; activeOnly: boolean },
): Promise<ServiceListRow[]> {
  let q = scoped(db, scope);
  if (filters.countryCode) q = q.where('services.country_code', '=', filters.countryCode);
  if (filters.type) q = q.where('services.type', '=', filters.type);
  if (filters.province) q = q.where('services.province', '=', filters.province);
  if (filters.activeOnly) q = q.where('services.status', '=', 'active');
  return q.orderBy('services.name').orderBy('services.id').limit(2000).execute();
}

export async function findServiceInScope(db: Db, scope: ServiceScope, id: string): Promise<ServiceListRow | undefined> {
  return scoped(db, scope).where('services.id', '=', id).executeTakeFirst();
}

export async function findService(db: Db, id: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Takes the service's row lock (PostgreSQL) before a change; SQLite's writer lock covers it. */
export async function lockService(db: Db, id: string): Promise<void> {
  await db.updateTable('services').set({ id }).where('id', '=', id).execute();
}

export async function insertService(db: Db, row: ServiceRow): Promise<void> {
  await db.insertInto('services').values(row).execute();
}

export async function updateServiceRow(db: Db, id: string, changes: Partial<Omit<ServiceRow, 'id'>>): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('services').set(changes).where('id', '=', id).execute();
}

export async function allServices(db: Db, countries: string[] | null, countryCode?: string): Promise<ServiceListRow[]> {
  return listServices(db, { countries, providerId: null }, { ...(countryCode ? { countryCode } : {}), activeOnly: false });
}

export async function providersOf(db: Db, serviceIds: string[]): Promise<Array<{ service_id: string; id: string; name: string }>> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('service_providers')
    .innerJoin('users', 'users.id', 'service_providers.user_id')
    .select(['service_providers.service_id', 'users.id', 'users.name'])
    .where('service_providers.service_id', 'in', serviceIds)
    .orderBy('users.name')
    .execute();
}

export async function replaceProviders(db: Db, serviceId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('service_providers').where('service_id', '=', serviceId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('service_providers')
      .values(userIds.map((user_id) => ({ service_id: serviceId, user_id })))
      .execute();
}

export async function isProviderOf(db: Db, serviceId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('service_providers').select('user_id').where('service_id', '=', serviceId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** The accounts among `ids` that exist and are service providers. */
export async function providerAccounts(db: Db, ids: string[]): Promise<Array<{ id: string; role: string; active: unknown; countries: unknown }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'role', 'active', 'countries']).where('id', 'in', ids).execute();
}

export async function userNames(db: Db, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function activeProviderAccounts(db: Db): Promise<Array<{ id: string; name: string; email: string; countries: unknown }>> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'countries'])
    .where('role', '=', 'service_provider')
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}
