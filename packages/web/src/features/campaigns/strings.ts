import { addStrings } from '../../i18n';
import en from '../../i18n/campaigns.en.json';
import ur from '../../i18n/campaigns.ur.json';

/** The campaigns' strings ('campaigns:…' keys), both languages, brought by the campaign pages' chunks only. */
addStrings('campaigns', { en, ur });
