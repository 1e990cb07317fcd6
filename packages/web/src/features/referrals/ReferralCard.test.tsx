import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Referral } from '@hifazat/contract';
import { accountOf, recordApiCalls } from '../../test/case-roles';
import { renderWithProviders } from '../../test/render';
import { json } from '../../test/setup';
import { ReferralCard } from './ReferralCard';

const SENT: Referral = {
  id: '01900000-0000-7000-8000-000000000a01',
  caseId: '01900000-0000-7000-8000-000000000c01',
  caseReference: 'PK-2026-000001',
  service: { id: '01900000-0000-7000-8000-000000000501', name: 'Dar-ul-Aman Lahore', type: 'shelter' },
  referringAgency: { id: '01900000-0000-7000-8000-0000000000a1', name: 'FIA Lahore' },
  reason: 'Needs a safe place tonight',
  urgency: 'urgent',
  shares: ['name', 'languages'],
  status: 'sent',
  answer: null,
  consent: { id: '01900000-0000-7000-8000-000000000b01', givenAt: '2026-11-30T10:00:00.000Z', explainedInLanguage: 'ur' },
  override: null,
  person: { sex: 'female', age: 23, child: false, fullName: null, otherScriptName: null, phone: null, languages: ['ur'], supportPlan: null },
  referredBy: { id: accountOf('data_officer').id, name: 'Officer Asma' },
  referredAt: '2026-11-30T10:05:00.000Z',
  respondBy: '2026-12-01T10:05:00.000Z',
  overdue: true,
  respondedBy: null,
  respondedAt: null,
  delivered: null,
  outcomeNote: null,
  outcomeAt: null,
  closedAt: null,
  closingNote: null,
  serviceAddress: null,
  may: { respond: true, outcome: false, close: false, withdraw: false },
};

describe('a referral as its provider sees it', () => {
  it('says the name comes with acceptance, marks it overdue, and declines only with a reason', async () => {
    const calls = recordApiCalls((call) =>
      call.path === `/api/referrals/${SENT.id}/respond` ? json({ ...SENT, status: 'declined', may: { ...SENT.may, respond: false } }) : undefined,
    );
    renderWithProviders(<ReferralCard referral={SENT} />);
    expect(screen.getByTestId('referral-overdue')).toBeTruthy();
    expect(screen.queryByTestId('referral-person-name')).toBeNull();
    expect(screen.getByText('Name and contact are shown once you accept.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('referral-decline'));
    const confirm = screen.getByTestId('referral-confirm');
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByTestId('referral-note'), { target: { value: 'No beds free' } });
    fireEvent.click(screen.getByTestId('referral-confirm'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'declined', reason: 'No beds free' });
  });

  it('offers the referring agency no answer, and another service after a decline', () => {
    let asked: Referral | null = null;
    const declined: Referral = {
      ...SENT,
      status: 'declined',
      overdue: false,
      answer: 'No beds free',
      may: { respond: false, outcome: false, close: true, withdraw: false },
    };
    renderWithProviders(<ReferralCard referral={declined} onReferElsewhere={(r) => (asked = r)} />);
    expect(screen.queryByTestId('referral-accept')).toBeNull();
    expect(screen.getByText('Answer: No beds free')).toBeTruthy();
    fireEvent.click(screen.getByTestId('referral-elsewhere'));
    expect(asked).toBe(declined);
  });
});
