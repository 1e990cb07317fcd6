import { sql } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { createMigrator, migrateToLatest, migrations } from '../../db/migrator.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import type { Engine } from '../../db/dialect.js';
import { newId } from '../../shared/ids.js';
import { canonicalFieldChange, canonicalJson, canonicalObjectText, entryHash, GENESIS_HASH } from './audit.chain.js';
import { listAccess, listHistory, recordAccess, recordAudit, recordAuditMany, verifyChain } from './audit.repository.js';

describe('the canonical form', () => {
  it('does not depend on the order of keys, nested or not, and leaves arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }));
    expect(canonicalJson({ x: undefined, y: 'علی' })).toBe('{"y":"علی"}');
  });

  it('writes large objects and arrays (an import’s entry) exactly as small ones: keys sorted, undefined left out', () => {
    // Keys in reverse order, every 7th undefined, values of every kind; sizes on both sides of where the joining starts.
    for (const size of [1, 64, 65, 5000]) {
      const object: Record<string, unknown> = {};
      for (let i = size - 1; i >= 0; i -= 1)
        object[`participant:${String(i).padStart(5, '0')}`] = i % 7 === 0 ? undefined : { to: { name: `N${i}`, n: i, ok: i % 2 === 0 } };
      const sortedKeys = Object.keys(object)
        .filter((k) => object[k] !== undefined)
        .sort();
      const expected = `{${sortedKeys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(object[k])}`).join(',')}}`.replace(
        /"to":\{"name":("N\d+"),"n":(\d+),"ok":(true|false)\}/g,
        '"to":{"n":$2,"name":$1,"ok":$3}',
      );
      expect(canonicalJson(object)).toBe(expected);
      const array = Array.from({ length: size }, (_, i) => (i % 5 === 0 ? null : { b: i, a: [i] }));
      expect(canonicalJson(array)).toBe(JSON.stringify(array.map((v) => (v === null ? null : { a: v.a, b: v.b }))));
    }
  });

  it('gives what the value becomes through JSON, without the round trip: dates as text, undefined, functions and symbols left out', () => {
    // Values of every kind JSON.stringify accepts, JSON's own and those it changes (the history's changes
    // come from code: a Date, an optional field left undefined). Large objects and arrays included.
    const { value: anything } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom<unknown>(null, undefined, Number.NaN, -0, Infinity, () => 1, Symbol('s'), true),
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary' }),
        fc.double(),
        fc.integer(),
        fc.date({ noInvalidDate: true }),
        fc.constantFrom<unknown>(new Number(3), new String('boxed'), new Boolean(false), { toJSON: () => ({ b: 1, a: [undefined] }) }),
        fc.array(tie('value'), { maxLength: 80 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 80 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), anything), (value) => {
        expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
      }),
      { numRuns: 500 },
    );
    // Against the definition written out plainly (the round trip, then every object's keys sorted),
    // and on objects whose keys come sorted already, as code writes most changes, at every depth.
    const written = (x: unknown): string =>
      Array.isArray(x)
        ? `[${x.map(written).join(',')}]`
        : x !== null && typeof x === 'object'
          ? `{${Object.keys(x)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${written((x as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(x);
    const definition = (v: unknown) => written(JSON.parse(JSON.stringify(v)));
    const inKeyOrder = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(inKeyOrder);
      if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = inKeyOrder((v as Record<string, unknown>)[k]);
      return sorted;
    };
    fc.assert(
      fc.property(fc.dictionary(fc.string(), anything), fc.boolean(), (value, sorted) => {
        const input = sorted ? inKeyOrder(value) : value;
        expect(canonicalJson(input)).toBe(definition(input));
      }),
      { numRuns: 1000 },
    );
    expect(canonicalJson({ at: new Date('2025-06-10T00:00:00Z'), gone: undefined, f: () => 1 })).toBe('{"at":"2025-06-10T00:00:00.000Z"}');
    // Arrays with a toJSON of their own (set on one, or a subclass's), and a toJSON that gives such
    // an array: JSON.stringify calls the first and not the second; the canonical form says the same.
    const withOwn = Object.assign([1], { toJSON: () => ({ b: 1, a: 2 }) });
    class Tags extends Array<string> {
      toJSON() {
        return { zone: 'b', area: 'a' };
      }
    }
    const gives = { toJSON: () => Object.assign([1], { toJSON: () => 'twice' }) };
    expect(canonicalJson({ k: withOwn })).toBe('{"k":{"a":2,"b":1}}');
    expect(canonicalJson([withOwn])).toBe('[{"a":2,"b":1}]');
    expect(canonicalJson({ t: Tags.from(['x']) })).toBe('{"t":{"area":"a","zone":"b"}}');
    expect(canonicalJson({ k: gives })).toBe(canonicalJson(JSON.parse(JSON.stringify({ k: gives }))));
    expect(canonicalJson({ k: gives })).toBe('{"k":[1]}');
    // Holes in a short and a long array (the long one is joined at once): null, as JSON writes them.
    for (const length of [3, 70]) {
      const holes = Object.assign(new Array<unknown>(length), { 1: { b: 1, a: 2 } });
      expect(canonicalJson(holes)).toBe(definition(holes));
    }
  });

  it('writes an object given as keys in order, without the object, as canonicalJson writes the object', () => {
    const value = fc.oneof(
      fc.constantFrom<unknown>(null, undefined, true, () => 1, new Date('2025-06-10T00:00:00Z')),
      fc.string({ unit: 'grapheme' }),
      fc.integer(),
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)), { maxKeys: 6 }),
      fc.array(fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ unit: 'binary' }), value), { selector: ([key]) => key, maxLength: 100 }), (pairs) => {
        // Sorted by UTF-16 code units, as Array.prototype.sort orders strings.
        const entries = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        expect(canonicalObjectText(entries)).toBe(canonicalJson(Object.fromEntries(entries)));
      }),
      { numRuns: 1000 },
    );
    // One field's change of plain values, written at once: the same text.
    const plain = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), plain, plain, (field, from, to) => {
        expect(canonicalFieldChange(field, from, to)).toBe(canonicalJson({ [field]: { from, to } }));
      }),
      { numRuns: 1000 },
    );
    // An import's entry: the list of who was added, then the count ('participant:…' sorts first).
    const entries: Array<[string, unknown]> = [
      ['participant:0a', { from: null, to: { role: 'participant', name: 'علی' } }],
      ['participant:0b', { from: null, to: { name: 'Sana', role: 'trainer' } }],
      ['participants', { from: null, to: 2 }],
    ];
    expect(canonicalObjectText(entries)).toBe(
      '{"participant:0a":{"from":null,"to":{"name":"علی","role":"participant"}},"participant:0b":{"from":null,"to":{"name":"Sana","role":"trainer"}},"participants":{"from":null,"to":2}}',
    );
    // Keys out of order, or twice, would not be the canonical form: refused.
    expect(() => canonicalObjectText([entries[1]!, entries[0]!])).toThrow('comes after');
    expect(() => canonicalObjectText([entries[0]!, entries[0]!])).toThrow('comes after');
  });

  it('hashes every field and the previous hash', () => {
    const entry = {
      seq: 1,
      prev_hash: GENESIS_HASH,
      id: 'a',
      at: '2026-01-01T00:00:00.000Z',
      entity_type: 'person',
      entity_id: 'p',
      action: 'update',
      user_id: null,
      note: null,
      changes: { x: { from: 1, to: 2 } },
    };
    const hash = entryHash(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const changed of [
      { seq: 2 },
      { prev_hash: '1'.repeat(64) },
      { note: 'n' },
      { user_id: 'u' },
      { changes: { x: { from: 1, to: 3 } } },
      { entity_id: null },
    ]) {
      expect(entryHash({ ...entry, ...changed })).not.toBe(hash);
    }
  });
});

const change = (entityId: string, to: unknown) => ({
  entityType: 'person' as const,
  entityId,
  action: 'update' as const,
  userId: null,
  changes: { designation: { from: null, to } },
});

/** Runs raw statements on audit_log with its append-only triggers off, as someone with the database's keys could. */
async function withoutTriggers(db: Db, engine: Engine, work: () => Promise<void>): Promise<void> {
  if (engine === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    try {
      await work();
    } finally {
      await sql`alter table audit_log enable trigger user`.execute(db);
    }
    return;
  }
  await sql`drop trigger audit_log_no_update`.execute(db);
  await sql`drop trigger audit_log_no_delete`.execute(db);
  try {
    await work();
  } finally {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`.execute(
      db,
    );
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`.execute(
      db,
    );
  }
}

describe.each(testEngines())('the audit chain on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
  });
  afterAll(async () => handle.destroy());

  it('is intact after single entries, a batch and access entries, each chained onto the last', async () => {
    expect(await verifyChain(db)).toEqual({ intact: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
    const person = newId();
    await db.transaction().execute((trx) => recordAudit(trx, change(person, 'Inspector')));
    await recordAudit(db, change(person, 'Sub-Inspector')); // outside a transaction it opens one
    await db.transaction().execute((trx) =>
      recordAuditMany(
        trx,
        Array.from({ length: 2500 }, (_, i) => change(newId(), `row ${i}`)),
      ),
    );
    await recordAccess(db, { entityType: 'report', entityId: null, action: 'export', userId: null, note: '{"report":"programme"}' });
    await recordAccess(db, { entityType: 'person', entityId: person, action: 'view', userId: null });
    const verdict = await verifyChain(db);
    expect(verdict).toMatchObject({ intact: true, entries: 2504 });
    const rows = await db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2504 }, (_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const head = await db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 2504, hash: rows.at(-1)?.hash });
  });

  it('keeps access entries out of a record’s history and lists them apart', async () => {
    const person = newId();
    await recordAudit(db, { entityType: 'person', entityId: person, action: 'create', userId: null, changes: { fullName: { from: null, to: 'Ali' } } });
    await recordAccess(db, { entityType: 'person', entityId: person, action: 'view', userId: null, note: 'case file' });
    expect((await listHistory(db, 'person', person)).map((h) => h.action)).toEqual(['create']);
    expect(await listAccess(db, 'person', person)).toEqual([expect.objectContaining({ action: 'view', note: 'case file', userId: null })]);
  });

  it('writes nothing for an update that changed nothing and says nothing, but keeps one with a note', async () => {
    const person = newId();
    const before = await verifyChain(db);
    await recordAudit(db, { entityType: 'person', entityId: person, action: 'update', userId: null, changes: {} });
    await recordAuditMany(db, [{ entityType: 'person', entityId: person, action: 'update', userId: null, changes: {} }]);
    expect(await listHistory(db, 'person', person)).toEqual([]);
    expect((await verifyChain(db)).entries).toBe(before.entries);
    await recordAudit(db, { entityType: 'person', entityId: person, action: 'update', userId: null, changes: {}, note: 'checked, nothing to change' });
    expect(await listHistory(db, 'person', person)).toHaveLength(1);
  });

  it('is found intact while entries are appended during the walk (the head read after the entries counts new ones)', async () => {
    // Enough entries for several batches of the walk, so that writes land between its reads.
    await recordAuditMany(
      db,
      Array.from({ length: 2500 }, (_, i) => change(newId(), `batch ${i}`)),
    );
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await recordAudit(db, change(newId(), `during ${written}`));
        written += 1;
      }
    })();
    const verdicts: Awaited<ReturnType<typeof verifyChain>>[] = [];
    for (let i = 0; i < 15; i += 1) verdicts.push(await verifyChain(db));
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(15);
    expect(verdicts.filter((v) => !v.intact)).toEqual([]);
    expect(await verifyChain(db)).toMatchObject({ intact: true });
  });

  it('refuses UPDATE and DELETE of audit rows', async () => {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = await count();
    await expect(sql`update audit_log set note = 'rewritten'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    if (engine === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(rows);
    expect((await verifyChain(db)).intact).toBe(true);
  });

  it('names the first broken entry when a row’s changes were rewritten behind its back', async () => {
    const target = await db.selectFrom('audit_log').select(['id', 'seq', 'at', 'changes']).where('seq', '=', 3).executeTakeFirstOrThrow();
    await withoutTriggers(db, engine, async () => {
      await sql`update audit_log set changes = ${JSON.stringify({ designation: { from: null, to: 'Forged' } })} where seq = 3`.execute(db);
    });
    expect(await verifyChain(db)).toEqual({
      intact: false,
      entries: 2,
      broken: { seq: 3, id: target.id, at: target.at, reason: expect.stringMatching(/do not match its hash/) },
    });
    // Put it back: the chain is whole again.
    await withoutTriggers(db, engine, async () => {
      await sql`update audit_log set changes = ${typeof target.changes === 'string' ? target.changes : JSON.stringify(target.changes)} where seq = 3`.execute(
        db,
      );
    });
    expect((await verifyChain(db)).intact).toBe(true);
  });

  it('stores changes as canonical text, and still verifies the same value written with other key order and spacing', async () => {
    const person = newId();
    await recordAudit(db, {
      entityType: 'person',
      entityId: person,
      action: 'update',
      userId: null,
      changes: { phone: { to: 'b', from: 'a' }, email: { to: null, from: 'x' } },
    });
    const row = await db.selectFrom('audit_log').select(['seq', 'changes']).where('entity_id', '=', person).executeTakeFirstOrThrow();
    if (engine === 'sqlite') expect(row.changes).toBe('{"email":{"from":"x","to":null},"phone":{"from":"a","to":"b"}}');
    // The same value as another writer (an entry from before canonical storage, an engine's JSON) would spell it.
    const respelled = '{ "phone": {"to": "b", "from": "a"}, "email": {"to": null, "from": "x"} }';
    await withoutTriggers(db, engine, async () => {
      await sql`update audit_log set changes = ${respelled} where seq = ${row.seq}`.execute(db);
    });
    expect((await verifyChain(db)).intact).toBe(true);
    // A different value is still caught, however it is spelled.
    await withoutTriggers(db, engine, async () => {
      await sql`update audit_log set changes = ${'{ "phone": {"to": "c", "from": "a"}, "email": {"to": null, "from": "x"} }'} where seq = ${row.seq}`.execute(
        db,
      );
    });
    expect(await verifyChain(db)).toMatchObject({ intact: false, broken: { seq: Number(row.seq) } });
    await withoutTriggers(db, engine, async () => {
      await sql`update audit_log set changes = ${respelled} where seq = ${row.seq}`.execute(db);
    });
    expect((await verifyChain(db)).intact).toBe(true);
  });

  it('names a forged row added at the end, and one chained properly but without taking the head', async () => {
    const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const seq = Number(last.seq) + 1;
    const forged = {
      id: newId(),
      seq,
      entity_type: 'person',
      entity_id: newId(),
      action: 'delete',
      user_id: null,
      at: new Date().toISOString(),
      changes: '{}',
      note: null,
      prev_hash: last.hash,
      hash: 'f'.repeat(64),
    };
    await db.insertInto('audit_log').values(forged).execute();
    expect(await verifyChain(db)).toMatchObject({
      intact: false,
      broken: { seq, id: forged.id, at: forged.at, reason: expect.stringMatching(/do not match its hash/) },
    });
    await withoutTriggers(db, engine, async () => {
      await db.deleteFrom('audit_log').where('id', '=', forged.id).execute();
    });

    const skilful = { ...forged, id: newId(), hash: '' };
    skilful.hash = entryHash({ ...skilful, changes: {} });
    await db.insertInto('audit_log').values(skilful).execute();
    expect(await verifyChain(db)).toMatchObject({
      intact: false,
      broken: { seq, id: skilful.id, reason: expect.stringMatching(/head does not point at the last entry/) },
    });
    await withoutTriggers(db, engine, async () => {
      await db.deleteFrom('audit_log').where('id', '=', skilful.id).execute();
    });
    expect((await verifyChain(db)).intact).toBe(true);
  });

  it('names the entry after one removed from the middle, and a chain cut short at the end', async () => {
    const removed = await db.selectFrom('audit_log').selectAll().where('seq', '=', 10).executeTakeFirstOrThrow();
    const next = await db.selectFrom('audit_log').select(['id', 'at']).where('seq', '=', 11).executeTakeFirstOrThrow();
    await withoutTriggers(db, engine, async () => {
      await db.deleteFrom('audit_log').where('seq', '=', 10).execute();
    });
    expect(await verifyChain(db)).toEqual({
      intact: false,
      entries: 9,
      broken: { seq: 11, id: next.id, at: next.at, reason: 'entry 11 follows entry 9: entry 10 is missing' },
    });
    await db
      .insertInto('audit_log')
      .values({ ...removed, changes: typeof removed.changes === 'string' ? removed.changes : JSON.stringify(removed.changes) })
      .execute();
    expect((await verifyChain(db)).intact).toBe(true);

    const last = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await withoutTriggers(db, engine, async () => {
      await db.deleteFrom('audit_log').where('id', '=', last.id).execute();
    });
    expect(await verifyChain(db)).toMatchObject({
      intact: false,
      broken: { seq: Number(last.seq) - 1, reason: expect.stringMatching(/entries after it are missing/) },
    });
    await db
      .insertInto('audit_log')
      .values({ ...last, changes: typeof last.changes === 'string' ? last.changes : JSON.stringify(last.changes) })
      .execute();
    expect((await verifyChain(db)).intact).toBe(true);
  });

  it('never forks: 20 transactions writing at once leave one chain', async () => {
    const before = (await verifyChain(db)).entries;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await recordAudit(trx, change(newId(), `parallel ${i}`));
          await new Promise((resolve) => setTimeout(resolve, 5));
          await recordAuditMany(trx, [change(newId(), `parallel ${i} a`), change(newId(), `parallel ${i} b`)]);
        }),
      ),
    );
    expect(await verifyChain(db)).toMatchObject({ intact: true, entries: before + 60 });
  });
});

describe.each(testEngines())('upgrading a database with history on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  afterAll(async () => handle.destroy());

  it('chains the entries written before migration 0005 in their order (at, id), and verify passes', async () => {
    handle = await createTestDatabase(engine, { migrate: false });
    const db = handle.db;
    const migrated = await createMigrator(db).migrateTo('0004-attendance-days-decide');
    expect(migrated.error).toBeUndefined();
    const rows = [
      { id: '0194a000-0000-7000-8000-000000000003', at: '2025-01-02T00:00:00.000Z', note: null },
      { id: '0194a000-0000-7000-8000-000000000001', at: '2025-01-03T00:00:00.000Z', note: 'merged' },
      { id: '0194a000-0000-7000-8000-000000000002', at: '2025-01-02T00:00:00.000Z', note: null },
    ];
    for (const r of rows) {
      await sql`insert into audit_log (id, entity_type, entity_id, action, user_id, at, changes, note)
                values (${r.id}, 'person', ${r.id}, 'update', null, ${r.at}, ${JSON.stringify({ b: { from: 1, to: 2 }, a: { from: 'علی', to: null } })}, ${r.note})`.execute(
        db,
      );
    }
    // 0005 and every migration after it (later ones add tables of their own).
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).filter((name) => name >= '0005'));
    const chained = await db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
    expect(chained.map((r) => [r.id.slice(-1), Number(r.seq)])).toEqual([
      ['2', 1],
      ['3', 2],
      ['1', 3],
    ]);
    expect(await verifyChain(db)).toMatchObject({ intact: true, entries: 3 });
    // New entries follow on.
    await recordAudit(db, change(newId(), 'after the upgrade'));
    expect(await verifyChain(db)).toMatchObject({ intact: true, entries: 4 });
    expect((await listHistory(db, 'person', rows[1]!.id))[0]).toMatchObject({
      note: 'merged',
      changes: { a: { from: 'علی', to: null }, b: { from: 1, to: 2 } },
    });
  });
});
