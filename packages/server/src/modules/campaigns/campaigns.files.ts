import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CampaignEvidenceType } from '@hifazat/contract';

/**
 * Evidence of campaigns (photos of banners, scanned pamphlets, broadcast logs): files in the data
 * folder beside the database, included in its backups (operations/backup-data-files.ts), named
 * DATA_DIR/campaign-evidence/<id>.<ext> after their row, never after what the uploader called them.
 * A file is written once and never changed; deleting its row (or its campaign) deletes it.
 */
export const EVIDENCE_FOLDER = 'campaign-evidence';

const EXTENSIONS: Record<CampaignEvidenceType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
/** The names an evidence file has in its folder (and in a backup): a UUID and one of the extensions. */
export const EVIDENCE_FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp|pdf)$/;

export const evidenceExtension = (type: CampaignEvidenceType): string => EXTENSIONS[type];
const evidenceFile = (dataDir: string, id: string, type: CampaignEvidenceType) => path.join(dataDir, EVIDENCE_FOLDER, `${id}.${EXTENSIONS[type]}`);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The file's type by its own first bytes, never by its name or the type the browser claims:
 * PNG (ISO/IEC 15948 §5.2 signature), JPEG (SOI FF D8 then a marker's FF), WebP (a RIFF container of
 * form type "WEBP"), PDF ("%PDF-" at the start, ISO 32000 §7.5.2). Anything else is refused.
 */
export function evidenceTypeOf(bytes: Buffer): CampaignEvidenceType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export const sha256Of = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** Written to a scratch name and renamed into place: a reader never sees half a file. */
export function writeEvidence(dataDir: string, id: string, type: CampaignEvidenceType, bytes: Buffer): void {
  const folder = path.join(dataDir, EVIDENCE_FOLDER);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = evidenceFile(dataDir, id, type);
  const scratch = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(scratch, bytes, { mode: 0o600, flag: 'wx' });
  fs.renameSync(scratch, file);
}

/** The file's bytes, or null when it is missing (a data folder copied without it). */
export function readEvidence(dataDir: string, id: string, type: CampaignEvidenceType): Buffer | null {
  try {
    return fs.readFileSync(evidenceFile(dataDir, id, type));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function deleteEvidence(dataDir: string, id: string, type: CampaignEvidenceType): void {
  fs.rmSync(evidenceFile(dataDir, id, type), { force: true });
}

/**
 * The name a device gave the file, fit to show: no folders, no control or bidi-override characters,
 * at most 200 characters; "evidence" when nothing is left.
 */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.slice(0, 200) || 'evidence';
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` made of the row's id, and the
 * uploaded name in `filename*` (RFC 8187, UTF-8, percent-encoded), which browsers prefer.
 */
export function contentDisposition(kind: 'inline' | 'attachment', id: string, type: CampaignEvidenceType, fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="evidence-${id}.${EXTENSIONS[type]}"; filename*=UTF-8''${encoded}`;
}
