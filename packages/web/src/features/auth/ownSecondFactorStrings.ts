import { addStrings } from '../../i18n';
import en from '../../i18n/ownSecondFactor.en.json';
import ur from '../../i18n/ownSecondFactor.ur.json';

/** "Two-step sign-in" from the account menu ('ownSecondFactor:…'): with the menu's chunk, out of every page's first load. */
addStrings('ownSecondFactor', { en, ur });
