import type { RouteSpec } from './routes.js';
import {
  zCreateScreeningRuleVersionBody,
  zEvaluateScreeningBody,
  zRulesVersionParams,
  zScreeningEvaluation,
  zScreeningRuleVersion,
  zScreeningRuleVersionList,
} from './screening.js';

/** The screening aid (issue 12): the evaluation (nothing stored) and the versioned rules. Spread into the contract's route map. */
export const screeningRoutes = {
  evaluateScreening: {
    method: 'POST',
    path: '/api/screenings/evaluate',
    summary: 'Evaluate a screening: trafficking, smuggling, both, neither or insufficient, element by element (nothing is stored)',
    description:
      'A decision aid, not a determination. Send `answers` to the indicator questions (yes / no / unknown / declined) or the ' +
      '`elements` directly (each true, false or null), with `countryCode` and `age`. The rules of the country in force on `asOf` ' +
      '(left out: today) are applied — the Protocols always, the national law beside them in `evaluations`; a country without ' +
      'rules of its own falls back to the international ones (`fallbackToInternational`). `suggestion` is `tip` when any ' +
      'trafficking instrument is met, `som` likewise for smuggling; `insufficient` when an unanswered element decides. ' +
      'Immediate needs set `emergency.referralFirst`, which comes before everything. Nothing is written to the database.',
    tag: 'screening',
    permission: 'screening.aid',
    body: zEvaluateScreeningBody,
    status: 200,
    response: zScreeningEvaluation,
  },
  listScreeningRules: {
    method: 'GET',
    path: '/api/screening-rules',
    summary: 'The versions of the screening rules, per country, with the one in force today',
    tag: 'screening',
    permission: 'screening.aid',
    status: 200,
    response: zScreeningRuleVersionList,
  },
  getScreeningRules: {
    method: 'GET',
    path: '/api/screening-rules/{id}',
    summary: 'One version of the screening rules: legal instruments, provisions with their texts, penalties, competent agencies',
    tag: 'screening',
    permission: 'screening.aid',
    params: zRulesVersionParams,
    status: 200,
    response: zScreeningRuleVersion,
  },
  createScreeningRules: {
    method: 'POST',
    path: '/api/screening-rules',
    summary: 'Add a version of the screening rules (copy one, edit its texts, agencies or penalties, give it an effective date)',
    description:
      'Versions never change once added: a correction is a new version. Its id begins with the country code ("PK-2025.1"; ' +
      '"INTL-…" for the international rules, country `*`). 409 when the id exists or the country has a version from the same ' +
      'day. Audited.',
    tag: 'screening',
    permission: 'screening.rules',
    body: zCreateScreeningRuleVersionBody,
    status: 201,
    response: zScreeningRuleVersion,
  },
} as const satisfies Record<string, RouteSpec>;
