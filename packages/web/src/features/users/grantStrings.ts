import { addStrings } from '../../i18n';
import en from '../../i18n/userGrants.en.json';
import ur from '../../i18n/userGrants.ur.json';

/** The Users page's case grants ('userGrants:…' keys): the justice track's grant (issue 13). */
addStrings('userGrants', { en, ur });
