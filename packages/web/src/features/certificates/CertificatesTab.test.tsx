import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Certificate, CertificateSettings, Event, HistoryEntry, IssueCertificatesResult, ParticipantList } from '@hifazat/contract';
import { answerApi, json, setPhone } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import CertificatesTab from './CertificatesTab';

const EVENT: Event = {
  id: 'ev1',
  programmeId: 'pg1',
  programmeName: 'Counter-trafficking programme',
  title: 'Victim identification workshop',
  type: 'workshop',
  series: null,
  startDate: '2026-03-09',
  endDate: '2026-03-10',
  city: 'Gilgit',
  province: null,
  countryCode: 'PK',
  venue: null,
  status: 'held',
  topics: [],
  learningObjectives: null,
  organizers: [],
  partners: [],
  trainerUserIds: [],
  trainers: [],
  hiddenOrganizers: 0,
  hiddenPartners: 0,
  hiddenTrainers: 0,
  participantCount: 3,
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
};
const SETTINGS: CertificateSettings = {
  eventId: 'ev1',
  training: true,
  participation: true,
  printing: 'en',
  programmeName: null,
  defaultProgrammeName: 'Counter-trafficking programme',
  logos: [],
  updatedAt: null,
};
const certificate = (number: string, holderName: string, changes: Partial<Certificate> = {}): Certificate => ({
  number,
  eventId: 'ev1',
  personId: `p-${holderName}`,
  kind: 'participation',
  holderName,
  event: { title: EVENT.title, startDate: EVENT.startDate, endDate: EVENT.endDate },
  printing: 'en',
  issuedOn: '2026-03-11',
  issuedAt: '2026-03-11T09:00:00.000Z',
  issuedBy: null,
  keyId: 'QX7T2MBA',
  qr: 'HZC1:X',
  revoked: false,
  revokedAt: null,
  revokedBy: null,
  revokedReason: null,
  ...changes,
});
const person = (personId: string, fullName: string) => ({
  personId,
  fullName,
  hidden: false,
  sex: 'female' as const,
  designation: null,
  province: null,
  organization: null,
  role: 'participant' as const,
  attendedDirect: false,
  presentDates: [],
  absentDates: [],
  attended: false,
});
const PARTICIPANTS: ParticipantList = { items: [person('p2', 'Bushra Khan'), person('p3', 'Asma Noor')], days: [] };
const HIDDEN_PARTICIPANT = { ...person('x', 'x'), personId: null, fullName: null, hidden: true };

const entry = (changes: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'h1',
  at: '2026-03-11T09:00:00.000Z',
  action: 'create',
  userId: 'u1',
  userName: 'Saima Iqbal',
  userHidden: false,
  changes: {},
  note: null,
  refs: {},
  ...changes,
});

type Sent = { method: string; path: string; body: unknown };

function serve(
  list: () => Certificate[],
  issue: () => IssueCertificatesResult = () => ({ certificates: [], skipped: [], hidden: 0, counts: { issued: 0, existing: 0, skipped: 0 } }),
  participants: ParticipantList = PARTICIPANTS,
  history: Record<string, HistoryEntry[]> = {},
) {
  const sent: Sent[] = [];
  answerApi((path, init) => {
    const method = init?.method ?? 'GET';
    if (method !== 'GET') sent.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (path === '/api/events/ev1/certificates/settings' && method === 'PATCH') return json({ ...SETTINGS, ...(JSON.parse(String(init?.body)) as object) });
    if (path === '/api/events/ev1/certificates/settings') return json(SETTINGS);
    if (path === '/api/events/ev1/certificates' && method === 'GET') return json({ items: list(), hidden: 0 });
    if (path === '/api/events/ev1/participants') return json(participants);
    const historyOf = /^\/api\/certificates\/([^/]+)\/history$/.exec(path);
    if (historyOf) return json({ items: history[decodeURIComponent(historyOf[1] ?? '')] ?? [] });
    if (path === '/api/events/ev1/certificates/issue' && method === 'POST') return json(issue());
    const revoke = /^\/api\/certificates\/([^/]+)\/revoke$/.exec(path);
    if (revoke && method === 'POST') return json(certificate(decodeURIComponent(revoke[1] ?? ''), 'x', { revoked: true }));
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  return sent;
}

describe("the event's Certificates tab", () => {
  it('issues for everyone and says how many were issued, already had one, and why the others got none', async () => {
    let issued = false;
    const sent = serve(
      () => (issued ? [certificate('HZ-2026-AAAA-BBBB', 'Amina Bibi')] : []),
      () => {
        issued = true;
        return {
          certificates: [{ number: 'HZ-2026-AAAA-BBBB', personId: 'p1', kind: 'participation', qr: 'HZC1:X', holderName: 'Amina Bibi', existing: false }],
          skipped: [
            { personId: 'p2', reason: 'did_not_attend' },
            { personId: 'p3', reason: 'did_not_attend' },
          ],
          hidden: 0,
          counts: { issued: 1, existing: 0, skipped: 2 },
        };
      },
    );
    renderWithProviders(<CertificatesTab event={EVENT} editable />);
    expect(await screen.findByTestId('certificates-none')).toBeTruthy();
    fireEvent.click(screen.getByTestId('certificates-issue'));
    fireEvent.click(await screen.findByTestId('certificates-issue-confirm-ok'));
    expect((await screen.findByTestId('certificates-issue-counts')).textContent).toBe('Issued: 1 · already had one: 0 · no certificate: 2');
    const skipped = screen.getByTestId('certificates-skipped');
    await waitFor(() => expect(skipped.textContent).toContain('Asma Noor, Bushra Khan'));
    expect(skipped.textContent).toContain('2 · did not attend');
    expect(sent).toEqual([{ method: 'POST', path: '/api/events/ev1/certificates/issue', body: {} }]);
    // The list is read again and shows the new certificate with its downloads.
    const row = await screen.findByTestId('certificate-row');
    expect(row.textContent).toContain('HZ-2026-AAAA-BBBB');
    expect(within(row).getByTestId('certificate-pdf-ur').getAttribute('href')).toBe('/api/certificates/HZ-2026-AAAA-BBBB/pdf?lang=ur');
    expect(within(row).getByTestId('certificate-badge').getAttribute('href')).toBe('/api/certificates/HZ-2026-AAAA-BBBB/credential');
  });

  it('revokes only with a reason, and sends the reason', async () => {
    const sent = serve(() => [certificate('HZ-2026-AAAA-BBBB', 'Amina Bibi')]);
    renderWithProviders(<CertificatesTab event={EVENT} editable />);
    fireEvent.click(await screen.findByTestId('certificate-revoke'));
    fireEvent.click(await screen.findByTestId('certificate-revoke-ok'));
    expect(await screen.findByText('Write the reason')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.input(screen.getByTestId('certificate-revoke-reason'), { target: { value: ' Name misspelt ' } });
    fireEvent.click(screen.getByTestId('certificate-revoke-ok'));
    await waitFor(() => expect(sent).toEqual([{ method: 'POST', path: '/api/certificates/HZ-2026-AAAA-BBBB/revoke', body: { reason: 'Name misspelt' } }]));
  });

  it('shows a viewer the list and downloads, as cards on a phone, with no way to issue, revoke or change settings', async () => {
    setPhone(true);
    serve(() => [
      certificate('HZ-2026-AAAA-BBBB', 'Amina Bibi'),
      certificate('HZ-2026-CCCC-DDDD', 'Bushra Khan', { revoked: true, revokedAt: '2026-03-12T10:00:00.000Z', revokedReason: 'Duplicate' }),
    ]);
    renderWithProviders(<CertificatesTab event={EVENT} editable={false} />);
    const cards = await screen.findByTestId('certificates-cards');
    expect(within(cards).getAllByTestId('certificate-row')).toHaveLength(2);
    expect(
      within(cards)
        .getAllByTestId('certificate-status')
        .map((b) => b.textContent),
    ).toEqual(['Valid', 'Revoked']);
    expect(cards.textContent).toContain('Reason: Duplicate');
    expect(within(cards).getAllByTestId('certificate-pdf-en')).toHaveLength(2);
    expect(screen.getByTestId('certificates-zip')).toBeTruthy();
    expect(screen.queryByTestId('certificates-issue')).toBeNull();
    expect(screen.queryByTestId('certificate-revoke')).toBeNull();
    expect(screen.queryByTestId('certificate-settings-edit')).toBeNull();
    expect(screen.getByTestId('certificate-settings-summary').textContent).toBe('Training certificate, Certificate of participation · printed in English');
  });

  it("saves the settings: which certificates, the language, and an emptied programme name as null (the programme's own)", async () => {
    const sent = serve(() => []);
    renderWithProviders(<CertificatesTab event={EVENT} editable />);
    fireEvent.click(await screen.findByTestId('certificate-settings-edit'));
    fireEvent.click(await screen.findByTestId('certificate-settings-participation'));
    fireEvent.click(within(screen.getByTestId('certificate-settings-printing')).getByLabelText('English and Urdu'));
    fireEvent.input(screen.getByTestId('certificate-settings-programme'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('certificate-settings-save'));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: 'PATCH',
          path: '/api/events/ev1/certificates/settings',
          body: { training: true, participation: false, printing: 'both', programmeName: null },
        },
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('certificate-settings-summary').textContent).toBe('Training certificate · printed in English and Urdu'));
  });

  it('issues for the people ticked only, found by name; hides other countries’ participants and says who has a certificate', async () => {
    let issued = false;
    const sent = serve(
      () => [
        certificate('HZ-2026-AAAA-BBBB', 'Bushra Khan', { personId: 'p2' }),
        ...(issued ? [certificate('HZ-2026-CCCC-DDDD', 'Asma Noor', { personId: 'p3' })] : []),
      ],
      () => {
        issued = true;
        return {
          certificates: [{ number: 'HZ-2026-CCCC-DDDD', personId: 'p3', kind: 'participation', qr: 'HZC1:X', holderName: 'Asma Noor', existing: false }],
          skipped: [],
          hidden: 0,
          counts: { issued: 1, existing: 0, skipped: 0 },
        };
      },
      { items: [...PARTICIPANTS.items, { ...person('p4', 'Zainab Ali'), role: 'trainer' as const, attended: true }, HIDDEN_PARTICIPANT], days: [] },
    );
    renderWithProviders(<CertificatesTab event={EVENT} editable />);
    await screen.findByTestId('certificate-row');
    fireEvent.click(screen.getByTestId('certificates-issue-chosen'));
    const modal = await screen.findByTestId('certificates-choose-modal');
    await waitFor(() => expect(within(modal).getAllByTestId('certificates-choose-person')).toHaveLength(3));
    // Sorted by name; the trainer's role said; the one with a certificate marked; the hidden one counted, not named.
    const people = within(modal).getAllByTestId('certificates-choose-person');
    expect(people.map((p) => p.getAttribute('data-person'))).toEqual(['p3', 'p2', 'p4']);
    expect(people[1]?.textContent).toContain('has a certificate');
    expect(people[2]?.textContent).toContain('Trainer · attended');
    expect(modal.textContent).toContain('Participants of other countries, not shown: 1');
    const issueButton = within(modal).getByTestId('certificates-choose-issue') as HTMLButtonElement;
    expect(issueButton.disabled).toBe(true);

    // Found by name, ticked, then issued.
    fireEvent.input(within(modal).getByTestId('certificates-choose-search'), { target: { value: 'asma' } });
    await waitFor(() => expect(within(modal).getAllByTestId('certificates-choose-person')).toHaveLength(1));
    fireEvent.click(within(modal).getByTestId('certificates-choose-all'));
    expect(within(modal).getByTestId('certificates-choose-count').textContent).toBe('Selected: 1');
    expect(issueButton.textContent).toBe('Issue for selected (1)');
    fireEvent.click(issueButton);
    await waitFor(() => expect(sent).toEqual([{ method: 'POST', path: '/api/events/ev1/certificates/issue', body: { personIds: ['p3'] } }]));
    expect((await screen.findByTestId('certificates-issue-counts')).textContent).toBe('Issued: 1 · already had one: 0 · no certificate: 0');
    await waitFor(() => expect(screen.queryByTestId('certificates-choose-modal')).toBeNull());
    await waitFor(() => expect(screen.getAllByTestId('certificate-row')).toHaveLength(2));
  });

  it('clears the choice and ticks people one by one', async () => {
    const sent = serve(() => []);
    renderWithProviders(<CertificatesTab event={EVENT} editable />);
    fireEvent.click(await screen.findByTestId('certificates-issue-chosen'));
    const modal = await screen.findByTestId('certificates-choose-modal');
    await waitFor(() => expect(within(modal).getAllByTestId('certificates-choose-person')).toHaveLength(2));
    fireEvent.click(within(modal).getByTestId('certificates-choose-all'));
    expect(within(modal).getByTestId('certificates-choose-count').textContent).toBe('Selected: 2');
    fireEvent.click(within(modal).getByTestId('certificates-choose-clear'));
    expect(within(modal).getByTestId('certificates-choose-count').textContent).toBe('Selected: 0');
    fireEvent.click(within(modal).getByLabelText('Bushra Khan'));
    fireEvent.click(within(modal).getByTestId('certificates-choose-issue'));
    await waitFor(() => expect(sent).toEqual([{ method: 'POST', path: '/api/events/ev1/certificates/issue', body: { personIds: ['p2'] } }]));
  });

  it('shows who issued and who revoked a certificate, when and why, from its history', async () => {
    serve(
      () => [
        certificate('HZ-2026-CCCC-DDDD', 'Bushra Khan', {
          issuedBy: { id: 'u1', name: 'Saima Iqbal' },
          revoked: true,
          revokedAt: '2026-03-12T10:00:00.000Z',
          revokedBy: { id: 'u2', name: 'Tariq Mehmood' },
          revokedReason: 'Name misspelt',
        }),
      ],
      undefined,
      PARTICIPANTS,
      {
        'HZ-2026-CCCC-DDDD': [
          entry({
            id: 'h2',
            at: '2026-03-12T10:00:00.000Z',
            action: 'update',
            userId: 'u2',
            userName: 'Tariq Mehmood',
            changes: { revokedAt: { from: null, to: '2026-03-12T10:00:00.000Z' }, revokedReason: { from: null, to: 'Name misspelt' } },
          }),
          entry({ changes: { number: { from: null, to: 'HZ-2026-CCCC-DDDD' } } }),
        ],
      },
    );
    renderWithProviders(<CertificatesTab event={EVENT} editable={false} />);
    const row = await screen.findByTestId('certificate-row');
    expect(within(row).getByTestId('certificate-issued-by').textContent).toBe('By Saima Iqbal');
    expect(within(row).getByTestId('certificate-revoked-note').textContent).toContain('By Tariq Mehmood · Reason: Name misspelt');
    fireEvent.click(within(row).getByTestId('certificate-history-open'));
    const modal = await screen.findByTestId('certificate-history-modal');
    await waitFor(() => expect(within(modal).getAllByTestId('certificate-history-entry')).toHaveLength(2));
    // Oldest first: issued, then revoked with the reason.
    const entries = within(modal).getAllByTestId('certificate-history-entry');
    expect(entries.map((e) => e.getAttribute('data-step'))).toEqual(['issued', 'revoked']);
    expect(within(entries[0] as HTMLElement).getByTestId('certificate-history-author').textContent).toBe('By Saima Iqbal');
    expect(within(entries[1] as HTMLElement).getByTestId('certificate-history-author').textContent).toBe('By Tariq Mehmood');
    expect(within(entries[1] as HTMLElement).getByTestId('certificate-history-reason').textContent).toBe('Reason: Name misspelt');
  });
});
