import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Logos printed on certificates: files in the data folder beside the database (and in its backups),
 * DATA_DIR/certificate-logos/<id>.png or .jpg, one per upload, never changed once written.
 */
export const LOGO_FOLDER = 'certificate-logos';
export type LogoType = 'image/png' | 'image/jpeg';

const extensionOf = (type: LogoType) => (type === 'image/png' ? 'png' : 'jpg');
const logoFile = (dataDir: string, id: string, type: LogoType) => path.join(dataDir, LOGO_FOLDER, `${id}.${extensionOf(type)}`);

// The files' own signatures (PNG: ISO/IEC 15948 §5.2; JPEG: the SOI marker FF D8 then a marker's FF),
// never the name or the type the browser claims.
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export function imageTypeOf(bytes: Buffer): LogoType | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * Whether pdfkit can draw the image: a file that only starts like a PNG or JPEG (cut off, damaged,
 * a colour model pdfkit does not read) would otherwise fail every certificate of the event later.
 */
export async function drawable(bytes: Buffer): Promise<boolean> {
  try {
    const doc = new PDFDocument({ size: [100, 100], margin: 0 });
    const done = new Promise<void>((resolve, reject) => {
      doc.on('data', () => undefined);
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.image(bytes, 0, 0, { fit: [100, 100] });
    doc.end();
    await done;
    return true;
  } catch {
    return false;
  }
}

/** Written to a scratch name and renamed into place: a reader never sees half a file. */
export function writeLogo(dataDir: string, id: string, type: LogoType, bytes: Buffer): void {
  const folder = path.join(dataDir, LOGO_FOLDER);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = logoFile(dataDir, id, type);
  const scratch = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(scratch, bytes, { mode: 0o600, flag: 'wx' });
  fs.renameSync(scratch, file);
}

/** The logo's bytes, or null when its file is missing (a data folder restored without it). */
export function readLogo(dataDir: string, id: string, type: LogoType): Buffer | null {
  try {
    return fs.readFileSync(logoFile(dataDir, id, type));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function deleteLogo(dataDir: string, id: string, type: LogoType): void {
  fs.rmSync(logoFile(dataDir, id, type), { force: true });
}
