/**
 * The directory in Open Referral HSDS's tabular form (HSDS 3.0 Tabular Data Package: one CSV per
 * object, HSDS column names; `openreferral/specification`, schema/simple/schema.csv). What HSDS has no
 * field for (the service type, the sexes and case kinds served, nationalities, the province and
 * district, a confidential address, 24-hour opening) is written as HSDS `attribute` rows of
 * taxonomy terms of a `hifazat` taxonomy (taxonomy_terms.csv), as the HSDS FAQ advises for eligibility.
 * Capacity goes to service_capacities.csv with units.csv (bed, slot), as in HSDS 3.1.
 */
import { createHash } from 'node:crypto';
import { zCreateServiceBody, type CreateServiceBody, type Service, type ServiceImportReport } from '@hifazat/contract';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { roleMay, seesCountry, type Actor } from '../../http/permissions.js';
import { csvLines, type Cell } from '../../shared/spreadsheet.js';
import type { DataKeyring } from '../../shared/data-key.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { inspectZip, writeZip, type ZipEntry } from '../../shared/zip.js';
import { recordAccess, recordAudit } from '../audit/index.js';
import { findOrganizations, insertOrganization, listAllOrganizationKeys } from '../organizations/index.js';
import * as repo from './services.repository.js';
import { auditedChanges, checkProviderChangeGuards, columnsOf, getService, newServiceRow, openAddress, presentAll } from './services.service.js';
import { lookupTable } from '../../shared/lookup-table.js';

/** A stable UUID-shaped id for a name (taxonomy terms, units): the same in every export. */
function stableId(name: string): string {
  const h = createHash('sha256').update(`hifazat-hsds:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const TAXONOMY = 'hifazat';
/** The attribute facets: the taxonomy term of each, its code. */
const FACETS = ['service_type', 'country', 'province', 'district', 'sex_served', 'case_kind', 'nationality', 'confidential_address', 'open_24_hours'] as const;
type Facet = (typeof FACETS)[number];
const termId = (facet: Facet) => stableId(`term:${facet}`);
const unitId = (unit: 'bed' | 'slot') => stableId(`unit:${unit}`);

const LANGUAGE_NAMES = lookupTable<string>({
  ur: 'Urdu',
  en: 'English',
  ps: 'Pashto',
  sd: 'Sindhi',
  pa: 'Punjabi',
  bal: 'Balochi',
  skr: 'Saraiki',
  fa: 'Persian',
  prs: 'Dari',
  bn: 'Bengali',
  ar: 'Arabic',
});

/** HSDS 3.0 column names of each file written (and read back). */
export const HSDS_COLUMNS = {
  'organizations.csv': ['id', 'name', 'alternate_name', 'description', 'email', 'website'],
  'services.csv': [
    'id',
    'organization_id',
    'name',
    'alternate_name',
    'description',
    'email',
    'status',
    'eligibility_description',
    'minimum_age',
    'maximum_age',
    'last_modified',
  ],
  'locations.csv': ['id', 'location_type', 'organization_id', 'name', 'description'],
  'addresses.csv': ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
  'service_at_locations.csv': ['id', 'service_id', 'location_id', 'description'],
  'languages.csv': ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
  'schedules.csv': ['id', 'service_id', 'location_id', 'service_at_location_id', 'freq', 'byday', 'opens_at', 'closes_at', 'description'],
  'contacts.csv': ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'],
  'phones.csv': ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
  'taxonomy_terms.csv': ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
  'attributes.csv': ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value', 'label'],
  'units.csv': ['id', 'name', 'scheme', 'identifier', 'uri'],
  'service_capacities.csv': ['id', 'service_id', 'unit_id', 'available', 'maximum', 'description', 'updated'],
} as const;
type FileName = keyof typeof HSDS_COLUMNS;

const TERM_DESCRIPTIONS: Record<Facet, string> = {
  service_type: 'Hifazat service type: shelter, medical, psychosocial, legal_aid, interpretation, return_reintegration, livelihood, child_protection',
  country: 'Country where the service is given (ISO 3166-1 alpha-2)',
  province: 'Province where the service is given (none: the whole country)',
  district: 'District where the service is given',
  sex_served: 'A sex the service takes in (none listed: every sex)',
  case_kind: 'Takes in victims of trafficking or smuggled migrants (none listed: both)',
  nationality: 'A nationality the service takes in (ISO 3166-1 alpha-2; none listed: any)',
  confidential_address: 'The address is confidential (every shelter’s): shown only to those who must know it',
  open_24_hours: 'Open 24 hours a day',
};

function files(rows: Record<FileName, Cell[][]>): ZipEntry[] {
  return (Object.keys(HSDS_COLUMNS) as FileName[]).map((name) => ({ name, data: csvLines([[...HSDS_COLUMNS[name]], ...rows[name]]) }));
}

/** The ZIP's files, confidential addresses left out unless `includeConfidential`. */
export async function exportHsds(
  db: Db,
  keys: DataKeyring,
  actor: Actor,
  options: { countryCode?: string; includeConfidential: boolean },
): Promise<AsyncGenerator<Buffer>> {
  const rows = await repo.allServices(db, actor.countries, options.countryCode);
  const services = await presentAll(db, keys, actor, rows);
  const out = Object.fromEntries(Object.keys(HSDS_COLUMNS).map((k) => [k, [] as Cell[][]])) as Record<FileName, Cell[][]>;
  const organizations = await findOrganizations(db, [...new Set(services.flatMap((s) => (s.organization ? [s.organization.id] : [])))]);
  for (const o of organizations) out['organizations.csv'].push([o.id, o.name, o.acronym, null, null, null]);
  for (const facet of FACETS) out['taxonomy_terms.csv'].push([termId(facet), facet, facet, TERM_DESCRIPTIONS[facet], null, TAXONOMY, 'en', null, null]);
  out['units.csv'].push([unitId('bed'), 'bed', TAXONOMY, 'bed', null], [unitId('slot'), 'slot', TAXONOMY, 'slot', null]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const s of services) {
    const row = byId.get(s.id) as repo.ServiceListRow;
    const orgId = s.organization?.id ?? null;
    out['services.csv'].push([
      s.id,
      orgId,
      s.name,
      null,
      s.description,
      null,
      s.status,
      s.eligibility.description,
      s.eligibility.minimumAge,
      s.eligibility.maximumAge,
      s.updatedAt,
    ]);
    const locationId = row.location_id;
    const salId = stableId(`sal:${s.id}:${locationId}`);
    out['locations.csv'].push([locationId, 'physical', orgId, s.name, s.addressConfidential ? 'Confidential address' : null]);
    out['service_at_locations.csv'].push([salId, s.id, locationId, null]);
    const address = options.includeConfidential || !s.addressConfidential ? openAddress(keys, row) : null;
    if (address || s.province) {
      out['addresses.csv'].push([
        stableId(`address:${locationId}`),
        locationId,
        null,
        address?.address1 ?? null,
        null,
        address?.city ?? null,
        s.district,
        s.province,
        address?.postalCode ?? null,
        s.countryCode,
        'physical',
      ]);
    }
    for (const code of s.languages)
      out['languages.csv'].push([stableId(`language:${s.id}:${code}`), s.id, null, null, LANGUAGE_NAMES[code] ?? code, code, null]);
    s.openingHours.forEach((h, i) =>
      out['schedules.csv'].push([stableId(`schedule:${s.id}:${i}`), s.id, null, null, 'WEEKLY', h.days.join(','), h.opensAt, h.closesAt, null]),
    );
    const contact = s.referralContact;
    if (contact.name || contact.email || contact.phone) {
      const contactId = stableId(`contact:${s.id}`);
      out['contacts.csv'].push([contactId, orgId, s.id, null, null, contact.name, 'Referral contact', null, contact.email]);
      if (contact.phone)
        out['phones.csv'].push([stableId(`phone:${s.id}`), null, s.id, null, contactId, null, contact.phone, null, 'voice', 'Referral contact']);
    }
    const attribute = (facet: Facet, value: string) =>
      out['attributes.csv'].push([stableId(`attribute:${s.id}:${facet}:${value}`), s.id, termId(facet), facet, 'service', value, null]);
    attribute('service_type', s.type);
    attribute('country', s.countryCode);
    if (s.province) attribute('province', s.province);
    if (s.district) attribute('district', s.district);
    for (const sex of s.eligibility.sexes) attribute('sex_served', sex);
    for (const kind of s.eligibility.caseKinds) attribute('case_kind', kind);
    for (const nationality of s.eligibility.nationalities) attribute('nationality', nationality);
    attribute('confidential_address', String(s.addressConfidential));
    if (s.open24Hours) attribute('open_24_hours', 'true');
    const updated = s.capacity.updatedAt;
    if (s.capacity.bedsTotal !== null || s.capacity.bedsFree !== null)
      out['service_capacities.csv'].push([stableId(`capacity:${s.id}:bed`), s.id, unitId('bed'), s.capacity.bedsFree, s.capacity.bedsTotal, null, updated]);
    if (s.capacity.slotsOpen !== null)
      out['service_capacities.csv'].push([stableId(`capacity:${s.id}:slot`), s.id, unitId('slot'), s.capacity.slotsOpen, null, null, updated]);
  }
  // An export of the directory is a read of every service in it; one with confidential addresses is named as such.
  await recordAccess(db, {
    entityType: 'service',
    entityId: null,
    action: 'export',
    userId: actor.id,
    note: `hsds ${services.length} services${options.includeConfidential ? ', confidential addresses included' : ''}`,
  });
  return writeZip(files(out));
}

// ---------------------------------------------------------------------------------------------------
// Import

type Row = { line: number; values: Record<string, string> };
type ImportError = ServiceImportReport['errors'][number];

const MAX_ROWS = 20_000;

/** A cell an export neutralised against spreadsheet formulas ('=…) is read back as it was. */
const unneutralize = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

function parseFile(name: string, text: string, errors: ImportError[]): Row[] {
  let records: string[][];
  try {
    records = parseCsv(text.replace(/\r\n?/g, '\n'), { bom: true, relax_column_count: true, skip_empty_lines: true, to: MAX_ROWS + 1 }) as string[][];
  } catch (error) {
    errors.push({ file: name, line: 0, field: null, message: error instanceof Error ? error.message : 'Unreadable CSV' });
    return [];
  }
  const [header, ...data] = records;
  if (!header) return [];
  const columns = header.map((h) => h.trim().toLowerCase());
  return data.map((cells, index) => ({
    line: index + 2,
    values: Object.fromEntries(columns.map((c, i) => [c, unneutralize((cells[i] ?? '').trim())])),
  }));
}

/** The ZIP's CSV files by base name (folders ignored), refusing a ZIP bomb before inflating it. */
async function readZip(buffer: Buffer): Promise<Map<string, string>> {
  const verdict = await inspectZip(buffer, { maxEntries: 100, maxInflatedBytes: 50 * 1024 * 1024 });
  if (!verdict.ok) {
    throw new AppError('import_invalid', verdict.reason === 'unreadable' ? 'The file is not a ZIP of HSDS CSV files' : 'The ZIP is too large', [
      { path: 'file', message: verdict.reason },
    ]);
  }
  const zip = await JSZip.loadAsync(buffer);
  const texts = new Map<string, string>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const base = entry.name.split('/').pop()?.toLowerCase() ?? '';
    if (base.endsWith('.csv')) texts.set(base, await entry.async('string'));
  }
  if (!texts.has('services.csv')) throw new AppError('import_invalid', 'The ZIP has no services.csv', [{ path: 'file', message: 'services.csv missing' }]);
  return texts;
}

const group = (rows: Row[], key: string) => {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r.values[key] ?? '';
    if (k) map.set(k, [...(map.get(k) ?? []), r]);
  }
  return map;
};

const numberOrNull = (value: string | undefined): number | null | string => {
  if (!value) return null;
  return /^\d+$/.test(value) ? Number(value) : value;
};

/** One service of the file as the create body would have it, with where it came from. */
type Planned = {
  line: number;
  id: string | null;
  locationId: string | null;
  organization: { id: string; name: string } | null;
  body: unknown;
  keepAddress: boolean;
};

function plan(texts: Map<string, string>, errors: ImportError[]): Planned[] {
  const read = (name: FileName) => parseFile(name, texts.get(name) ?? '', errors);
  const services = read('services.csv');
  const organizations = new Map(read('organizations.csv').map((r) => [r.values.id ?? '', r.values.name ?? '']));
  const attributes = group(read('attributes.csv'), 'link_id');
  const terms = new Map(read('taxonomy_terms.csv').map((r) => [r.values.id ?? '', r.values.code ?? '']));
  const languages = group(read('languages.csv'), 'service_id');
  const schedules = group(read('schedules.csv'), 'service_id');
  const contacts = group(read('contacts.csv'), 'service_id');
  const phones = read('phones.csv');
  const links = group(read('service_at_locations.csv'), 'service_id');
  const addresses = group(read('addresses.csv'), 'location_id');
  const capacities = group(read('service_capacities.csv'), 'service_id');
  const units = new Map(read('units.csv').map((r) => [r.values.id ?? '', r.values.name ?? '']));
  const planned: Planned[] = [];
  for (const row of services) {
    const v = row.values;
    const id = v.id ?? '';
    const facet = (name: Facet) =>
      (attributes.get(id) ?? [])
        .filter((a) => (terms.get(a.values.taxonomy_term_id ?? '') ?? a.values.link_type) === name || a.values.taxonomy_term_id === termId(name))
        .map((a) => a.values.value ?? '')
        .filter(Boolean);
    const locationId = links.get(id)?.[0]?.values.location_id ?? null;
    const address = locationId ? addresses.get(locationId)?.[0]?.values : undefined;
    const contact = contacts.get(id)?.[0]?.values;
    const phone = phones.find((p) => (contact?.id && p.values.contact_id === contact.id) || p.values.service_id === id)?.values.number ?? null;
    const beds = (capacities.get(id) ?? []).find((c) => units.get(c.values.unit_id ?? '') === 'bed' || c.values.unit_id === unitId('bed'));
    const country = facet('country')[0] ?? address?.country ?? '';
    const body = {
      name: v.name ?? '',
      description: v.description ?? '',
      type: facet('service_type')[0] ?? '',
      status: v.status || 'active',
      countryCode: country,
      province: facet('province')[0] ?? address?.state_province ?? '',
      district: facet('district')[0] ?? address?.region ?? '',
      eligibility: {
        sexes: facet('sex_served'),
        minimumAge: numberOrNull(v.minimum_age),
        maximumAge: numberOrNull(v.maximum_age),
        nationalities: facet('nationality'),
        caseKinds: facet('case_kind'),
        description: v.eligibility_description ?? '',
      },
      languages: (languages.get(id) ?? []).map((l) => l.values.code ?? ''),
      openingHours: (schedules.get(id) ?? []).map((s) => ({
        days: (s.values.byday ?? '')
          .split(',')
          .map((d) => d.trim().toUpperCase())
          .filter(Boolean),
        opensAt: (s.values.opens_at ?? '').slice(0, 5),
        closesAt: (s.values.closes_at ?? '').slice(0, 5),
      })),
      open24Hours: facet('open_24_hours')[0] === 'true',
      referralContact: { name: contact?.name ?? '', phone: phone ?? '', email: contact?.email ?? '' },
      addressConfidential: facet('confidential_address')[0] === 'true',
      ...(address?.address_1 ? { address: { address1: address.address_1, city: address.city ?? '', postalCode: address.postal_code ?? '' } } : {}),
      bedsTotal: numberOrNull(beds?.values.maximum),
    };
    const orgId = v.organization_id ?? '';
    planned.push({
      line: row.line,
      id: id || null,
      locationId,
      organization: orgId ? { id: orgId, name: organizations.get(orgId) ?? '' } : null,
      body,
      keepAddress: !address?.address_1,
    });
  }
  return planned;
}

const uuid = z.uuid();

class DryRunDone extends Error {}

/**
 * Checks the file, then applies it in one transaction: a dry run (or a file with any error) rolls the
 * transaction back, so that what it reports is exactly what applying would do, and nothing is kept.
 */
export async function importHsds(db: Db, keys: DataKeyring, actor: Actor, buffer: Buffer, dryRun: boolean): Promise<ServiceImportReport> {
  const texts = await readZip(buffer);
  const errors: ImportError[] = [];
  const planned = plan(texts, errors);
  const report: ServiceImportReport = { dryRun, applied: false, created: [], changed: [], unchanged: 0, organizationsCreated: [], errors };
  const seen = new Set<string>();
  const work = async (trx: Db) => {
    const knownOrganizations = await listAllOrganizationKeys(trx);
    for (const p of planned) {
      const problem = (field: string | null, message: string) => errors.push({ file: 'services.csv', line: p.line, field, message });
      if (p.id && !uuid.safeParse(p.id).success) {
        problem('id', 'Not a UUID');
        continue;
      }
      if (p.id && seen.has(p.id)) {
        problem('id', 'The same service twice');
        continue;
      }
      if (p.id) seen.add(p.id);
      const parsed = zCreateServiceBody.safeParse(p.body);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problem(issue.path.join('.') || null, issue.message);
        continue;
      }
      const body = parsed.data;
      if (!seesCountry(actor, body.countryCode)) {
        problem('countryCode', 'Not one of your countries');
        continue;
      }
      // The organisation: this installation's by id or by name, of the service's country (or of none), else a new one.
      let organizationId: string | null = null;
      if (p.organization) {
        const byId = knownOrganizations.find((o) => o.id === p.organization?.id && (o.country_code === body.countryCode || o.country_code === null));
        const byName = p.organization.name
          ? knownOrganizations.find(
              (o) => o.name_normalized === normalizeText(p.organization?.name ?? '') && (o.country_code === body.countryCode || o.country_code === null),
            )
          : undefined;
        const found = byId ?? byName;
        if (found) organizationId = found.id;
        else if (!p.organization.name) {
          problem('organization_id', 'Unknown organisation, and organizations.csv does not name it');
          continue;
        } else if (!roleMay(actor.role, 'organizations.create')) {
          // The register's organisations are added by those who may (supervisors may not): add it first, then import.
          problem('organization_id', `Unknown organisation "${p.organization.name}": an administrator or programme manager adds it first`);
          continue;
        } else {
          const now = nowIso();
          const created = {
            id: uuid.safeParse(p.organization.id).success ? p.organization.id : newId(),
            name: p.organization.name,
            name_normalized: normalizeText(p.organization.name),
            acronym: null,
            acronym_normalized: null,
            // Its kind is not in HSDS: 'other' until someone who knows it says (listed in the report for that).
            type: 'other' as const,
            country_code: body.countryCode,
            province: null,
            created_at: now,
            updated_at: now,
          };
          await insertOrganization(trx, created);
          await recordAudit(trx, {
            entityType: 'organization',
            entityId: created.id,
            action: 'create',
            userId: actor.id,
            changes: { name: { from: null, to: created.name } },
          });
          knownOrganizations.push(created);
          report.organizationsCreated.push({ id: created.id, name: created.name });
          organizationId = created.id;
        }
      }
      const input: CreateServiceBody = { ...body, organizationId };
      const existing = p.id ? await repo.findService(trx, p.id) : undefined;
      if (existing && !seesCountry(actor, existing.country_code)) {
        problem('id', 'A service of another country has this id');
        continue;
      }
      if (existing) {
        // A change of status goes through the same checks as the form's (referrals: another agency's live ones).
        if (body.status !== undefined && body.status !== existing.status) {
          const refused = await checkProviderChangeGuards(trx, actor, existing.id).then(
            () => null,
            (error: unknown) => (error instanceof AppError ? error.message : 'Refused'),
          );
          if (refused) {
            problem('status', refused);
            continue;
          }
        }
        const before = await getService(trx, keys, actor, existing.id);
        const { address, ...rest } = zCreateServiceBody.parse(input);
        const columns = columnsOf(p.keepAddress ? rest : { ...rest, address }, body.type, keys, existing.id, existing);
        await repo.updateServiceRow(trx, existing.id, columns);
        const after = await getService(trx, keys, actor, existing.id);
        const changes = auditedChanges(before, after);
        if (Object.keys(changes).length === 0) {
          report.unchanged += 1;
          continue;
        }
        await repo.updateServiceRow(trx, existing.id, { updated_at: nowIso() });
        await recordAudit(trx, { entityType: 'service', entityId: existing.id, action: 'update', userId: actor.id, changes, note: 'hsds import' });
        report.changed.push({ id: existing.id, name: after.name, fields: Object.keys(changes).sort() });
      } else {
        const id = p.id ?? newId();
        const row = { ...newServiceRow(id, nowIso()), ...columnsOf(zCreateServiceBody.parse(input), body.type, keys, id, null) };
        if (p.locationId && uuid.safeParse(p.locationId).success) row.location_id = p.locationId;
        await repo.insertService(trx, row);
        const created: Service = await getService(trx, keys, actor, id);
        await recordAudit(trx, {
          entityType: 'service',
          entityId: id,
          action: 'create',
          userId: actor.id,
          changes: auditedChanges(null, created),
          note: 'hsds import',
        });
        report.created.push({ id, name: created.name });
      }
    }
    if (dryRun || errors.length > 0) throw new DryRunDone();
  };
  try {
    await db.transaction().execute(work);
    report.applied = true;
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  }
  if (!dryRun && errors.length > 0) {
    throw new AppError(
      'import_invalid',
      'The file has errors: nothing was imported',
      errors.slice(0, 100).map((e) => ({ path: e.file, line: e.line, ...(e.field ? { column: e.field } : {}), message: e.message })),
    );
  }
  return report;
}
