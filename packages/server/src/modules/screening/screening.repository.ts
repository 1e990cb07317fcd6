import type { Db } from '../../db/database.js';
import type { ScreeningRuleVersionsTable } from '../../db/schema.js';
import { toJson } from '../../db/dialect.js';

/** The versions of the screening rules (SQL only here). Versions are added, never changed. */
export type RuleVersionRow = ScreeningRuleVersionsTable;

export function listVersions(db: Db): Promise<RuleVersionRow[]> {
  return db.selectFrom('screening_rule_versions').selectAll().orderBy('country_code').orderBy('effective_from', 'desc').execute();
}

export function findVersion(db: Db, id: string): Promise<RuleVersionRow | undefined> {
  return db.selectFrom('screening_rule_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The version of `countryCode` ('*': international) in force on `day`: the latest that took effect on or before it. */
export function versionInForce(db: Db, countryCode: string, day: string): Promise<RuleVersionRow | undefined> {
  return db
    .selectFrom('screening_rule_versions')
    .selectAll()
    .where('country_code', '=', countryCode)
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function versionOfDay(db: Db, countryCode: string, day: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('screening_rule_versions').select('id').where('country_code', '=', countryCode).where('effective_from', '=', day).executeTakeFirst();
}

export async function insertVersion(db: Db, row: Omit<RuleVersionRow, 'content'> & { content: unknown }): Promise<void> {
  await db
    .insertInto('screening_rule_versions')
    .values({ ...row, content: toJson(row.content) })
    .execute();
}
