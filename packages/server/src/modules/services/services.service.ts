import type { Service, ServiceAddress, ServiceList, zCreateServiceBody, zServiceListQuery, zUpdateCapacityBody, zUpdateServiceBody } from '@hifazat/contract';
import type { z } from 'zod';
import { inTransaction, type Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { forbidden, notFound, ruleViolation } from '../../http/errors.js';
import { seesCountry, seesUserCountries, type Actor } from '../../http/permissions.js';
import { openText, sealText, type DataKeyring } from '../../shared/data-key.js';
import { newId, nowIso } from '../../shared/ids.js';
import { rowPurpose, type SealedColumn } from '../../shared/sealed-columns.js';
import { diff, recordAudit, type Changes } from '../audit/index.js';
import { findOrganizations } from '../organizations/index.js';
import * as repo from './services.repository.js';

export const ADDRESS_PURPOSE = 'services.address';

/** The module's sealed column, for `npx hifazat keys rotate` (registered in index.ts). */
export const SERVICE_SEALED_COLUMNS: SealedColumn[] = [{ table: 'services', idColumn: 'id', column: 'address_sealed', purpose: ADDRESS_PURPOSE }];

type CreateBody = z.output<typeof zCreateServiceBody>;
type UpdateBody = z.output<typeof zUpdateServiceBody>;
type ListQuery = z.output<typeof zServiceListQuery>;
type CapacityBody = z.output<typeof zUpdateCapacityBody>;

/** Fields whose values never go into the audit log (only that they changed): the address and the contact person. */
const SEALED = '‹sealed›';
const PRIVATE_FIELDS = ['address', 'referralContact'];

/** Administrators and supervisors keep the directory. */
export const keepsDirectory = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'supervisor';

/** What the reader may see: their countries; a provider only the services it answers for. */
export function scopeOf(actor: Actor): repo.ServiceScope {
  return { countries: actor.countries, providerId: keepsDirectory(actor) || actor.role !== 'service_provider' ? null : actor.id };
}

export const sealAddress = (keys: DataKeyring, serviceId: string, address: ServiceAddress | null | undefined): string | null =>
  address
    ? sealText(
        keys,
        JSON.stringify({ address1: address.address1, city: address.city ?? null, postalCode: address.postalCode ?? null }),
        rowPurpose(ADDRESS_PURPOSE, serviceId),
      )
    : null;

export function openAddress(keys: DataKeyring, row: Pick<repo.ServiceRow, 'id' | 'address_sealed'>): ServiceAddress | null {
  return row.address_sealed ? (JSON.parse(openText(keys, row.address_sealed, rowPurpose(ADDRESS_PURPOSE, row.id))) as ServiceAddress) : null;
}

/**
 * Whether the reader sees the service's address: an open one everybody; a confidential one (every
 * shelter's) only the keepers and the service's own providers. The referring agency reads it on the
 * referral once the service accepted (addressForAcceptedReferral), not here.
 */
function seesAddress(actor: Actor, row: repo.ServiceRow, providerIds: string[]): boolean {
  return !toBoolean(row.address_confidential) || keepsDirectory(actor) || providerIds.includes(actor.id);
}

/**
 * The address a referral accepted by the service reveals to the referring agency (the referral module
 * has checked that the reader works on the referred case and that the service accepted).
 */
export async function addressForAcceptedReferral(db: Db, keys: DataKeyring, serviceId: string): Promise<ServiceAddress | null> {
  const row = await repo.findService(db, serviceId);
  return row ? openAddress(keys, row) : null;
}

type Providers = Map<string, Array<{ id: string; name: string }>>;

function present(keys: DataKeyring, actor: Actor, row: repo.ServiceListRow, providers: Providers, names: Map<string, string>): Service {
  const own = providers.get(row.id) ?? [];
  const ownIds = own.map((p) => p.id);
  const shown = seesAddress(actor, row, ownIds);
  const address = shown ? openAddress(keys, row) : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type as Service['type'],
    status: row.status as Service['status'],
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    countryCode: row.country_code,
    province: row.province,
    district: row.district,
    eligibility: {
      sexes: fromJson<Service['eligibility']['sexes']>(row.sexes, []),
      minimumAge: row.minimum_age,
      maximumAge: row.maximum_age,
      nationalities: fromJson<string[]>(row.nationalities, []),
      caseKinds: fromJson<Service['eligibility']['caseKinds']>(row.case_kinds, []),
      description: row.eligibility_description,
    },
    languages: fromJson<string[]>(row.languages, []),
    openingHours: fromJson<Service['openingHours']>(row.opening_hours, []),
    open24Hours: toBoolean(row.open_24_hours),
    referralContact: { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
    addressConfidential: toBoolean(row.address_confidential),
    address,
    addressWithheld: !shown && row.address_sealed !== null,
    capacity: {
      bedsTotal: row.beds_total,
      bedsFree: row.beds_free,
      slotsOpen: row.slots_open,
      updatedAt: row.capacity_updated_at,
      updatedBy: row.capacity_updated_by ? { id: row.capacity_updated_by, name: names.get(row.capacity_updated_by) ?? '' } : null,
    },
    providers: own,
    mayEdit: keepsDirectory(actor),
    mayUpdateCapacity: keepsDirectory(actor) || ownIds.includes(actor.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function presentAll(db: Db, keys: DataKeyring, actor: Actor, rows: repo.ServiceListRow[]): Promise<Service[]> {
  const providerRows = await repo.providersOf(
    db,
    rows.map((r) => r.id),
  );
  const providers: Providers = new Map();
  for (const p of providerRows) providers.set(p.service_id, [...(providers.get(p.service_id) ?? []), { id: p.id, name: p.name }]);
  const updaters = [...new Set(rows.map((r) => r.capacity_updated_by).filter((id): id is string => id !== null))];
  const names = new Map((await repo.userNames(db, updaters)).map((u) => [u.id, u.name]));
  return rows.map((row) => present(keys, actor, row, providers, names));
}

/** Whether the service takes in a person of this sex, age and language. Empty lists and missing bounds take everyone. */
function eligible(service: Service, query: ListQuery): boolean {
  const e = service.eligibility;
  if (query.sex && e.sexes.length > 0 && !e.sexes.includes(query.sex)) return false;
  if (query.age !== undefined && e.minimumAge !== null && query.age < e.minimumAge) return false;
  if (query.age !== undefined && e.maximumAge !== null && query.age > e.maximumAge) return false;
  // A language is a need of its own (the person must be understood): only services that list it.
  if (query.language && !service.languages.includes(query.language)) return false;
  return true;
}

export async function listServices(db: Db, keys: DataKeyring, actor: Actor, query: ListQuery): Promise<ServiceList> {
  if (query.countryCode && !seesCountry(actor, query.countryCode)) return { items: [] };
  const scope = scopeOf(actor);
  if (query.mine === 'true') scope.providerId = actor.id;
  const rows = await repo.listServices(db, scope, {
    ...(query.countryCode ? { countryCode: query.countryCode } : {}),
    ...(query.need ? { type: query.need } : {}),
    activeOnly: query.status !== 'all',
  });
  // A service of no province serves the whole country: it answers a search in any province.
  const inProvince = query.province ? rows.filter((r) => r.province === null || r.province === query.province) : rows;
  const services = await presentAll(db, keys, actor, inProvince);
  return { items: services.filter((s) => eligible(s, query)) };
}

/** The service as the reader may see it, or 404 (another country's, or a provider's not its own). */
async function serviceInScope(db: Db, actor: Actor, id: string): Promise<repo.ServiceListRow> {
  const row = await repo.findServiceInScope(db, scopeOf(actor), id);
  if (!row) throw notFound('Service');
  return row;
}

export async function getService(db: Db, keys: DataKeyring, actor: Actor, id: string): Promise<Service> {
  const row = await serviceInScope(db, actor, id);
  const [service] = await presentAll(db, keys, actor, [row]);
  return service as Service;
}

/**
 * The provider accounts named must be active service providers that the keeper could pick from
 * listProviderAccounts: working in one of the keeper's countries (422 otherwise). Naming an account
 * gives it the service's confidential address, so a keeper limited to one country must not hand it to
 * an account of another.
 */
async function checkProviders(db: Db, actor: Actor, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await repo.providerAccounts(db, unique);
  const mayName = (id: string) => {
    const account = found.find((u) => u.id === id);
    return (
      account !== undefined &&
      account.role === 'service_provider' &&
      toBoolean(account.active) &&
      seesUserCountries(actor, fromJson<string[] | null>(account.countries, null))
    );
  };
  const bad = unique.filter((id) => !mayName(id));
  if (bad.length > 0) {
    throw ruleViolation(
      'Providers must be active service_provider accounts of your countries',
      bad.map((id) => ({ path: `providerUserIds.${unique.indexOf(id)}`, message: 'Not a service provider account you may name' })),
    );
  }
  return unique;
}

async function checkOrganization(db: Db, actor: Actor, organizationId: string | null | undefined): Promise<void> {
  if (!organizationId) return;
  const [organization] = await findOrganizations(db, [organizationId]);
  if (!organization || (organization.country_code !== null && !seesCountry(actor, organization.country_code))) {
    throw ruleViolation('No such organisation', [{ path: 'organizationId', message: 'Unknown organisation' }]);
  }
}

function checkCountry(actor: Actor, countryCode: string): void {
  if (!seesCountry(actor, countryCode))
    throw forbidden('You may not keep services of this country', [{ path: 'countryCode', message: 'Not one of your countries' }]);
}

/** The audited changes: values of plain fields, only the names of the private ones. */
export function auditedChanges(before: Service | null, after: Service): Changes {
  const strip = (s: Service | null) => {
    if (!s) return null;
    const { organization, providers, ...rest } = s;
    // Capacity is audited by its own route; what the reader may do is not the service's state.
    const ignored = new Set(['capacity', 'mayEdit', 'mayUpdateCapacity', 'addressWithheld']);
    const kept = Object.fromEntries(Object.entries(rest).filter(([key]) => !ignored.has(key)));
    return { ...kept, organizationId: organization?.id ?? null, providerUserIds: providers.map((p) => p.id) };
  };
  const changes = diff(strip(before), strip(after));
  for (const field of PRIVATE_FIELDS) if (changes[field]) changes[field] = { from: SEALED, to: SEALED };
  return changes;
}

/** The columns a body sets (a shelter's address is always confidential). */
export function columnsOf(body: Partial<CreateBody>, type: string, keys: DataKeyring, id: string, before: repo.ServiceRow | null): Partial<repo.ServiceRow> {
  const c: Partial<repo.ServiceRow> = {};
  if (body.name !== undefined) c.name = body.name;
  if (body.description !== undefined) c.description = body.description ?? null;
  if (body.type !== undefined) c.type = body.type;
  if (body.status !== undefined) c.status = body.status;
  if (body.organizationId !== undefined) c.organization_id = body.organizationId ?? null;
  if (body.countryCode !== undefined) c.country_code = body.countryCode;
  if (body.province !== undefined) c.province = body.province ?? null;
  if (body.district !== undefined) c.district = body.district ?? null;
  if (body.eligibility !== undefined) {
    c.sexes = JSON.stringify([...new Set(body.eligibility.sexes)]);
    c.minimum_age = body.eligibility.minimumAge;
    c.maximum_age = body.eligibility.maximumAge;
    c.nationalities = JSON.stringify([...new Set(body.eligibility.nationalities)]);
    c.case_kinds = JSON.stringify([...new Set(body.eligibility.caseKinds)]);
    c.eligibility_description = body.eligibility.description ?? null;
  }
  if (body.languages !== undefined) c.languages = JSON.stringify([...new Set(body.languages)]);
  if (body.openingHours !== undefined) c.opening_hours = JSON.stringify(body.openingHours);
  if (body.open24Hours !== undefined) c.open_24_hours = body.open24Hours;
  if (body.referralContact !== undefined) {
    c.contact_name = body.referralContact.name ?? null;
    c.contact_phone = body.referralContact.phone ?? null;
    c.contact_email = body.referralContact.email ?? null;
  }
  if (body.address !== undefined) c.address_sealed = sealAddress(keys, id, body.address);
  if (body.bedsTotal !== undefined) c.beds_total = body.bedsTotal;
  const confidential = body.addressConfidential ?? (before ? toBoolean(before.address_confidential) : false);
  c.address_confidential = type === 'shelter' || confidential;
  return c;
}

export function newServiceRow(id: string, now: string): repo.ServiceRow {
  return {
    id,
    organization_id: null,
    name: '',
    description: null,
    type: 'shelter',
    status: 'active',
    country_code: '',
    province: null,
    district: null,
    sexes: '[]',
    minimum_age: null,
    maximum_age: null,
    nationalities: '[]',
    case_kinds: '[]',
    eligibility_description: null,
    languages: '[]',
    opening_hours: '[]',
    open_24_hours: false,
    contact_name: null,
    contact_phone: null,
    contact_email: null,
    location_id: newId(),
    address_sealed: null,
    address_confidential: true,
    beds_total: null,
    beds_free: null,
    slots_open: null,
    capacity_updated_at: null,
    capacity_updated_by: null,
    created_at: now,
    updated_at: now,
  };
}

export async function createService(db: Db, keys: DataKeyring, actor: Actor, body: CreateBody): Promise<Service> {
  checkCountry(actor, body.countryCode);
  return inTransaction(db, async (trx) => {
    await checkOrganization(trx, actor, body.organizationId);
    const providerIds = await checkProviders(trx, actor, body.providerUserIds ?? []);
    const id = newId();
    const row = { ...newServiceRow(id, nowIso()), ...columnsOf(body, body.type, keys, id, null) };
    await repo.insertService(trx, row);
    await repo.replaceProviders(trx, id, providerIds);
    const created = await getService(trx, keys, actor, id);
    await recordAudit(trx, { entityType: 'service', entityId: id, action: 'create', userId: actor.id, changes: auditedChanges(null, created) });
    return created;
  });
}

export async function updateService(db: Db, keys: DataKeyring, actor: Actor, id: string, body: UpdateBody): Promise<Service> {
  return inTransaction(db, async (trx) => {
    await repo.lockService(trx, id);
    const row = await serviceInScope(trx, actor, id);
    if (body.countryCode !== undefined) checkCountry(actor, body.countryCode);
    await checkOrganization(trx, actor, body.organizationId);
    const before = await getService(trx, keys, actor, id);
    await repo.updateServiceRow(trx, id, { ...columnsOf(body, body.type ?? row.type, keys, id, row), updated_at: nowIso() });
    if (body.providerUserIds !== undefined) await repo.replaceProviders(trx, id, await checkProviders(trx, actor, body.providerUserIds));
    const after = await getService(trx, keys, actor, id);
    await recordAudit(trx, { entityType: 'service', entityId: id, action: 'update', userId: actor.id, changes: auditedChanges(before, after) });
    return after;
  });
}

/** Live capacity: the keepers, or one of the service's own provider accounts (anyone else: 404, as if it were not there). */
export async function updateCapacity(db: Db, keys: DataKeyring, actor: Actor, id: string, body: CapacityBody): Promise<Service> {
  return inTransaction(db, async (trx) => {
    await repo.lockService(trx, id);
    const row = await serviceInScope(trx, actor, id);
    if (!keepsDirectory(actor) && !(await repo.isProviderOf(trx, id, actor.id))) throw notFound('Service');
    if (body.bedsFree !== undefined && body.bedsFree !== null && row.beds_total !== null && body.bedsFree > row.beds_total) {
      throw ruleViolation('More free beds than beds', [{ path: 'bedsFree', message: `At most ${row.beds_total}` }]);
    }
    const now = nowIso();
    const changes: Partial<repo.ServiceRow> = { capacity_updated_at: now, capacity_updated_by: actor.id, updated_at: now };
    if (body.bedsFree !== undefined) changes.beds_free = body.bedsFree;
    if (body.slotsOpen !== undefined) changes.slots_open = body.slotsOpen;
    await repo.updateServiceRow(trx, id, changes);
    const audited: Changes = {};
    if (body.bedsFree !== undefined && body.bedsFree !== row.beds_free) audited.bedsFree = { from: row.beds_free, to: body.bedsFree };
    if (body.slotsOpen !== undefined && body.slotsOpen !== row.slots_open) audited.slotsOpen = { from: row.slots_open, to: body.slotsOpen };
    // A confirmation of the same numbers is a change too (the time the capacity was last known).
    if (Object.keys(audited).length === 0) audited.capacityConfirmedAt = { from: row.capacity_updated_at, to: now };
    await recordAudit(trx, { entityType: 'service', entityId: id, action: 'update', userId: actor.id, changes: audited });
    return getService(trx, keys, actor, id);
  });
}

/** The provider accounts a keeper may name: those who work in one of the keeper's countries (or everywhere). */
export async function listProviderAccounts(db: Db, actor: Actor): Promise<{ items: Array<{ id: string; name: string; email: string }> }> {
  const rows = await repo.activeProviderAccounts(db);
  return {
    items: rows.filter((r) => seesUserCountries(actor, fromJson<string[] | null>(r.countries, null))).map(({ id, name, email }) => ({ id, name, email })),
  };
}
