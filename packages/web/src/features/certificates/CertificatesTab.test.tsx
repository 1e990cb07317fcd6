import 'fake-indexeddb/auto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Certificate, CertificateSettings, Event, IssueCertificatesResult, ParticipantList } from '@hifazat/contract';
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

type Sent = { method: string; path: string; body: unknown };

function serve(
  list: () => Certificate[],
  issue: () => IssueCertificatesResult = () => ({ certificates: [], skipped: [], hidden: 0, counts: { issued: 0, existing: 0, skipped: 0 } }),
) {
  const sent: Sent[] = [];
  answerApi((path, init) => {
    const method = init?.method ?? 'GET';
    if (method !== 'GET') sent.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (path === '/api/events/ev1/certificates/settings' && method === 'PATCH') return json({ ...SETTINGS, ...(JSON.parse(String(init?.body)) as object) });
    if (path === '/api/events/ev1/certificates/settings') return json(SETTINGS);
    if (path === '/api/events/ev1/certificates' && method === 'GET') return json({ items: list(), hidden: 0 });
    if (path === '/api/events/ev1/participants') return json(PARTICIPANTS);
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
});
