import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { visualPieces } from './certificate.bidi.js';
import { loadKeyring } from './certificate.keys.js';
import { encodeCertificateQr, type CertificateClaims } from './certificate.payload.js';
import { renderCertificatePdf, renderCertificatesZip, type CertificatePdfInput } from './certificate.pdf.js';
import { solidPng } from '../../../test/png.js';
import { pdfActualTexts } from '../../../test/pdf-text.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cert-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const keyring = loadKeyring(dir, {});

const english: CertificateClaims = {
  number: 'HZ-2026-000123',
  holderName: 'Ayesha Khan',
  eventTitle: 'Training on victim identification and referral',
  startDate: '2026-03-02',
  endDate: '2026-03-04',
  issuedOn: '2026-03-05',
  kind: 'training',
};
const urdu: CertificateClaims = {
  ...english,
  number: 'HZ-2026-000124',
  holderName: 'سیدہ عائشہ فاطمہ قریشی',
  eventTitle: 'انسانی اسمگلنگ کے متاثرین کی شناخت اور حوالگی پر تربیتی ورکشاپ (مرحلہ 2)',
};

function input(claims: CertificateClaims, language: 'en' | 'ur', extra: Partial<CertificatePdfInput> = {}): CertificatePdfInput {
  return {
    language,
    claims,
    place: language === 'ur' ? 'لاہور' : 'Lahore',
    programme: 'National Anti-Trafficking Programme',
    verifyUrl: 'https://hifazat.example.org/',
    qrText: encodeCertificateQr(claims, keyring.signing),
    ...extra,
  };
}

function save(name: string, pdf: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return file;
}

const pdftotext = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

describe('the certificate PDF', () => {
  it('in English: an A4 landscape page whose text has the holder, the event, the number and the address to verify at', async () => {
    const file = save('en.pdf', await renderCertificatePdf(input(english, 'en')));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    // pdftotext puts spaces round the en dash, drawn as its own piece.
    const text = pdftotext(file).replace(/\s+/g, ' ').replace(/ – /g, '–');
    for (const expected of [
      'Training certificate',
      'This is to certify that',
      'Ayesha Khan',
      'Training on victim identification and referral',
      '2–4 March 2026 · Lahore',
      'Issued by National Anti-Trafficking Programme on 5 March 2026',
      'Certificate No. HZ-2026-000123',
      'Verify at https://hifazat.example.org/verify/HZ-2026-000123',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('in Urdu: the title, the name and the event carried in reading order, every line, and the number and address readable', async () => {
    const pdf = await renderCertificatePdf(input({ ...urdu, kind: 'participation' }, 'ur'));
    const spans = pdfActualTexts(pdf);
    expect(spans).toEqual([
      'National Anti-Trafficking Programme',
      'سرٹیفکیٹ برائے شرکت',
      'تصدیق کی جاتی ہے کہ',
      'سیدہ عائشہ فاطمہ قریشی',
      'نے درج ذیل تقریب میں شرکت کی',
      // The long title on two lines, each in reading order.
      expect.stringMatching(/^انسانی اسمگلنگ/),
      expect.stringMatching(/\(مرحلہ 2\)$/),
      // The isolates that keep the place and programme in one piece are left out of the text.
      '2–4 مارچ 2026 · لاہور',
      'National Anti-Trafficking Programme کی جانب سے 5 مارچ، 2026 کو جاری کیا گیا',
      'سرٹیفکیٹ نمبر: HZ-2026-000124',
      'تصدیق کے لیے دیکھیں: https://hifazat.example.org/verify/HZ-2026-000124',
    ]);
    expect(`${spans[5]} ${spans[6]}`).toBe(urdu.eventTitle);
    const training = pdfActualTexts(await renderCertificatePdf(input(urdu, 'ur')));
    expect(training[1]).toBe('تربیتی سرٹیفکیٹ');
    // Latin text inside the Urdu page comes out of a plain text extractor too.
    const text = pdftotext(save('ur.pdf', pdf));
    expect(text).toContain('HZ-2026-000124');
    expect(text).toContain('https://hifazat.example.org/verify/HZ-2026-000124');
  });

  it('draws names where zain or reh meet a dotted letter (شہباز, نواز), which fontkit alone cannot lay out', async () => {
    for (const holderName of ['شہباز احمد', 'محمد نواز']) {
      const spans = pdfActualTexts(await renderCertificatePdf(input({ ...urdu, holderName }, 'ur')));
      expect(spans, holderName).toContain(holderName);
    }
  });

  it('renders to an image without errors, with the logos given', async () => {
    const logo = solidPng(200, 80, [11, 110, 105]);
    const pdf = await renderCertificatePdf(input(urdu, 'ur', { logos: [logo, logo] }));
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const file = save('logos.pdf', pdf);
    execFileSync('pdftoppm', ['-png', '-r', '30', file, path.join(dir, 'logos')]);
    expect(fs.statSync(path.join(dir, 'logos-1.png')).size).toBeGreaterThan(5_000);
  });

  it('keeps a very long name on its line by making it smaller', async () => {
    const holderName = 'Muhammad Abdul Rahman Qureshi Al-Hashimi Siddiqui Chaudhry Bin Abdullah Khan Durrani';
    const spans = pdfActualTexts(await renderCertificatePdf(input({ ...english, holderName }, 'en')));
    expect(spans).toContain(holderName);
  });
});

describe('display order of a mixed line', () => {
  it('puts Urdu words right to left, keeps Latin and digits left to right, and mirrors brackets', () => {
    const order = (text: string, direction: 'ltr' | 'rtl') =>
      visualPieces(text, direction)
        .filter((p) => !p.space)
        .map((p) => p.text);
    // Pieces are listed left to right on the page; Arabic-script pieces are in logical order for fontkit.
    expect(order('تربیتی سرٹیفکیٹ', 'rtl')).toEqual(['سرٹیفکیٹ', 'تربیتی']);
    expect(order('یہ سرٹیفکیٹ Ali Khan کو دیا گیا ہے (2026)', 'rtl')).toEqual(['(', '2026', ')', 'ہے', 'گیا', 'دیا', 'کو', 'Ali', 'Khan', 'سرٹیفکیٹ', 'یہ']);
    expect(order('Certificate for محمد علی', 'ltr')).toEqual(['Certificate', 'for', 'علی', 'محمد']);
  });
});

function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

describe('a batch of certificates', () => {
  it('streams a zip of one PDF per certificate, named by number, reporting progress', async () => {
    const progress: number[] = [];
    const chunks: Buffer[] = [];
    const batch = [
      input(english, 'en'),
      input(urdu, 'ur'),
      input({ ...english, holderName: 'Bilal Ahmed' }, 'en'),
      input({ ...english, number: 'A/B:1' }, 'en'),
    ];
    for await (const chunk of renderCertificatesZip(batch, { onProgress: (n) => progress.push(n) })) chunks.push(chunk);
    expect(progress).toEqual([1, 2, 3, 4]);
    const files = await unzip(Buffer.concat(chunks));
    expect([...files.keys()]).toEqual(['HZ-2026-000123.pdf', 'HZ-2026-000124.pdf', 'HZ-2026-000123-2.pdf', 'A_B_1.pdf']);
    for (const pdf of files.values()) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfActualTexts(files.get('HZ-2026-000123-2.pdf') as Buffer)).toContain('Bilal Ahmed');
  });
});
