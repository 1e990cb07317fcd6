import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { CaseDetail, CaseListItem, ScreeningEvaluation, User } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { accountOf, recordApiCalls, renderPagesAs } from '../../test/case-roles';
import { json, setPhone } from '../../test/setup';
import CasePage from './CasePage';
import CasesPage from './CasesPage';

const user = (role: User['role']): User => accountOf(role, { organizationId: '01900000-0000-7000-8000-0000000000a1' });

const ITEM: CaseListItem = {
  id: '01900000-0000-7000-8000-000000000c01',
  reference: 'PK-2026-000001',
  countryCode: 'PK',
  province: 'Punjab',
  district: null,
  status: 'identification',
  agency: { id: '01900000-0000-7000-8000-0000000000a1', name: 'FIA Lahore' },
  fullName: 'Muhammad Bilal',
  sex: 'male',
  age: 16,
  child: true,
  identifiedOn: '2026-03-01',
  traffickingStatus: null,
  access: 'scope',
  createdAt: '2026-03-01T09:00:00.000Z',
};

const DETAIL: CaseDetail = {
  ...ITEM,
  identificationPlace: 'Lahore railway station',
  identifiedByAgencyType: 'police',
  narrative: 'Found alone at the station.',
  victim: {
    fullName: 'Muhammad Bilal',
    otherScriptName: 'محمد بلال',
    aliases: [],
    sex: 'male',
    birthDate: null,
    estimatedAge: 16,
    citizenship: 'PK',
    phone: '+923001234567',
    identityNumbers: [{ kind: 'cnic', number: '35202-1234567-1' }],
    languages: ['Urdu'],
    address: null,
  },
  openedBy: { id: '01900000-0000-7000-8000-0000000000d1', name: 'Officer Asma' },
  traffickingDecision: null,
  screenings: [],
  breakGlass: [],
  closedAt: null,
  anonymisedAt: null,
  updatedAt: '2026-03-01T09:00:00.000Z',
};

const element = (name: ScreeningEvaluation['elements'][number]['element'], value: boolean | null) => ({
  element: name,
  kind: ['act', 'means', 'purpose'].includes(name) ? ('tip' as const) : ('som' as const),
  value,
  notRequired: name === 'means',
  supportingAnswers: value ? [{ questionId: 'act_transported' as const, answer: 'yes' as const }] : [],
  openQuestions: [],
  source: 'answers' as const,
});

const EVALUATION: ScreeningEvaluation = {
  suggestion: 'tip',
  elements: [
    element('act', true),
    element('means', null),
    element('purpose', true),
    element('irregularEntry', false),
    element('facilitation', false),
    element('benefit', false),
  ],
  legalBasis: [
    {
      id: 'TIP-3c',
      citation: 'Trafficking in Persons Protocol, art. 3(c)',
      title: { en: 'A child needs no means', ur: 'بچے کے لیے ذرائع ضروری نہیں' },
      text: 'The recruitment … of a child … even if this does not involve any of the means',
      textKind: 'quoted',
      summary: { en: 'Act and purpose are enough for a child.', ur: 'بچے کے لیے عمل اور مقصد کافی ہیں۔' },
      penalty: null,
      confirmed: true,
      source: null,
      instrument: 'UN-TIP',
      instrumentTitle: { en: 'Trafficking in Persons Protocol (2000)', ur: 'انسانی تجارت پروٹوکول (2000)' },
      kind: 'tip',
      level: 'international',
      met: true,
    },
  ],
  competentAgency: null,
  rulesVersion: 'PK-2018.1',
  internationalRulesVersion: 'INTL-2000.1',
  countryCode: 'PK',
  fallbackToInternational: false,
  evaluations: [],
  instrumentsDiffer: false,
  emergency: { referralFirst: false, reasons: [] },
  isChild: true,
  crossBorder: false,
  vulnerableMigrant: false,
  followUpQuestions: [],
  stored: false,
};

const serve = recordApiCalls;
const renderAs = (role: User['role'], route: string) => renderPagesAs(user(role), route, { '/cases': <CasesPage />, '/cases/:id': <CasePage /> });

describe('the case list', () => {
  it('marks children, explains matching by sound, searches by the typed name and offers a new case to a data officer only', async () => {
    const calls = serve((call) => (call.path.startsWith('/api/cases') ? json({ items: [ITEM], nextCursor: null }) : undefined));
    renderAs('data_officer', '/cases');
    const row = await screen.findByTestId('case-row');
    expect(within(row).getByTestId('case-child').textContent).toBe('Child');
    expect(within(row).getByText('FIA Lahore')).toBeTruthy();
    expect(screen.getByText(/matched by sound/)).toBeTruthy();
    expect(screen.getByTestId('case-create').getAttribute('href')).toBe('/cases/new');
    fireEvent.input(screen.getByTestId('cases-filter-q'), { target: { value: 'محمد بلال' } });
    await waitFor(() => expect(calls.map((c) => decodeURIComponent(c.path))).toContain('/api/cases?query=محمد+بلال&limit=50'));
    fireEvent.click(screen.getByTestId('cases-filter-children'));
    await waitFor(() => expect(calls.map((c) => c.path).some((p) => p.includes('childrenOnly=true'))).toBe(true));
  });

  it('in Urdu on a phone: the child badge reads بچہ and a supervisor gets no "New case"', async () => {
    setPhone(true);
    await i18n.changeLanguage('ur');
    try {
      serve((call) => (call.path.startsWith('/api/cases') ? json({ items: [ITEM], nextCursor: null }) : undefined));
      renderAs('supervisor', '/cases');
      const card = await screen.findByTestId('case-row');
      expect(within(card).getByTestId('case-child').textContent).toBe('بچہ');
      expect(await screen.findByTestId('cases-cards')).toBeTruthy();
      expect(screen.queryByTestId('case-create')).toBeNull();
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('a case outside the reader’s scope', () => {
  it('asks a supervisor for a reason of at least 10 characters, breaks the glass, then opens the case under a banner', async () => {
    let broken = false;
    const calls = serve((call) => {
      if (call.method === 'POST' && call.path === `/api/cases/${ITEM.id}/break-glass`) {
        broken = true;
        return json({}, 201);
      }
      if (call.path === `/api/cases/${ITEM.id}`) {
        return broken
          ? json({ ...DETAIL, access: 'break_glass' })
          : json({ error: { code: 'break_glass_required', message: 'This case is outside your scope', details: [] } }, 403);
      }
      return undefined;
    });
    renderAs('supervisor', `/cases/${ITEM.id}`);
    expect((await screen.findByTestId('break-glass-warning')).textContent).toContain('flagged for review');
    fireEvent.input(screen.getByTestId('break-glass-reason'), { target: { value: 'too short' } });
    expect(screen.getByTestId('break-glass-submit').hasAttribute('disabled')).toBe(true);
    fireEvent.input(screen.getByTestId('break-glass-reason'), { target: { value: 'The boy came to our station at night' } });
    fireEvent.click(screen.getByTestId('break-glass-submit'));
    expect((await screen.findByTestId('case-break-glass-banner')).textContent).toContain('Opened through break-glass');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'The boy came to our station at night' });
    expect(screen.getByTestId('case-fullName').textContent).toContain('Muhammad Bilal');
    // Through a grant: no screening, no correction.
    fireEvent.click(screen.getByTestId('case-tab-screenings'));
    expect(screen.queryByTestId('case-screen')).toBeNull();
  });
});

describe('screening the person on the case file', () => {
  it('reuses the aid’s questions, shows the elements and the legal basis, and stores the screening with the decision', async () => {
    let stored = false;
    const calls = serve((call) => {
      if (call.path === '/api/screenings/evaluate') return json(EVALUATION);
      if (call.method === 'POST' && call.path === `/api/cases/${ITEM.id}/screenings`) {
        stored = true;
        return json({ id: '01900000-0000-7000-8000-000000000e01' }, 201);
      }
      if (call.path === `/api/cases/${ITEM.id}`) {
        const screening = {
          id: '01900000-0000-7000-8000-000000000e01',
          caseId: ITEM.id,
          version: 1,
          correctsId: null,
          rulesVersion: 'PK-2018.1',
          input: { countryCode: 'PK', age: 16, answers: { act_transported: 'yes' } },
          result: EVALUATION,
          decision: { traffickingStatus: 'PossibleVictimOfTrafficking', decisionMakingOrg: 'Police' },
          createdBy: { id: user('data_officer').id, name: 'Officer Asma' },
          createdAt: '2026-03-02T10:00:00.000Z',
        };
        return json(stored ? { ...DETAIL, status: 'screening', screenings: [screening] } : DETAIL);
      }
      return undefined;
    });
    renderAs('data_officer', `/cases/${ITEM.id}`);
    expect((await screen.findByTestId('case-identity-numbers')).textContent).toContain('35202-1234567-1');
    fireEvent.click(screen.getByTestId('case-tab-screenings'));
    expect(screen.getByTestId('stored-screenings-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('case-screen'));
    // The age comes from the case; nothing is evaluated before the result is asked for.
    expect((screen.getByTestId('screening-age') as HTMLInputElement).value).toBe('16');
    expect(screen.getByTestId('screen-see-result').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('q-act_transported-yes'));
    fireEvent.click(screen.getByTestId('q-purpose_labour-yes'));
    expect(calls.some((c) => c.path === '/api/screenings/evaluate')).toBe(false);
    fireEvent.click(screen.getByTestId('screen-see-result'));
    expect((await screen.findByTestId('screening-suggestion')).textContent).toBe('Possible victim of trafficking in persons');
    expect(screen.getByTestId('element-act').getAttribute('data-status')).toBe('met');
    expect(screen.getByTestId('provision-TIP-3c')).toBeTruthy();
    // A status without the kind of organisation that decided is not stored.
    fireEvent.change(screen.getByTestId('screen-decision-status'), { target: { value: 'PossibleVictimOfTrafficking' } });
    expect(screen.getByTestId('screen-store').hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByTestId('screen-decision-org'), { target: { value: 'Police' } });
    fireEvent.click(screen.getByTestId('screen-store'));
    expect(await screen.findByTestId('screen-stored')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/screenings'))?.body).toEqual({
      countryCode: 'PK',
      age: 16,
      answers: { act_transported: 'yes', purpose_labour: 'yes' },
      decision: { traffickingStatus: 'PossibleVictimOfTrafficking', decisionMakingOrg: 'Police' },
    });
    // The stored one is open with its elements, its decision and rules version; a correction starts from its answers.
    const card = await screen.findByTestId('stored-screening-1');
    expect(within(card).getByTestId('stored-screening-decision').textContent).toContain('Possible victim of trafficking');
    expect(within(card).getByTestId('stored-screening-meta').textContent).toContain('PK-2018.1');
    expect(within(card).getByTestId('screening-legal-basis')).toBeTruthy();
    fireEvent.click(within(card).getByTestId('stored-screening-correct'));
    expect(screen.getByTestId('screen-correcting').textContent).toContain('version 1 stays as it was');
    expect(screen.getByTestId('q-act_transported-yes').getAttribute('aria-pressed')).toBe('true');
  });
});

describe('a supervisor and the person’s requests', () => {
  it('erases only once the reference is typed, and shows the case without the person after', async () => {
    let erased = false;
    const calls = serve((call) => {
      if (call.method === 'POST' && call.path === `/api/cases/${ITEM.id}/erase`) {
        erased = true;
        return json({ ...DETAIL, fullName: null, victim: null, narrative: null, anonymisedAt: '2026-03-05T10:00:00.000Z' });
      }
      if (call.path === `/api/cases/${ITEM.id}`) return json(erased ? { ...DETAIL, victim: null, anonymisedAt: '2026-03-05T10:00:00.000Z' } : DETAIL);
      return undefined;
    });
    renderAs('supervisor', `/cases/${ITEM.id}`);
    fireEvent.click(await screen.findByTestId('case-erase'));
    const typed = await screen.findByTestId('case-erase-reference');
    fireEvent.input(typed, { target: { value: 'PK-2026-000002' } });
    expect(screen.getByTestId('case-erase-submit').hasAttribute('disabled')).toBe(true);
    fireEvent.input(typed, { target: { value: ' pk-2026-000001 ' } });
    fireEvent.click(screen.getByTestId('case-erase-submit'));
    expect(await screen.findByTestId('case-anonymised')).toBeTruthy();
    expect(calls.find((c) => c.path.endsWith('/erase'))?.body).toEqual({ confirmReference: 'PK-2026-000001' });
    // Nothing left to export or erase; no screening can be added to it.
    expect(screen.queryByTestId('case-export')).toBeNull();
    expect(screen.queryByTestId('case-erase')).toBeNull();
  });

  it('shows the export’s password once, with the archive to save, and forgets both on closing', async () => {
    // jsdom has no object URLs: the archive's link is made through these.
    const createObjectURL = vi.fn((blob: Blob) => (blob.size === 4 ? 'blob:archive' : 'blob:wrong'));
    const revokeObjectURL = vi.fn();
    const saved = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    onTestFinished(() => {
      Object.assign(URL, saved);
    });
    serve((call) => {
      if (call.method === 'POST' && call.path === `/api/cases/${ITEM.id}/export`) {
        return json({ fileName: 'PK-2026-000001.zip', password: 'abcde-fghij-klmno-pqrst-uvwxy', archive: btoa('PK\u0003\u0004') }, 201);
      }
      if (call.path === `/api/cases/${ITEM.id}`) return json(DETAIL);
      return undefined;
    });
    renderAs('supervisor', `/cases/${ITEM.id}`);
    fireEvent.click(await screen.findByTestId('case-export'));
    fireEvent.click(await screen.findByTestId('case-export-make'));
    expect((await screen.findByTestId('case-export-password')).textContent).toBe('abcde-fghij-klmno-pqrst-uvwxy');
    expect(screen.getByTestId('case-export-once').textContent).toContain('shown only now');
    const download = await screen.findByTestId('case-export-download');
    expect(download.getAttribute('href')).toBe('blob:archive');
    expect(download.getAttribute('download')).toBe('PK-2026-000001.zip');
    fireEvent.click(screen.getByTestId('case-export-close'));
    await waitFor(() => expect(screen.queryByTestId('case-export-password')).toBeNull());
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:archive');
  });
});
