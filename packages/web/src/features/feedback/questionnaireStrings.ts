import { addStrings } from '../../i18n';
import en from '../../i18n/questionnaires.en.json';
import ur from '../../i18n/questionnaires.ur.json';

/**
 * The strings of questionnaire templates and of typing paper questionnaires in ('questionnaires:…'
 * keys), both languages, in the chunks that use them (the Questionnaires page, its form, the paper
 * entry): not in the public questionnaire page's first load, nor the Learning page's.
 */
addStrings('questionnaires', { en, ur });
