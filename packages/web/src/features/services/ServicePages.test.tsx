import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Service, User } from '@hifazat/contract';
import { accountOf, recordApiCalls, renderPagesAs } from '../../test/case-roles';
import { json, setPhone } from '../../test/setup';
import ServicePage from './ServicePage';
import ServicesPage from './ServicesPage';

const user = (role: User['role']): User => accountOf(role);

const SHELTER: Service = {
  id: '01900000-0000-7000-8000-000000000501',
  name: 'Dar-ul-Aman Lahore',
  description: null,
  type: 'shelter',
  status: 'active',
  organization: null,
  countryCode: 'PK',
  province: 'Punjab',
  district: 'Lahore',
  eligibility: { sexes: ['female'], minimumAge: 18, maximumAge: 60, nationalities: [], caseKinds: [], description: null },
  languages: ['ur'],
  openingHours: [],
  open24Hours: true,
  referralContact: { name: 'Intake desk', phone: '+924299990000', email: null },
  addressConfidential: true,
  address: null,
  addressWithheld: true,
  capacity: { bedsTotal: 20, bedsFree: 4, slotsOpen: null, updatedAt: '2026-03-01T09:00:00.000Z', updatedBy: { id: 'x', name: 'Provider Sana' } },
  providers: [],
  mayEdit: false,
  mayUpdateCapacity: false,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
};

const serve = recordApiCalls;
const renderAs = (role: User['role'], route: string) => renderPagesAs(user(role), route, { '/services': <ServicesPage />, '/services/:id': <ServicePage /> });

describe('the service directory', () => {
  it('sends the filters of the address, shows capacity on a phone, and offers no keeping to a data officer', async () => {
    setPhone(true);
    const calls = serve((call) => (call.path.startsWith('/api/services') ? json({ items: [SHELTER] }) : undefined));
    renderAs('data_officer', '/services?need=shelter&province=Punjab&sex=female&age=25&language=ur&bogus=1');
    expect(await screen.findByText('4 of 20 beds free')).toBeTruthy();
    const list = calls.find((c) => c.path.startsWith('/api/services'));
    expect(list?.path).toContain('need=shelter');
    expect(list?.path).toContain('age=25');
    expect(list?.path).toContain('language=ur');
    expect(list?.path).toContain('province=Punjab');
    expect(screen.queryByTestId('service-create')).toBeNull();
    setPhone(false);
  });

  it('says a confidential address is withheld, and lets the service’s provider update its free beds', async () => {
    const calls = serve((call) => {
      if (call.method === 'PATCH') return json({ ...SHELTER, mayUpdateCapacity: true, capacity: { ...SHELTER.capacity, bedsFree: 2 } });
      if (call.path.startsWith(`/api/services/${SHELTER.id}`)) return json({ ...SHELTER, mayUpdateCapacity: true });
      return undefined;
    });
    renderAs('service_provider', `/services/${SHELTER.id}`);
    expect(await screen.findByTestId('service-address-withheld')).toBeTruthy();
    const beds = screen.getByTestId('capacity-beds-free');
    fireEvent.input(beds, { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('capacity-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe(`/api/services/${SHELTER.id}/capacity`);
    expect(patch?.body).toEqual({ bedsFree: 2, slotsOpen: null });
    expect(await screen.findByTestId('capacity-saved')).toBeTruthy();
  });

  it('shows no capacity form to a reader who may not update it', async () => {
    serve((call) => (call.path.startsWith('/api/services/') ? json(SHELTER) : undefined));
    renderAs('data_officer', `/services/${SHELTER.id}`);
    expect(await screen.findByTestId('service-capacity-card')).toBeTruthy();
    expect(screen.queryByTestId('capacity-save')).toBeNull();
  });
});
