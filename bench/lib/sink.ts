import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** Where generated rows go: bulk inserts with prepared statements, bypassing the app. */
export interface BulkSink {
  readonly engine: 'sqlite' | 'postgres';
  insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void>;
  /**
   * Drops the secondary indexes (kept in memory) and turns the tables' triggers off so that loading is
   * fast; the report aggregates the triggers would keep are rebuilt after the load (database.ts).
   */
  dropIndexes(): Promise<void>;
  /** Builds them again exactly as the migration declared them, and turns the triggers back on. */
  recreateIndexes(): Promise<void>;
  close(): Promise<void>;
}

const LOAD_TABLES = [
  'people',
  'organizations',
  'events',
  'event_topics',
  'event_organizations',
  'event_trainers',
  'participations',
  'attendance',
  'programmes',
  'programme_countries',
  'users',
];

export class SqliteSink implements BulkSink {
  readonly engine = 'sqlite' as const;
  private readonly db: SqliteDatabase.Database;
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private dropped: string[] = [];
  private droppedTriggers: string[] = [];

  constructor(file: string) {
    this.db = new SqliteDatabase(file);
    // Loading only: no journal, no fsync, a big cache for the index builds. The app reopens the file
    // with its own settings (WAL, synchronous=FULL) before anything is measured.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -262144');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('foreign_keys = OFF');
  }

  async insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    const key = `${table}(${columns.join(',')})`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      this.statements.set(key, statement);
    }
    const stmt = statement;
    this.db.transaction(() => {
      for (const row of rows) stmt.run(row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    })();
  }

  async dropIndexes(): Promise<void> {
    const rows = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${LOAD_TABLES.map(() => '?').join(',')})`)
      .all(...LOAD_TABLES) as Array<{ name: string; sql: string }>;
    for (const r of rows) this.db.exec(`DROP INDEX ${r.name}`);
    this.dropped = rows.map((r) => r.sql);
    const triggers = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${LOAD_TABLES.map(() => '?').join(',')})`)
      .all(...LOAD_TABLES) as Array<{ name: string; sql: string }>;
    for (const r of triggers) this.db.exec(`DROP TRIGGER ${r.name}`);
    this.droppedTriggers = triggers.map((r) => r.sql);
  }

  async recreateIndexes(): Promise<void> {
    // The integer keys the people and events triggers would have given (migration 0022 starts from the rowid too).
    this.db.exec('UPDATE people SET report_n = rowid WHERE report_n IS NULL');
    this.db.exec('UPDATE events SET report_n = rowid WHERE report_n IS NULL');
    for (const statement of this.dropped) this.db.exec(statement);
    for (const statement of this.droppedTriggers) this.db.exec(statement);
    this.dropped = [];
    this.droppedTriggers = [];
  }

  async close(): Promise<void> {
    this.db.pragma('journal_mode = WAL');
    this.db.close();
  }
}

export class PostgresSink implements BulkSink {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly types = new Map<string, Map<string, string>>();
  private dropped: string[] = [];

  constructor(url: string) {
    // Loading only: commits need not wait for the disk.
    this.pool = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=off' });
  }

  private async columnTypes(table: string): Promise<Map<string, string>> {
    let types = this.types.get(table);
    if (!types) {
      const result = await this.pool.query<{ column_name: string; udt_name: string }>(
        `SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      types = new Map(result.rows.map((r) => [r.column_name, r.udt_name]));
      this.types.set(table, types);
    }
    return types;
  }

  /** One INSERT … SELECT FROM unnest(arrays) per 10,000 rows: PostgreSQL's fast path short of COPY. */
  async insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    const types = await this.columnTypes(table);
    const casts = columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`);
    const text = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
    for (let start = 0; start < rows.length; start += 10_000) {
      const batch = rows.slice(start, start + 10_000);
      const arrays = columns.map((c, i) => {
        const json = types.get(c) === 'jsonb';
        return batch.map((row) => (json && row[i] !== null ? JSON.stringify(row[i]) : row[i]));
      });
      await this.pool.query(text, arrays);
    }
  }

  async dropIndexes(): Promise<void> {
    const result = await this.pool.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)
         AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
      [LOAD_TABLES],
    );
    for (const r of result.rows) await this.pool.query(`DROP INDEX ${r.indexname}`);
    this.dropped = result.rows.map((r) => r.indexdef);
    // USER: the tables' own triggers, not the ones that enforce foreign keys.
    for (const table of LOAD_TABLES) await this.pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  }

  async recreateIndexes(): Promise<void> {
    await this.pool.query(`SET maintenance_work_mem = '256MB'`);
    for (const statement of this.dropped) await this.pool.query(statement);
    this.dropped = [];
    for (const table of LOAD_TABLES) await this.pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
