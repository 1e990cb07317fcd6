import { describe, expect, it } from 'vitest';
import { changeLanguage, i18n } from '../../i18n';
import { agencyBody, canonicalProvinces, lacksAgency } from './agency';

const AGENCY = '0190f0a1-0000-4000-8000-0000000000a1';

describe("an account's agency and provinces", () => {
  it('keeps provinces under the names cases are stored with, whatever language they were typed in', async () => {
    await changeLanguage('ur');
    try {
      // Picked in Urdu, typed with other spacing or case, a free name, a blank and a repeat.
      expect(canonicalProvinces(['سندھ', ' punjab ', 'Gilgit-Baltistan', 'Kabul  Province', '  ', 'Sindh'], i18n.t)).toEqual([
        'Sindh',
        'Punjab',
        'Gilgit-Baltistan',
        'Kabul Province',
      ]);
    } finally {
      await changeLanguage('en');
    }
  });

  it('sends an agency to the case roles only, and provinces to data officers only (none: every province)', () => {
    const t = i18n.t;
    expect(agencyBody({ role: 'data_officer', organizationId: AGENCY, provinces: ['Punjab'] }, t)).toEqual({ organizationId: AGENCY, provinces: ['Punjab'] });
    expect(agencyBody({ role: 'data_officer', organizationId: '', provinces: [] }, t)).toEqual({ organizationId: null, provinces: null });
    // A supervisor sees the agency's cases in every province: provinces left in the form are not sent.
    expect(agencyBody({ role: 'supervisor', organizationId: AGENCY, provinces: ['Punjab'] }, t)).toEqual({ organizationId: AGENCY, provinces: null });
    // Moved off the case roles: the agency goes too.
    expect(agencyBody({ role: 'trainer', organizationId: AGENCY, provinces: ['Punjab'] }, t)).toEqual({ organizationId: null, provinces: null });
  });

  it('warns about data officers and supervisors without an agency, not about the other roles', () => {
    expect(lacksAgency({ role: 'data_officer', organizationId: null })).toBe(true);
    expect(lacksAgency({ role: 'supervisor', organizationId: null })).toBe(true);
    expect(lacksAgency({ role: 'supervisor', organizationId: AGENCY })).toBe(false);
    expect(lacksAgency({ role: 'analyst', organizationId: null })).toBe(false);
    expect(lacksAgency({ role: 'admin', organizationId: null })).toBe(false);
  });
});
