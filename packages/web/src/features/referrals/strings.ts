import { addStrings } from '../../i18n';
import en from '../../i18n/referrals.en.json';
import ur from '../../i18n/referrals.ur.json';

/** Consent and referral ('referrals:…' keys): brought by the referrals page and the case's referrals tab only. */
addStrings('referrals', { en, ur });
