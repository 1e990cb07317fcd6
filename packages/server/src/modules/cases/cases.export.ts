import crypto from 'node:crypto';
import { Uint8ArrayWriter, TextReader, ZipWriter, configure } from '@zip.js/zip.js';
import type { CaseExport } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { notFound } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import type { DataKeyring } from '../../shared/data-key.js';
import { recordAccess } from '../audit/index.js';
import { scopeOf } from './cases.access.js';
import * as repo from './cases.repository.js';
import { caseHistory, getCase } from './cases.service.js';

// In the server process, not in web workers (there are none in Node).
configure({ useWebWorkers: false });

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 5 groups of 5 from 31 symbols: about 124 bits, typed once by the person who opens the archive. */
export function archivePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 5; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += ALPHABET[crypto.randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

const README = [
  'Hifazat: export of one case file at the request of the person it concerns.',
  'case.json holds the file as the system keeps it (the person, the identification, the screenings);',
  'history.json who opened, changed, read or exported it, and when.',
  '',
  'حفاظت: متعلقہ شخص کی درخواست پر ایک کیس فائل کی برآمد۔',
  'case.json میں فائل ہے (شخص، شناخت، اسکریننگ)؛ history.json میں یہ کہ کس نے کب اسے کھولا، بدلا، پڑھا یا برآمد کیا۔',
  '',
].join('\n');

/**
 * A person's data on their request, by a supervisor of the case's agency: a ZIP encrypted with AES-256
 * (WinZip AE-2, which 7-Zip, WinZip and most archive tools open) under a password made here and shown
 * once; the server keeps neither. The export is audited in the same transaction as the read.
 */
export async function exportCase(db: Db, keys: DataKeyring, actor: Actor, id: string): Promise<CaseExport> {
  const { detail, history } = await db.transaction().execute(async (trx) => {
    const row = await repo.findCaseInScope(trx, { ...(await scopeOf(trx, actor)), grantsOf: null }, id);
    if (!row || !toBoolean(row.in_agency_scope)) throw notFound('Case');
    await recordAccess(trx, { entityType: 'case', entityId: id, action: 'export', userId: actor.id, note: 'on the person’s request (encrypted archive)' });
    return { detail: await getCase(trx, keys, actor, id), history: await caseHistory(trx, actor, id) };
  });
  const password = archivePassword();
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3 });
  await writer.add('README.txt', new TextReader(README));
  await writer.add('case.json', new TextReader(JSON.stringify(detail, null, 2)));
  await writer.add('history.json', new TextReader(JSON.stringify(history, null, 2)));
  const archive = await writer.close();
  return { fileName: `${detail.reference}.zip`, password, archive: Buffer.from(archive).toString('base64') };
}
