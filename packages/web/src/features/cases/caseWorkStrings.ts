import { addStrings } from '../../i18n';
import en from '../../i18n/caseWork.en.json';
import ur from '../../i18n/caseWork.ur.json';

/** Case management by the SOPs ('caseWork:…' keys): workflow, tasks, care file, justice track; brought by the case page only. */
addStrings('caseWork', { en, ur });
