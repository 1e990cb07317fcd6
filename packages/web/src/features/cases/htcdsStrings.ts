import { addStrings } from '../../i18n';
import en from '../../i18n/htcds.en.json';
import ur from '../../i18n/htcds.ur.json';

/** HTCDS exchange ('htcds:…' keys): the export menu, the case's download, the import page; brought by the case pages only. */
addStrings('htcds', { en, ur });
