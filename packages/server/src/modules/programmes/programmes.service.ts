import type { CreateProgrammeBody, Page, Programme, ProgrammeListQuery, UpdateProgrammeBody } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { decodeCursor, toPage } from '../../shared/pagination.js';
import { diff, recordAudit } from '../audit/index.js';
import * as repo from './programmes.repository.js';

const visibleTo = (actor: Actor, countries: string[]) =>
  actor.countries === null || countries.length === 0 || countries.some((c) => actor.countries?.includes(c));

export async function getVisibleProgramme(db: Db, actor: Actor, id: string): Promise<Programme> {
  const row = await repo.findProgramme(db, id);
  const countries = row ? ((await repo.countriesOf(db, [id])).get(id) ?? []) : [];
  if (!row || !visibleTo(actor, countries)) throw notFound('Programme');
  return repo.presentProgramme(row, countries);
}

/** A programme's name for an export's filters; null when the user may not see it (nothing then matches it). */
export async function visibleProgrammeName(db: Db, actor: Actor, id: string): Promise<string | null> {
  const row = await repo.findProgramme(db, id);
  if (!row || !visibleTo(actor, (await repo.countriesOf(db, [id])).get(id) ?? [])) return null;
  return row.name;
}

export async function listProgrammes(db: Db, actor: Actor, query: ProgrammeListQuery): Promise<Page<Programme>> {
  const rows = await repo.listProgrammes(db, {
    ...query,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    countries: actor.countries,
    after: decodeCursor(query.cursor),
  });
  const countries = await repo.countriesOf(
    db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({ sort: r.name_normalized, id: r.id }),
    (r) => repo.presentProgramme(r, countries.get(r.id) ?? []),
  );
}

function assertCountriesAllowed(actor: Actor, countries: string[]) {
  if (actor.countries === null) return;
  if (countries.length === 0 || countries.some((c) => !actor.countries?.includes(c))) throw forbidden('You may only add programmes in your own countries');
}

export async function createProgramme(db: Db, actor: Actor, body: CreateProgrammeBody): Promise<Programme> {
  const countries = body.countries ?? actor.countries ?? [];
  assertCountriesAllowed(actor, countries);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row: repo.ProgrammeRow = {
      id: newId(),
      name: body.name,
      name_normalized: normalizeText(body.name),
      donor: body.donor ?? null,
      start_date: body.startDate ?? null,
      end_date: body.endDate ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertProgramme(trx, row, countries);
    const created = repo.presentProgramme(row, [...new Set(countries)].sort());
    await recordAudit(trx, { entityType: 'programme', entityId: row.id, action: 'create', userId: actor.id, changes: diff(null, created) });
    return created;
  });
}

export async function updateProgramme(db: Db, actor: Actor, id: string, body: UpdateProgrammeBody): Promise<Programme> {
  return db.transaction().execute(async (trx) => {
    const before = await getVisibleProgramme(trx, actor, id);
    const startDate = body.startDate !== undefined ? body.startDate : before.startDate;
    const endDate = body.endDate !== undefined ? body.endDate : before.endDate;
    if (startDate && endDate && endDate < startDate)
      throw invalid('The end date is before the start date', [{ path: 'endDate', message: 'Before the start date' }]);
    if (body.countries) {
      assertCountriesAllowed(actor, body.countries);
      // A user limited to some countries changes only those: the programme's other countries stay,
      // or their users would lose sight of the programme their events belong to.
      if (actor.countries !== null && before.countries.length === 0) {
        throw forbidden('Only a user who works in every country may limit a programme of every country');
      }
      const others = actor.countries === null ? [] : before.countries.filter((c) => !actor.countries?.includes(c));
      await repo.replaceCountries(trx, id, [...body.countries, ...others]);
    }
    const name = body.name ?? before.name;
    await repo.updateProgrammeRow(trx, id, {
      name,
      name_normalized: normalizeText(name),
      donor: body.donor !== undefined ? body.donor : before.donor,
      start_date: startDate,
      end_date: endDate,
      updated_at: nowIso(),
    });
    const after = await getVisibleProgramme(trx, actor, id);
    await recordAudit(trx, { entityType: 'programme', entityId: id, action: 'update', userId: actor.id, changes: diff(before, after) });
    return after;
  });
}

export async function deleteProgramme(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getVisibleProgramme(trx, actor, id);
    // Events in countries the actor does not work in are not counted aloud: they are someone else's records.
    const { visible, elsewhere } = await repo.countEventsOf(trx, id, actor.countries);
    if (elsewhere > 0) {
      throw conflict(
        visible > 0
          ? `This programme has ${visible} events, and events in other countries; move or delete them first`
          : 'This programme has events in other countries; move or delete them first',
      );
    }
    if (visible > 0) throw conflict(`This programme has ${visible} events; move or delete them first`);
    await repo.deleteProgrammeRow(trx, id);
    await recordAudit(trx, { entityType: 'programme', entityId: id, action: 'delete', userId: actor.id, changes: diff(before, null) });
  });
}
