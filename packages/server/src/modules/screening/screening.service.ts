import {
  zScreeningRuleContent,
  type EvaluateScreeningInput,
  type ScreeningEvaluation,
  type ScreeningRuleContent,
  type ScreeningRuleVersion,
  type ScreeningRuleVersionSummary,
  type zCreateScreeningRuleVersionBody,
} from '@hifazat/contract';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import { conflict, invalid, notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { diff, recordAudit } from '../audit/index.js';
import { nowIso } from '../../shared/ids.js';
import * as repo from './screening.repository.js';
import { evaluate, type AppliedRules } from './screening.rules.js';

export const INTERNATIONAL = '*';

const today = () => nowIso().slice(0, 10);

function contentOf(row: repo.RuleVersionRow): ScreeningRuleContent {
  // Validated on the way in; parsed again on the way out so that a row edited by hand fails loudly.
  return zScreeningRuleContent.parse(fromJson(row.content, {}));
}

/**
 * The rules in force for a country on a day: its own version, read with the international version it
 * names; a country without a version of its own falls back to the international version in force.
 */
export async function rulesFor(db: Db, countryCode: string, day: string = today()): Promise<AppliedRules> {
  const own = await repo.versionInForce(db, countryCode, day);
  const ownContent = own ? contentOf(own) : null;
  const international = ownContent?.internationalVersion
    ? await repo.findVersion(db, ownContent.internationalVersion)
    : await repo.versionInForce(db, INTERNATIONAL, day);
  if (!international) throw ruleViolation(`No screening rules were in force on ${day}`, [{ path: 'asOf', message: 'Before the first version of the rules' }]);
  return {
    countryCode,
    country: own && ownContent ? { id: own.id, content: ownContent } : null,
    international: { id: international.id, content: contentOf(international) },
  };
}

/** POST /api/screenings/evaluate: reads the rules, writes nothing. */
export async function evaluateScreening(db: Db, input: EvaluateScreeningInput): Promise<ScreeningEvaluation> {
  const rules = await rulesFor(db, input.countryCode, input.asOf ?? today());
  return evaluate(input, rules);
}

function summaryOf(row: repo.RuleVersionRow, current: boolean): ScreeningRuleVersionSummary {
  return {
    id: row.id,
    countryCode: row.country_code,
    effectiveFrom: row.effective_from,
    title: row.title,
    basedOn: row.based_on,
    createdAt: row.created_at,
    createdBy: row.created_by,
    current,
  };
}

export async function listRuleVersions(db: Db): Promise<{ items: ScreeningRuleVersionSummary[] }> {
  const rows = await repo.listVersions(db);
  const day = today();
  // Rows come newest first per country: the first that took effect by today is the one in force.
  const inForce = new Set<string>();
  for (const row of rows) {
    if (row.effective_from <= day && ![...inForce].some((id) => rows.find((r) => r.id === id)?.country_code === row.country_code)) inForce.add(row.id);
  }
  return { items: rows.map((row) => summaryOf(row, inForce.has(row.id))) };
}

export async function getRuleVersion(db: Db, id: string): Promise<ScreeningRuleVersion> {
  const row = await repo.findVersion(db, id);
  if (!row) throw notFound('Rules version');
  const current = (await repo.versionInForce(db, row.country_code, today()))?.id === row.id;
  return { ...summaryOf(row, current), content: contentOf(row) };
}

/** Adds a version (a copy of another, edited); never changes one. Audited in the same transaction. */
export async function createRuleVersion(db: Db, actor: Actor, body: z.output<typeof zCreateScreeningRuleVersionBody>): Promise<ScreeningRuleVersion> {
  await db.transaction().execute(async (trx) => {
    if (await repo.findVersion(trx, body.id)) throw conflict(`Rules version ${body.id} exists already; versions never change: give the new one another id`);
    const sameDay = await repo.versionOfDay(trx, body.countryCode, body.effectiveFrom);
    if (sameDay) throw conflict(`Version ${sameDay.id} takes effect on the same day`, [{ path: 'effectiveFrom', message: 'A version exists for that day' }]);
    if (body.basedOn && !(await repo.findVersion(trx, body.basedOn))) throw invalid('Unknown version to copy', [{ path: 'basedOn', message: 'Not a version' }]);
    const international = body.content.internationalVersion;
    if (body.countryCode === INTERNATIONAL && international !== null) {
      throw invalid('The international rules name no other version', [{ path: 'content.internationalVersion', message: 'Must be null' }]);
    }
    if (body.countryCode !== INTERNATIONAL) {
      const row = international ? await repo.findVersion(trx, international) : undefined;
      if (!row || row.country_code !== INTERNATIONAL) {
        throw invalid('A country version names the international version it is read with', [
          { path: 'content.internationalVersion', message: 'Not an international version' },
        ]);
      }
    }
    const row = {
      id: body.id,
      country_code: body.countryCode,
      effective_from: body.effectiveFrom,
      title: body.title,
      based_on: body.basedOn ?? null,
      content: body.content,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await repo.insertVersion(trx, row);
    // The audit keeps what was added (ids and legal texts, no personal data).
    await recordAudit(trx, {
      entityType: 'screening_rules',
      entityId: body.id,
      action: 'create',
      userId: actor.id,
      changes: diff(null, {
        countryCode: body.countryCode,
        effectiveFrom: body.effectiveFrom,
        title: body.title,
        basedOn: body.basedOn ?? null,
        content: body.content,
      }),
    });
  });
  return getRuleVersion(db, body.id);
}
