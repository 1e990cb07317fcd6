import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ageBands,
  codeLabels,
  donorReportText,
  duplicateReasons,
  errorCodes,
  eventStatuses,
  eventTypes,
  EXPORT_TEXT_WEB_KEYS,
  exportText,
  labelLanguages,
  organizationTypes,
  participantRoles,
  roles,
  sexes,
} from '@hifazat/contract';
import assessmentsEn from './assessments.en.json';
import assessmentsUr from './assessments.ur.json';
import en from './en.json';
import takeEn from './take.en.json';
import takeUr from './take.ur.json';
import campaignsEn from './campaigns.en.json';
import casesEn from './cases.en.json';
import casesUr from './cases.ur.json';
import servicesEn from './services.en.json';
import servicesUr from './services.ur.json';
import servicesNavEn from './servicesNav.en.json';
import servicesNavUr from './servicesNav.ur.json';
import campaignsUr from './campaigns.ur.json';
import certificatesEn from './certificates.en.json';
import certificatesUr from './certificates.ur.json';
import indicatorsEn from './indicators.en.json';
import indicatorsUr from './indicators.ur.json';
import cascadesEn from './cascades.en.json';
import cascadesUr from './cascades.ur.json';
import feedbackEn from './feedback.en.json';
import feedbackUr from './feedback.ur.json';
import questionnairesEn from './questionnaires.en.json';
import questionnairesUr from './questionnaires.ur.json';
import screeningEn from './screening.en.json';
import screeningUr from './screening.ur.json';
import caseStatsEn from './caseStats.en.json';
import caseStatsUr from './caseStats.ur.json';
import caseHomeEn from './caseHome.en.json';
import caseHomeUr from './caseHome.ur.json';
import caseWorkEn from './caseWork.en.json';
import caseWorkUr from './caseWork.ur.json';
import htcdsEn from './htcds.en.json';
import htcdsUr from './htcds.ur.json';
import caseDuplicatesEn from './caseDuplicates.en.json';
import caseDuplicatesUr from './caseDuplicates.ur.json';
import userGrantsEn from './userGrants.en.json';
import userGrantsUr from './userGrants.ur.json';
import ownSecondFactorEn from './ownSecondFactor.en.json';
import ownSecondFactorUr from './ownSecondFactor.ur.json';
import systemEn from './system.en.json';
import systemUr from './system.ur.json';
import referralsEn from './referrals.en.json';
import referralsUr from './referrals.ur.json';
import ur from './ur.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(path, value);
    else for (const [k, v] of flatten(value, path)) result.set(k, v);
  }
  return result;
}

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
  }
  return files;
}

/**
 * The strings of every namespace: the app's own ('translation', keys as they are), and those that
 * come with their pages (features/assessments: 'assessments', 'take'; features/feedback: 'feedback', 'questionnaires'; features/certificates: 'certificates'), keyed as the code writes them
 * ('take:send').
 */
const NAMESPACES: Record<string, [Tree, Tree]> = {
  assessments: [assessmentsEn, assessmentsUr],
  take: [takeEn, takeUr],
  feedback: [feedbackEn, feedbackUr],
  questionnaires: [questionnairesEn, questionnairesUr],
  certificates: [certificatesEn, certificatesUr],
  indicators: [indicatorsEn, indicatorsUr],
  cascades: [cascadesEn, cascadesUr],
  campaigns: [campaignsEn, campaignsUr],
  screening: [screeningEn, screeningUr],
  caseStats: [caseStatsEn, caseStatsUr],
  caseHome: [caseHomeEn, caseHomeUr],
  caseWork: [caseWorkEn, caseWorkUr],
  htcds: [htcdsEn, htcdsUr],
  caseDuplicates: [caseDuplicatesEn, caseDuplicatesUr],
  userGrants: [userGrantsEn, userGrantsUr],
  ownSecondFactor: [ownSecondFactorEn, ownSecondFactorUr],
  system: [systemEn, systemUr],
  cases: [casesEn, casesUr],
  services: [servicesEn, servicesUr],
  servicesNav: [servicesNavEn, servicesNavUr],
  referrals: [referralsEn, referralsUr],
};
function allStrings(language: 0 | 1, app: Tree): Map<string, string> {
  const result = flatten(app);
  for (const [namespace, files] of Object.entries(NAMESPACES)) for (const [key, value] of flatten(files[language])) result.set(`${namespace}:${key}`, value);
  return result;
}
const english = allStrings(0, en);
const urdu = allStrings(1, ur);
const files = sourceFiles(srcDir).map((path) => ({ path: relative(srcDir, path), text: readFileSync(path, 'utf8') }));

/** Keys written literally: t('a.b') or t("a.b"), and navigation items declared as key: 'a.b'. */
function literalKeys(): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  const call = /\bt\(\s*(['"])([^'"$`\s]+)\1/g;
  const declared = /\bkey:\s*'([a-zA-Z]+\.[a-zA-Z_.]+)'/g;
  for (const { path, text } of files) {
    for (const match of text.matchAll(call)) found.push({ key: match[2] ?? '', file: path });
    for (const match of text.matchAll(declared)) found.push({ key: match[1] ?? '', file: path });
  }
  return found;
}

describe('translations', () => {
  it('has the same keys in English and Urdu', () => {
    const onlyEnglish = [...english.keys()].filter((k) => !urdu.has(k));
    const onlyUrdu = [...urdu.keys()].filter((k) => !english.has(k));
    expect(onlyEnglish).toEqual([]);
    expect(onlyUrdu).toEqual([]);
  });

  it('has no empty translations', () => {
    const empty = [...english, ...urdu].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('writes Urdu text in Urdu script, not in Latin letters', () => {
    // Brand names of file formats and the English language name may stay Latin; everything else has Arabic script.
    const allowedLatin = new Set(['language.english', 'certificates:list.pdf']);
    // Placeholders ({{from}}) are names in the code, not words the reader reads.
    const words = (value: string) => value.replace(/\{\{\w+\}\}/g, '');
    const latinOnly = [...urdu]
      .filter(([key, value]) => !allowedLatin.has(key) && /[A-Za-z]/.test(words(value)) && !/[\u0600-\u06FF]/.test(value))
      .map(([key]) => key);
    expect(latinOnly).toEqual([]);
  });

  it('keeps interpolation placeholders the same in both languages', () => {
    const placeholders = (value: string) => [...value.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = [...english]
      .filter(([key, value]) => JSON.stringify(placeholders(value)) !== JSON.stringify(placeholders(urdu.get(key) ?? '')))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('defines every key the source code uses literally', () => {
    const keys = literalKeys();
    expect(keys.length).toBeGreaterThan(100);
    const missing = keys.filter(({ key }) => !english.has(key)).map(({ key, file }) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('defines a group for every key prefix the source code builds at run time', () => {
    const dynamic = /\bt\(\s*`((?:[a-zA-Z]+:)?[a-zA-Z]+)\.\$\{/g;
    const groups = new Set<string>();
    for (const { text } of files) for (const match of text.matchAll(dynamic)) groups.add(match[1] ?? '');
    const known = new Set([...english.keys()].map((k) => k.split('.')[0]));
    expect([...groups].filter((g) => !known.has(g))).toEqual([]);
  });

  it('translates every value of the contract enums the interface shows', () => {
    const enums: Record<string, readonly string[]> = {
      eventType: eventTypes,
      eventStatus: eventStatuses,
      participantRole: participantRoles,
      organizationType: organizationTypes,
      sex: sexes,
      ageBand: ageBands,
      role: roles,
      roleHelp: roles,
      duplicateReason: duplicateReasons,
      apiError: [...errorCodes, 'network_error'],
    };
    const missing: string[] = [];
    for (const [group, values] of Object.entries(enums)) {
      for (const value of values) {
        const key = `${group}.${value}`;
        if (!english.has(key) || !urdu.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names codes in exported files with the words the screen uses, in both languages', () => {
    const web = { en: english, ur: urdu };
    const differing: string[] = [];
    for (const lang of labelLanguages) {
      for (const [group, labels] of Object.entries(codeLabels[lang])) {
        for (const [code, label] of Object.entries(labels as Record<string, string>)) {
          const key = `${group}.${code}`;
          if (web[lang].get(key) !== label) differing.push(`${lang} ${key}: export "${label}", screen "${web[lang].get(key) ?? '(none)'}"`);
        }
      }
      // The donor report's charts name units as the indicator form does.
      for (const [unit, name] of Object.entries(donorReportText[lang].units)) {
        const key = `indicators:units.${unit}`;
        if (web[lang].get(key) !== name) differing.push(`${lang} ${key}: export "${name}", screen "${web[lang].get(key) ?? '(none)'}"`);
      }
      for (const [word, key] of Object.entries(EXPORT_TEXT_WEB_KEYS)) {
        const text = exportText[lang][word as keyof (typeof exportText)['en']];
        if (key && web[lang].get(key) !== text) differing.push(`${lang} ${word} (${key}): export "${text}", screen "${web[lang].get(key) ?? '(none)'}"`);
      }
    }
    expect(differing).toEqual([]);
    // Every group of code labels is one the screen has.
    expect(Object.keys(codeLabels.en).filter((group) => ![...english.keys()].some((k) => k.startsWith(`${group}.`)))).toEqual([]);
  });
});
