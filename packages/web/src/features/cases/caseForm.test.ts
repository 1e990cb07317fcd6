import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseScreening } from '@hifazat/contract';
import { ApiClientError } from '../../lib/api';
import { i18n } from '../../i18n';
import { caseFieldErrors, caseFormOf, caseFormRules, createCaseBody, emptyCaseForm, formFieldOf, updateCaseBody } from './caseForm';
import { caseListQuery } from './cases.queries';
import { historyShown, noteText } from './CaseHistory';
import { archiveBytes, referenceMatches } from './CaseRetention';
import { answersOf, screeningBody } from './ScreenCase';
import { newestFirst } from './StoredScreenings';

const filled = () => ({
  ...emptyCaseForm('PK', 'Punjab', '2026-03-01'),
  fullName: '  Muhammad Bilal ',
  otherScriptName: 'محمد بلال',
  aliases: 'Bilal\n\n  Billu  \n',
  sex: 'male' as const,
  estimatedAge: '16',
  phone: '+92 300 1234567',
  identityDocuments: [
    { kind: 'cnic' as const, number: ' 35202-1234567-1 ' },
    { kind: 'passport' as const, number: '' },
  ],
  languages: 'Urdu, Punjabi،سرائیکی',
});

const DETAIL: CaseDetail = {
  id: '01900000-0000-7000-8000-000000000001',
  reference: 'PK-2026-000007',
  countryCode: 'PK',
  province: 'Punjab',
  district: 'Lahore',
  status: 'identification',
  agency: { id: '01900000-0000-7000-8000-0000000000a1', name: 'FIA' },
  fullName: 'Ayesha Khan',
  sex: 'female',
  age: 24,
  child: false,
  identifiedOn: '2026-02-10',
  traffickingStatus: null,
  access: 'scope',
  createdAt: '2026-02-10T08:00:00.000Z',
  identificationPlace: 'Bus station',
  identifiedByAgencyType: 'fia',
  narrative: 'Found at the bus station.',
  victim: {
    fullName: 'Ayesha Khan',
    otherScriptName: null,
    aliases: ['Ashi'],
    sex: 'female',
    birthDate: null,
    estimatedAge: 24,
    citizenship: 'PK',
    phone: null,
    identityNumbers: [{ kind: 'passport', number: 'AB1234567' }],
    languages: ['Urdu'],
    address: null,
  },
  openedBy: null,
  traffickingDecision: null,
  screenings: [],
  breakGlass: [],
  closedAt: null,
  anonymisedAt: null,
  updatedAt: '2026-02-10T08:00:00.000Z',
};

describe('the case form', () => {
  it('sends a new case with the person nested, lists split, blank numbers left out and the estimate as a number', () => {
    expect(createCaseBody(filled())).toEqual({
      countryCode: 'PK',
      province: 'Punjab',
      district: '',
      identifiedOn: '2026-03-01',
      identificationPlace: '',
      identifiedByAgencyType: undefined,
      narrative: '',
      victim: {
        fullName: 'Muhammad Bilal',
        otherScriptName: 'محمد بلال',
        aliases: ['Bilal', 'Billu'],
        sex: 'male',
        birthDate: null,
        estimatedAge: 16,
        citizenship: null,
        phone: '+92 300 1234567',
        identityNumbers: [{ kind: 'cnic', number: '35202-1234567-1' }],
        languages: ['Urdu', 'Punjabi', 'سرائیکی'],
        address: '',
      },
    });
  });

  it('drops the estimated age once a date of birth is given', () => {
    expect(createCaseBody({ ...filled(), birthDate: '2010-05-04' }).victim).toMatchObject({ birthDate: '2010-05-04', estimatedAge: null });
  });

  it('asks for a name, a sex and a plausible age before sending', () => {
    const t = i18n.t;
    expect(Object.keys(caseFormRules(emptyCaseForm('PK', '', '2026-03-01'), t)).sort()).toEqual(['fullName', 'sex']);
    expect(caseFormRules({ ...filled(), estimatedAge: '150' }, t)).toHaveProperty('estimatedAge');
    expect(caseFormRules(filled(), t)).toEqual({});
  });

  it('sends a correction with only what changed, so that the history names the right fields', () => {
    const before = caseFormOf(DETAIL);
    expect(updateCaseBody(before, before)).toEqual({});
    const changed = { ...before, phone: '+92 321 0000000', district: 'Kasur', identifiedByAgencyType: '' as const };
    expect(updateCaseBody(changed, before)).toEqual({ district: 'Kasur', identifiedByAgencyType: null, victim: { phone: '+92 321 0000000' } });
    // The form keeps the stored lists as text: read back unchanged, they are not sent.
    expect(before.aliases).toBe('Ashi');
    expect(before.identityDocuments).toEqual([{ kind: 'passport', number: 'AB1234567' }]);
  });

  it('puts the server’s refusals under the form’s fields, nested paths included, and leaves the rest to the alert', () => {
    expect(formFieldOf('victim.fullName')).toBe('fullName');
    expect(formFieldOf('victim.identityNumbers.1.number')).toBe('identityDocuments.1.number');
    expect(formFieldOf('victim.aliases.3')).toBe('aliases');
    expect(formFieldOf('organizationId')).toBeNull();
    const invalid = new ApiClientError(400, 'validation_failed', 'Invalid body', [
      { path: 'victim.birthDate', message: 'After the day of identification' },
      { path: 'identifiedOn', message: 'In the future' },
      { message: 'no field' },
    ]);
    expect(caseFieldErrors(invalid)).toEqual({ birthDate: 'After the day of identification', identifiedOn: 'In the future' });
    // A rule of the officer's area (422) is about a field too.
    const area = new ApiClientError(422, 'rule_violation', 'Only in your provinces', [{ path: 'province', message: 'One of: Sindh' }]);
    expect(caseFieldErrors(area)).toEqual({ province: 'One of: Sindh' });
    expect(caseFieldErrors(new ApiClientError(409, 'conflict', 'x', [{ path: 'province', message: 'y' }]))).toEqual({});
  });
});

describe('the case list’s query', () => {
  it('sends only known filters: the search text, a real status, children only when ticked', () => {
    expect(caseListQuery({ q: '  محمد ', status: 'screening', childrenOnly: 'true' })).toEqual({ query: 'محمد', status: 'screening', childrenOnly: 'true' });
    expect(caseListQuery({ q: '', status: 'shredded', childrenOnly: 'yes' })).toEqual({});
  });
});

const screening = (version: number, extra: Partial<CaseScreening> = {}): CaseScreening =>
  ({
    id: `01900000-0000-7000-8000-00000000000${version}`,
    caseId: DETAIL.id,
    version,
    correctsId: null,
    rulesVersion: 'PK-2018.1',
    input: { countryCode: 'PK', age: 24, answers: { act_recruited: 'yes', means_force: 'maybe', nonsense: 'yes' } },
    result: { suggestion: 'tip' },
    decision: null,
    createdBy: null,
    createdAt: `2026-02-1${version}T08:00:00.000Z`,
    ...extra,
  }) as CaseScreening;

describe('storing a screening', () => {
  const input = { countryCode: 'PK', age: 24, answers: { act_recruited: 'yes' as const } };

  it('sends the decision only whole, and the screening it corrects', () => {
    expect(screeningBody(input, { traffickingStatus: '', decisionMakingOrg: '' }, null)).toEqual(input);
    expect(screeningBody(input, { traffickingStatus: 'PossibleVictimOfTrafficking', decisionMakingOrg: '' }, null)).toBeNull();
    expect(screeningBody(input, { traffickingStatus: 'ActualVictimOfTrafficking', decisionMakingOrg: 'Police' }, 'earlier-id')).toEqual({
      ...input,
      decision: { traffickingStatus: 'ActualVictimOfTrafficking', decisionMakingOrg: 'Police' },
      corrects: 'earlier-id',
    });
  });

  it('starts a correction from the earlier answers the aid knows, and lists the newest version first', () => {
    expect(answersOf(screening(1))).toEqual({ act_recruited: 'yes' });
    expect(answersOf(screening(1, { input: { elements: { act: true } } }))).toEqual({});
    expect(newestFirst([screening(1), screening(3), screening(2)]).map((s) => s.version)).toEqual([3, 2, 1]);
  });
});

describe('the case’s history and its retention', () => {
  it('shows the newest first, and the reads only when asked', () => {
    const entry = (id: string, action: string) => ({ id, at: `2026-01-0${id}T00:00:00Z`, action, user: null, fields: [], note: null });
    const items = [entry('1', 'create'), entry('2', 'view'), entry('3', 'screening')];
    expect(historyShown(items, false).map((e) => e.id)).toEqual(['3', '1']);
    expect(historyShown(items, true).map((e) => e.id)).toEqual(['3', '2', '1']);
  });

  it('says the server’s notes in the reader’s language, and any other note as written', async () => {
    expect(noteText(i18n.t, 'version 2, rules PK-2018.1')).toBe('version 2, rules PK-2018.1');
    expect(noteText(i18n.t, 'break-glass')).toBe('read through break-glass');
    await i18n.changeLanguage('ur');
    try {
      expect(noteText(i18n.t, 'version 2, rules PK-2018.1')).toBe('ورژن 2، قواعد PK-2018.1');
      expect(noteText(i18n.t, 'on the person’s request (encrypted archive)')).toBe('فرد کی درخواست پر (خفیہ زِپ فائل)');
      expect(noteText(i18n.t, "on the person's request")).toBe('فرد کی درخواست پر');
      expect(noteText(i18n.t, 'retention: closed more than 5 years ago')).toContain('5 سال');
      expect(noteText(i18n.t, 'something new')).toBe('something new');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('takes the reference however it was typed, and decodes the archive byte for byte', () => {
    expect(referenceMatches(' pk-2026-000007 ', 'PK-2026-000007')).toBe(true);
    expect(referenceMatches('PK-2026-000008', 'PK-2026-000007')).toBe(false);
    expect(Array.from(archiveBytes(btoa('PK\u0003\u0004\u00ff')))).toEqual([0x50, 0x4b, 3, 4, 0xff]);
  });
});
