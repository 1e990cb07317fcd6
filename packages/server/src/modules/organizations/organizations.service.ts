import type { CreateOrganizationBody, Organization, OrganizationListQuery, Page, UpdateOrganizationBody } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { changedColumns } from '../../shared/changes.js';
import { decodeCursor, toPage } from '../../shared/pagination.js';
import { diff, recordAudit } from '../audit/index.js';
import { refreshParticipationFacts } from '../participations/index.js';
import * as repo from './organizations.repository.js';

/** An organisation the actor may see, or 404 (not 403: a restricted user should not learn it exists). */
export async function getVisibleOrganization(db: Db, actor: Actor, id: string): Promise<repo.OrganizationRow> {
  const row = await repo.findOrganization(db, id);
  if (!row || (row.country_code !== null && !seesCountry(actor, row.country_code))) throw notFound('Organisation');
  return row;
}

export async function getOrganization(db: Db, actor: Actor, id: string): Promise<Organization> {
  return repo.presentOrganization(await getVisibleOrganization(db, actor, id));
}

export async function listOrganizations(db: Db, actor: Actor, query: OrganizationListQuery): Promise<Page<Organization>> {
  const rows = await repo.listOrganizations(db, {
    ...query,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    countries: actor.countries,
    after: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, (r) => ({ sort: r.name_normalized, id: r.id }), repo.presentOrganization);
}

/**
 * The organisations called `name` (the command line names an agency so): `exact` have that very name;
 * `close` have it ignoring case, accents and spacing, or as their acronym, to suggest when none is exact.
 */
export async function organizationsCalled(db: Db, name: string): Promise<{ exact: Organization[]; close: Organization[] }> {
  const rows = (await repo.findOrganizationsByKey(db, normalizeText(name))).map(repo.presentOrganization);
  const exact = rows.filter((o) => o.name === name.trim());
  return { exact, close: rows.filter((o) => !exact.includes(o)) };
}

async function assertNameFree(db: Db, name: string, countryCode: string | null, exceptId?: string) {
  const same = (await repo.findOrganizationsByKey(db, normalizeText(name))).filter(
    (o) => o.name_normalized === normalizeText(name) && o.country_code === countryCode && o.id !== exceptId,
  );
  if (same.length > 0) throw conflict('An organisation with this name already exists in this country', [{ path: 'name', message: 'Already registered' }]);
}

/**
 * A user limited to some countries names the country of every organisation they add or change: one
 * of no country is international, shared by every country's users, and theirs to change no longer.
 */
function assertCountryGiven(actor: Actor, countryCode: string | null) {
  if (countryCode === null && actor.countries !== null) {
    throw invalid('Choose the country of the organisation', [{ path: 'countryCode', message: 'Required' }]);
  }
}

export async function createOrganization(db: Db, actor: Actor, body: CreateOrganizationBody): Promise<Organization> {
  const countryCode = body.countryCode ?? null;
  assertCountryGiven(actor, countryCode);
  if (countryCode && !seesCountry(actor, countryCode)) throw forbidden('You may not add records for this country');
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, body.name, countryCode);
    const now = nowIso();
    const row: repo.OrganizationRow = {
      id: newId(),
      name: body.name,
      name_normalized: normalizeText(body.name),
      acronym: body.acronym ?? null,
      acronym_normalized: body.acronym ? normalizeText(body.acronym) : null,
      type: body.type,
      country_code: countryCode,
      province: body.province ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertOrganization(trx, row);
    const created = repo.presentOrganization(row);
    await recordAudit(trx, { entityType: 'organization', entityId: row.id, action: 'create', userId: actor.id, changes: diff(null, created) });
    return created;
  });
}

export async function updateOrganization(db: Db, actor: Actor, id: string, body: UpdateOrganizationBody): Promise<Organization> {
  return db.transaction().execute(async (trx) => {
    const before = await getVisibleOrganization(trx, actor, id);
    // An organisation of no country (UNODC, the EU) is shared by every country's users: only a
    // user who works in all countries may change it, or it could vanish from the others' lists.
    if (before.country_code === null && actor.countries !== null)
      throw forbidden('Only a user who works in all countries may change an international organisation');
    const countryCode = body.countryCode !== undefined ? body.countryCode : before.country_code;
    assertCountryGiven(actor, countryCode);
    if (countryCode && !seesCountry(actor, countryCode)) throw forbidden('You may not move records to this country');
    const name = body.name ?? before.name;
    if (body.name !== undefined || body.countryCode !== undefined) await assertNameFree(trx, name, countryCode, id);
    const acronym = body.acronym !== undefined ? body.acronym : before.acronym;
    const changes: Partial<repo.OrganizationRow> = {
      name,
      name_normalized: normalizeText(name),
      acronym,
      acronym_normalized: acronym ? normalizeText(acronym) : null,
      type: body.type ?? before.type,
      country_code: countryCode,
      province: body.province !== undefined ? body.province : before.province,
      updated_at: nowIso(),
    };
    await repo.updateOrganizationRow(trx, id, changedColumns(before, changes, ['updated_at']));
    if (changes.type !== before.type) await refreshParticipationFacts(trx, { organizationId: id });
    const after = repo.presentOrganization({ ...before, ...changes });
    await recordAudit(trx, {
      entityType: 'organization',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(repo.presentOrganization(before), after),
    });
    return after;
  });
}

export async function deleteOrganization(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getVisibleOrganization(trx, actor, id);
    // An organisation of no country (UNODC, the EU) is shared by every country's users: only a
    // user who works in all countries may change it, or it could vanish from the others' lists.
    if (before.country_code === null && actor.countries !== null)
      throw forbidden('Only a user who works in all countries may change an international organisation');
    // Records in countries the actor does not work in are not counted aloud: they are someone else's.
    const { visible, elsewhere } = await repo.organizationUsage(trx, id, actor.countries);
    if (elsewhere > 0) {
      throw conflict(
        visible > 0
          ? `This organisation is used by ${visible} people or events, and by records in other countries; change those first`
          : 'This organisation is used by records in other countries; change those first',
      );
    }
    if (visible > 0) throw conflict(`This organisation is used by ${visible} people or events; change those first`);
    await repo.deleteOrganizationRow(trx, id);
    await recordAudit(trx, {
      entityType: 'organization',
      entityId: id,
      action: 'delete',
      userId: actor.id,
      changes: diff(repo.presentOrganization(before), null),
    });
  });
}
