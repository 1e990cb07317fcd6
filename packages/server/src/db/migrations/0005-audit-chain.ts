import { sql, type Kysely } from 'kysely';
import { chain, GENESIS_HASH } from '../../modules/audit/audit.chain.js';
import { columnTypes, engineOf, type Engine } from '../dialect.js';

/**
 * The audit log becomes append-only and hash-chained (see modules/audit/audit.chain.ts for the
 * canonical form):
 * - audit_log is rebuilt with `seq` (unique: two writers can never both write entry n), `prev_hash`
 *   and `hash`, and `entity_id` may be null (an export of a report concerns no one record). The
 *   entries already written are chained in the order they were written, (at, id);
 * - audit_chain_head holds one row, the last entry's seq and hash. Every writer updates it first in
 *   its own transaction, so writers take turns (PostgreSQL: its row lock is held until commit;
 *   SQLite runs one write transaction at a time) and the chain cannot fork;
 * - triggers refuse UPDATE and DELETE of audit_log rows (and TRUNCATE on PostgreSQL).
 */
const PAGE = 1000;

async function createChainedTable(db: Kysely<any>, engine: Engine, name: string): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable(name)
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('seq', t.integer, (c) => c.notNull())
    .addColumn('entity_type', t.text, (c) => c.notNull())
    .addColumn('entity_id', t.id)
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('user_id', t.id)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('note', t.text)
    .addColumn('prev_hash', t.text, (c) => c.notNull())
    .addColumn('hash', t.text, (c) => c.notNull())
    .execute();
}

/** PostgreSQL names a primary key after the table it was made on; keep the name a fresh install has. */
async function renamePrimaryKey(db: Kysely<any>, engine: Engine, from: string): Promise<void> {
  if (engine === 'postgres') await sql`alter table audit_log rename constraint ${sql.id(`${from}_pkey`)} to audit_log_pkey`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  await createChainedTable(db, engine, 'audit_log_chained');

  // Copy page by page in (at, id) order, chaining as we go.
  let head = { seq: 0, hash: GENESIS_HASH };
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('audit_log')
      .select(['id', 'entity_type', 'entity_id', 'action', 'user_id', 'at', 'changes', 'note'])
      .orderBy('at')
      .orderBy('id')
      .limit(PAGE);
    if (after) {
      const { at, id } = after;
      query = query.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]));
    }
    const rows: Array<Record<string, unknown>> = await query.execute();
    if (rows.length === 0) break;
    const chained = chain(
      head,
      rows.map((r) => ({
        id: r.id as string,
        at: r.at as string,
        entity_type: r.entity_type as string,
        entity_id: r.entity_id as string,
        action: r.action as string,
        user_id: (r.user_id ?? null) as string | null,
        note: (r.note ?? null) as string | null,
        // SQLite keeps JSON as text: hash the parsed value, copy the text unchanged.
        changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes,
        raw: typeof r.changes === 'string' ? r.changes : JSON.stringify(r.changes),
      })),
    );
    await db
      .insertInto('audit_log_chained')
      .values(chained.map(({ raw, ...e }) => ({ ...e, changes: raw })))
      .execute();
    const last = chained[chained.length - 1]!;
    head = { seq: last.seq, hash: last.hash };
    after = { at: last.at, id: last.id };
    if (rows.length < PAGE) break;
  }

  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('audit_log_chained').renameTo('audit_log').execute();
  await renamePrimaryKey(db, engine, 'audit_log_chained');
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'at']).execute();
  await db.schema.createIndex('audit_log_seq_idx').on('audit_log').column('seq').unique().execute();

  // A restore of an older backup over a newer database leaves the head behind: start it afresh.
  await db.schema.dropTable('audit_chain_head').ifExists().execute();
  const t = columnTypes(engine);
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', t.integer, (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', t.integer, (c) => c.notNull())
    .addColumn('hash', t.text, (c) => c.notNull())
    .execute();
  await db.insertInto('audit_chain_head').values({ id: 1, seq: head.seq, hash: head.hash }).execute();

  if (engine === 'postgres') {
    await sql`
      create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
      $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`.execute(
      db,
    );
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`.execute(
      db,
    );
  }
}

/** Back to the unchained table; entries of no record (exports of reports) cannot be kept there. */
export async function down(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);
  if (engine === 'postgres') {
    await sql`drop trigger if exists audit_log_no_update on audit_log`.execute(db);
    await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
    await sql`drop function if exists audit_log_append_only()`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
  await db.schema.dropTable('audit_chain_head').ifExists().execute();
  await db.schema
    .createTable('audit_log_plain')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('entity_type', t.text, (c) => c.notNull())
    .addColumn('entity_id', t.id, (c) => c.notNull())
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('user_id', t.id)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('note', t.text)
    .execute();
  await sql`
    insert into audit_log_plain (id, entity_type, entity_id, action, user_id, at, changes, note)
    select id, entity_type, entity_id, action, user_id, at, changes, note from audit_log where entity_id is not null order by seq`.execute(db);
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('audit_log_plain').renameTo('audit_log').execute();
  await renamePrimaryKey(db, engine, 'audit_log_plain');
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'at']).execute();
}
