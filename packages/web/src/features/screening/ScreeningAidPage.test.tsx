import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { EvaluateScreeningBody, ScreeningEvaluation } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { answerApi, json, setPhone } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import ScreeningAidPage from './ScreeningAidPage';

const localized = (en: string) => ({ en, ur: `اردو ${en}` });
const element = (
  name: ScreeningEvaluation['elements'][number]['element'],
  value: boolean | null,
  extra: Partial<ScreeningEvaluation['elements'][number]> = {},
) => ({
  element: name,
  kind: ['act', 'means', 'purpose'].includes(name) ? ('tip' as const) : ('som' as const),
  value,
  notRequired: false,
  supportingAnswers: [],
  openQuestions: [],
  source: 'answers' as const,
  ...extra,
});

/** What the server answers for a 14-year-old moved for labour without any means, with an emergency. */
const CHILD: ScreeningEvaluation = {
  suggestion: 'tip',
  elements: [
    element('act', true, { supportingAnswers: [{ questionId: 'act_transported', answer: 'yes' }] }),
    element('means', null, { notRequired: true, openQuestions: ['means_force'] }),
    element('purpose', true, { supportingAnswers: [{ questionId: 'purpose_labour', answer: 'yes' }] }),
    element('irregularEntry', false),
    element('facilitation', false),
    element('benefit', false),
  ],
  legalBasis: [
    {
      id: 'TIP-3c',
      citation: 'Trafficking in Persons Protocol, art. 3(c)',
      title: localized('A child needs no means'),
      text: 'The recruitment, transportation … of a child … even if this does not involve any of the means',
      textKind: 'quoted',
      summary: localized('For a child, the act and the exploitative purpose are enough.'),
      penalty: null,
      confirmed: true,
      source: null,
      instrument: 'UN-TIP',
      instrumentTitle: localized('Trafficking in Persons Protocol (2000)'),
      kind: 'tip',
      level: 'international',
      met: true,
    },
    {
      id: 'PTPA-3-1',
      citation: 'Prevention of Trafficking in Persons Act 2018, s. 3(1)',
      title: localized('Offence of trafficking in persons'),
      text: 'Any person who recruits, harbours, transports, provides or obtains another person …',
      textKind: 'quoted',
      summary: localized('Narrower than the Protocol.'),
      penalty: localized('Imprisonment up to 7 years, or a fine up to PKR 1 million, or both.'),
      confirmed: false,
      source: 'https://example.org/ptpa',
      instrument: 'PK-PTPA',
      instrumentTitle: localized('Prevention of Trafficking in Persons Act 2018 (Pakistan)'),
      kind: 'tip',
      level: 'national',
      met: false,
    },
  ],
  competentAgency: {
    scope: 'tip_internal',
    name: { en: 'Provincial police', ur: 'صوبائی پولیس' },
    note: null,
    confirmed: false,
    source: null,
    borderUnknown: false,
    alternative: null,
  },
  rulesVersion: 'PK-2018.1',
  internationalRulesVersion: 'INTL-2000.1',
  countryCode: 'PK',
  fallbackToInternational: false,
  evaluations: [
    {
      instrument: 'UN-TIP',
      kind: 'tip',
      level: 'international',
      title: localized('Trafficking in Persons Protocol (2000)'),
      met: true,
      elements: {},
      meansRequired: false,
      notes: ['child_no_means_needed'],
      caveat: null,
      provisionIds: ['TIP-3c'],
    },
    {
      instrument: 'PK-PTPA',
      kind: 'tip',
      level: 'national',
      title: localized('Prevention of Trafficking in Persons Act 2018 (Pakistan)'),
      met: false,
      elements: {},
      meansRequired: true,
      notes: ['means_required_for_child'],
      caveat: null,
      provisionIds: ['PTPA-3-1'],
    },
  ],
  instrumentsDiffer: true,
  emergency: { referralFirst: true, reasons: ['unaccompaniedChild'] },
  isChild: true,
  crossBorder: false,
  vulnerableMigrant: false,
  followUpQuestions: [],
  stored: false,
};

function render() {
  const sent: EvaluateScreeningBody[] = [];
  answerApi((path, init) => {
    if (path === '/api/screenings/evaluate') {
      sent.push(JSON.parse(String(init?.body)) as EvaluateScreeningBody);
      return json(CHILD);
    }
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  renderWithProviders(
    <Routes>
      <Route path="/screening-aid" element={<ScreeningAidPage />} />
    </Routes>,
    { route: '/screening-aid' },
  );
  return sent;
}

describe('the screening aid', () => {
  it('asks nothing until answered, then sends the answers and shows the emergency first, the suggestion and the elements', async () => {
    const sent = render();
    expect(await screen.findByTestId('screening-start')).toBeTruthy();
    expect(screen.getByTestId('screening-disclaimer').textContent).toContain('nothing is stored');
    expect(sent).toHaveLength(0);

    fireEvent.click(screen.getByTestId('q-act_transported-yes'));
    fireEvent.click(screen.getByTestId('q-purpose_labour-yes'));
    fireEvent.click(screen.getByTestId('q-means_force-unknown'));
    fireEvent.click(screen.getByTestId('q-emergency_unaccompanied_child-yes'));
    // A second press takes an answer back.
    fireEvent.click(screen.getByTestId('q-benefit_paid-no'));
    fireEvent.click(screen.getByTestId('q-benefit_paid-no'));
    expect(screen.getByTestId('q-act_transported-yes').getAttribute('aria-pressed')).toBe('true');

    await waitFor(() => expect(screen.getByTestId('screening-suggestion').textContent).toBe('Possible victim of trafficking in persons'));
    // The last state was asked for (or answered from the cache when the same answers were asked before).
    await waitFor(() =>
      expect(sent).toContainEqual({
        countryCode: 'PK',
        age: null,
        answers: { act_transported: 'yes', purpose_labour: 'yes', means_force: 'unknown', emergency_unaccompanied_child: 'yes' },
      }),
    );
    const result = screen.getByTestId('screening-result');
    // The emergency comes before the suggestion.
    const emergency = within(result).getByTestId('screening-emergency');
    expect(emergency.compareDocumentPosition(within(result).getByTestId('screening-suggestion')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(emergency.textContent).toContain('Unaccompanied child');
    expect(screen.getByTestId('element-means').textContent).toContain('Not required — child');
    expect(screen.getByTestId('element-act-support').textContent).toContain('move the person');
    expect(screen.getByTestId('evaluation-PK-PTPA').textContent).toContain('This reading requires means even for a child.');
    expect(screen.getByTestId('screening-differs')).toBeTruthy();
    expect(screen.getByTestId('screening-agency-name').textContent).toBe('Provincial police');
    expect(screen.getByTestId('provision-PTPA-3-1-unconfirmed').textContent).toBe('unconfirmed');
    expect(screen.queryByTestId('provision-TIP-3c-unconfirmed')).toBeNull();
    expect(screen.getByTestId('screening-rules-version').textContent).toContain('PK-2018.1');
  });

  it('speaks Urdu on a phone: the questions, the answer buttons and the rules’ own Urdu', async () => {
    setPhone(true);
    await i18n.changeLanguage('ur');
    try {
      render();
      expect((await screen.findByTestId('q-act_recruited-yes')).textContent).toBe('ہاں');
      fireEvent.click(screen.getByTestId('q-act_recruited-declined'));
      await waitFor(() => expect(screen.getByTestId('screening-suggestion').textContent).toBe('ممکنہ طور پر انسانی تجارت کا شکار'));
      expect(screen.getByTestId('screening-agency-name').textContent).toBe('صوبائی پولیس');
      expect(screen.getByTestId('element-means').textContent).toContain('ضروری نہیں — بچہ');
      expect(document.documentElement.dir).toBe('rtl');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('a case study opened from its address', () => {
  it('starts with its country, age and answers, ignoring what is not a question or an answer', async () => {
    const sent: EvaluateScreeningBody[] = [];
    answerApi((path, init) => {
      sent.push(JSON.parse(String(init?.body)) as EvaluateScreeningBody);
      return json(CHILD);
    });
    renderWithProviders(
      <Routes>
        <Route path="/screening-aid" element={<ScreeningAidPage />} />
      </Routes>,
      { route: '/screening-aid?country=pk&age=14&answers=act_transported:yes,purpose_labour:yes,nonsense:yes,means_force:maybe' },
    );
    await waitFor(() => expect(sent).toEqual([{ countryCode: 'PK', age: 14, answers: { act_transported: 'yes', purpose_labour: 'yes' } }]));
    expect(screen.getByTestId('q-act_transported-yes').getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('screening-age') as HTMLInputElement).value).toBe('14');
  });
});
