import { addStrings } from '../../i18n';
import en from '../../i18n/indicators.en.json';
import ur from '../../i18n/indicators.ur.json';

/** The logframe's and donor report's strings ('indicators:…' keys), brought by their pages' chunks. */
addStrings('indicators', { en, ur });
