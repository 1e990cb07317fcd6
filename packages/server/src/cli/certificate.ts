import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AnyCertificateVerification, VerifyingKeyring } from '../modules/certificates/index.js';

const VERIFY_USAGE = 'Usage: hifazat certificate verify <file-or-text> [--public-key FILE]';

const REASONS: Record<string, string> = {
  malformed: 'this is not a certificate text, or it was changed',
  unsupported_version: 'a format this version of Hifazat does not know',
  unknown_key: 'signed by a key that is not one of the issuer’s',
  bad_signature: 'the signature does not match: something was changed',
  unsupported_proof: 'a kind of signature this version of Hifazat does not check',
};

async function verifyingKeys(publicKeyFile: string | undefined): Promise<{ keyring: VerifyingKeyring; from: string }> {
  const [{ loadConfig }, { loadVerifyingKeys, parsePublicKeys }] = await Promise.all([import('../config.js'), import('../modules/certificates/index.js')]);
  if (publicKeyFile) return { keyring: parsePublicKeys(fs.readFileSync(publicKeyFile, 'utf8')), from: publicKeyFile };
  const { dataDir } = loadConfig();
  return { keyring: loadVerifyingKeys(dataDir), from: path.join(dataDir, 'certificate-keys') };
}

function describe(result: AnyCertificateVerification): { genuine: boolean; lines: string[] } {
  if (result.form === 'unknown') return { genuine: false, lines: ['Not genuine: this is neither a certificate QR text, a certificate PDF nor an Open Badge'] };
  if (!result.verdict.valid) return { genuine: false, lines: [`Not genuine: ${REASONS[result.verdict.reason] ?? result.verdict.reason}`] };
  if (result.form === 'open-badge') {
    const { summary } = result.verdict;
    return {
      genuine: true,
      lines: [
        'Genuine Open Badge (the signature is the issuer’s)',
        `  Credential: ${summary.id}`,
        `  Holder:     ${summary.holderName ?? '—'}`,
        `  Event:      ${summary.eventTitle ?? '—'}`,
        `  Issuer:     ${summary.issuer ?? '—'}`,
        `  Valid from: ${summary.validFrom ?? '—'}`,
        `  Signed with key ${summary.keyId}`,
      ],
    };
  }
  const { claims } = result.verdict;
  return {
    genuine: true,
    lines: [
      `Genuine ${claims.kind} certificate ${claims.number} (the signature is the issuer’s)`,
      `  Holder: ${claims.holderName}`,
      `  Event:  ${claims.eventTitle}`,
      `  Dates:  ${claims.startDate === claims.endDate ? claims.startDate : `${claims.startDate} to ${claims.endDate}`}`,
      `  Issued: ${claims.issuedOn}`,
      `  Signed with key ${claims.keyId}`,
      'Offline, a revocation cannot be seen: the verify page online says whether it was revoked.',
    ],
  };
}

/** `hifazat certificate verify <file-or-text>`: exit 0 genuine, 1 not genuine, 2 when it cannot check. */
async function verify(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'public-key': { type: 'string' } } });
  const [subject] = positionals;
  if (subject === undefined || positionals.length > 1) {
    console.error(VERIFY_USAGE);
    process.exitCode = 2;
    return;
  }
  const { keyring, from } = await verifyingKeys(values['public-key']);
  if (keyring.keys.length === 0) {
    console.error(`No certificate keys in ${from}: give the issuer's keyring with --public-key FILE`);
    process.exitCode = 2;
    return;
  }
  // An existing file is read; anything else is the text itself (the QR's text pasted in).
  const content = fs.existsSync(subject) && fs.statSync(subject).isFile() ? fs.readFileSync(subject) : subject;
  const { verifyCertificateDocument } = await import('../modules/certificates/index.js');
  const { genuine, lines } = describe(verifyCertificateDocument(content, keyring));
  console.log(lines.join('\n'));
  if (!genuine) process.exitCode = 1;
}

async function keys(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const [{ loadConfig }, certificates] = await Promise.all([import('../config.js'), import('../modules/certificates/index.js')]);
  const { dataDir } = loadConfig();
  const folder = path.join(dataDir, 'certificate-keys');
  if (action === 'rotate' && rest.length === 0) {
    const { previous, current } = certificates.rotateSigningKey(dataDir);
    console.log(`New certificate signing key ${current}; ${previous} signs no more, and certificates it signed still verify.`);
    console.log(`The public keys are in ${path.join(folder, 'keyring.json')}: publish it again.`);
    return;
  }
  if (action === 'show' && rest.length === 0) {
    // The keyring to publish or hand to an offline verifier: public keys only.
    console.log(JSON.stringify(certificates.publicKeys(certificates.loadVerifyingKeys(dataDir)), null, 2));
    return;
  }
  console.error('Usage: hifazat certificate keys rotate | show');
  process.exitCode = 2;
}

export async function certificateCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return verify(rest);
  if (sub === 'keys') return keys(rest);
  console.error(`${VERIFY_USAGE}\n       hifazat certificate keys rotate | show`);
  process.exitCode = 2;
}
