import crypto from 'node:crypto';
import { base58Decode, base58Encode, didKeyOf, keyIdOf, rawFromDidKey, type SigningKey, type VerifyingKeyring } from './certificate.keys.js';
import type { CertificateClaims, CertificateKind } from './certificate.payload.js';

/**
 * A certificate as an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential, data model
 * 2.0), signed with the same Ed25519 key as the QR code, for a participant's wallet.
 *
 * Proof: an embedded W3C Data Integrity proof, cryptosuite `eddsa-jcs-2022` (W3C "Data Integrity
 * EdDSA Cryptosuites v1.0", §3.3). Open Badges 3.0 §8 accepts a VC-JWT or a Linked Data (Data
 * Integrity) proof from that same EdDSA specification. We pick the JCS variant because it needs no
 * JSON-LD processing: the document is canonicalised with RFC 8785 (JSON Canonicalization Scheme),
 * a few lines below, where `eddsa-rdfc-2022` would need JSON-LD expansion, the contexts and RDF
 * dataset canonicalisation (a large dependency). VC-JWT was not chosen: OB 3.0 requires RS256 of
 * JWT verifiers and calls other algorithms a limit on interoperability, and it needs a subject id we
 * do not have. docs/certificates.md says what a wallet needs.
 *
 * The issuer is the key's did:key (self-describing, resolvable offline); which keys are the
 * programme's own is said by its published keyring, so verification here trusts only those.
 */
export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const OB_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const CRYPTOSUITE = 'eddsa-jcs-2022';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type OpenBadgeCredential = { [key: string]: Json } & {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: string[]; name: string; url: string };
  validFrom: string;
};

export type DataIntegrityProof = {
  '@context'?: string[];
  type: 'DataIntegrityProof';
  cryptosuite: typeof CRYPTOSUITE;
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
};

export type SignedOpenBadgeCredential = OpenBadgeCredential & { proof: DataIntegrityProof };

export type OpenBadgeInput = {
  claims: CertificateClaims;
  /** The issuing programme's name (issuer.name). */
  programme: string;
  /** The installation's public address: the credential's id is <verifyUrl>/verify/<number>. */
  verifyUrl: string;
  /** When it was issued (validFrom); the issue date at midnight UTC when not given. */
  issuedAt?: string;
  place?: string;
  /** What earned it; a sentence per kind when not given. */
  criteria?: string;
};

export type OpenBadgeSummary = Readonly<{
  id: string;
  holderName: string | null;
  eventTitle: string | null;
  issuer: string | null;
  validFrom: string | null;
  keyId: string;
}>;

export type OpenBadgeVerification =
  | { valid: true; keyId: string; summary: OpenBadgeSummary; credential: SignedOpenBadgeCredential }
  | { valid: false; reason: 'malformed' | 'unsupported_proof' | 'unknown_key' | 'bad_signature' };

const KIND_NAME: Record<CertificateKind, string> = {
  training: 'Training certificate',
  participation: 'Certificate of participation',
};
const KIND_CRITERIA: Record<CertificateKind, string> = {
  training: 'Attended every day of the training and passed its post-test at the pass mark.',
  participation: 'Attended the event.',
};
// Open Badges 3.0 AchievementType: "Certificate" is in the vocabulary; participation has no term of
// its own, so it is an extension term (the spec's "ext:" prefix).
const ACHIEVEMENT_TYPE: Record<CertificateKind, string> = { training: 'Certificate', participation: 'ext:Participation' };

/**
 * RFC 8785 JSON Canonicalization Scheme: object members sorted by their names' UTF-16 code units,
 * no whitespace; ECMAScript's own number and string serialisation is what the RFC prescribes (§3.2.2),
 * so JSON.stringify does the leaves. Lone surrogates and non-finite numbers are refused (§3.2.2.2).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: a number must be finite');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (/\p{Surrogate}/u.test(value)) throw new TypeError('JCS: a string holds a lone surrogate');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([key, v]) => v === undefined || /\p{Surrogate}/u.test(key))) throw new TypeError('JCS: not a JSON object');
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`JCS: ${typeof value} is not JSON`);
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest();

/** vc-di-eddsa §3.3: SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without proof)), the bytes signed. */
export function eddsaJcsHashData(proofOptions: Record<string, unknown>, unsecured: Record<string, unknown>): Buffer {
  return Buffer.concat([sha256(canonicalJson(proofOptions)), sha256(canonicalJson(unsecured))]);
}

function atMidnight(date: string): string {
  return `${date}T00:00:00Z`;
}

export function buildOpenBadgeCredential(input: OpenBadgeInput, issuerPublicKey: Uint8Array): OpenBadgeCredential {
  const { claims } = input;
  const base = input.verifyUrl.replace(/\/+$/, '');
  const did = didKeyOf(issuerPublicKey);
  const period = claims.startDate === claims.endDate ? claims.startDate : `${claims.startDate} – ${claims.endDate}`;
  // The same event and kind give the same achievement id on every certificate of it.
  const achievementKey = crypto
    .createHash('sha256')
    .update(JSON.stringify([claims.kind, claims.eventTitle, claims.startDate, claims.endDate]))
    .digest('hex')
    .slice(0, 32);
  return {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: `${base}/verify/${encodeURIComponent(claims.number)}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${KIND_NAME[claims.kind]}: ${claims.eventTitle}`,
    issuer: { id: did, type: ['Profile'], name: input.programme, url: base },
    validFrom: input.issuedAt ?? atMidnight(claims.issuedOn),
    credentialSubject: {
      type: ['AchievementSubject'],
      // Wallets show `name`; `identifier` is Open Badges' own way to say who it is (no account, no DID).
      name: claims.holderName,
      identifier: [{ type: 'IdentityObject', identityHash: claims.holderName, identityType: 'name', hashed: false }],
      activityStartDate: atMidnight(claims.startDate),
      activityEndDate: atMidnight(claims.endDate),
      achievement: {
        id: `urn:hifazat:achievement:${achievementKey}`,
        type: ['Achievement'],
        achievementType: ACHIEVEMENT_TYPE[claims.kind],
        name: claims.eventTitle,
        description: `${KIND_NAME[claims.kind]}: ${claims.eventTitle}, ${period}${input.place ? `, ${input.place}` : ''}. Certificate ${claims.number}.`,
        criteria: { narrative: input.criteria ?? KIND_CRITERIA[claims.kind] },
      },
    },
    credentialSchema: [{ id: OB_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

/** Adds the eddsa-jcs-2022 proof (vc-di-eddsa §3.3.1 "Create Proof"). */
export function signOpenBadge(credential: OpenBadgeCredential, signingKey: SigningKey, created: Date = new Date()): SignedOpenBadgeCredential {
  const did = didKeyOf(signingKey.raw);
  const options = {
    '@context': credential['@context'],
    type: 'DataIntegrityProof' as const,
    cryptosuite: CRYPTOSUITE as typeof CRYPTOSUITE,
    created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
    proofPurpose: 'assertionMethod' as const,
  };
  const signature = crypto.sign(null, eddsaJcsHashData(options, credential), signingKey.privateKey);
  return { ...credential, proof: { ...options, proofValue: `z${base58Encode(signature)}` } };
}

export function issueOpenBadge(input: OpenBadgeInput, signingKey: SigningKey, created: Date = new Date()): SignedOpenBadgeCredential {
  return signOpenBadge(buildOpenBadgeCredential(input, signingKey.raw), signingKey, created);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summaryOf(doc: Record<string, unknown>, keyId: string): OpenBadgeSummary {
  const subject = isObject(doc.credentialSubject) ? doc.credentialSubject : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const issuer = isObject(doc.issuer) ? doc.issuer : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: text(doc.id) ?? '',
    holderName: text(subject.name),
    eventTitle: text(achievement.name),
    issuer: text(issuer.name),
    validFrom: text(doc.validFrom),
    keyId,
  };
}

/**
 * Checks an eddsa-jcs-2022 proof (vc-di-eddsa §3.3.2 "Verify Proof") against the keyring: only the
 * programme's own keys make a credential genuine. Takes the parsed JSON or its text; never throws.
 */
export function verifyOpenBadge(input: unknown, keyring: VerifyingKeyring): OpenBadgeVerification {
  try {
    const doc: unknown = typeof input === 'string' ? JSON.parse(input) : input;
    if (!isObject(doc) || !isObject(doc.proof)) return { valid: false, reason: 'malformed' };
    const { proof: secured, ...unsecured } = doc;
    const { proofValue, ...options } = secured;
    if (options.type !== 'DataIntegrityProof' || options.cryptosuite !== CRYPTOSUITE || options.proofPurpose !== 'assertionMethod') {
      return { valid: false, reason: 'unsupported_proof' };
    }
    if (typeof proofValue !== 'string' || !proofValue.startsWith('z') || typeof options.verificationMethod !== 'string') {
      return { valid: false, reason: 'malformed' };
    }
    const signature = base58Decode(proofValue.slice(1));
    const raw = rawFromDidKey(options.verificationMethod);
    if (!signature || signature.length !== 64 || !raw) return { valid: false, reason: 'malformed' };
    // The proof's @context must begin the document's, and is what the document is hashed with (§3.3.2).
    if (options['@context'] !== undefined) {
      const proofContext = options['@context'];
      const docContext = unsecured['@context'];
      if (!Array.isArray(proofContext) || !Array.isArray(docContext) || proofContext.some((c, i) => canonicalJson(c) !== canonicalJson(docContext[i]))) {
        return { valid: false, reason: 'malformed' };
      }
      unsecured['@context'] = proofContext;
    }
    const keyId = keyIdOf(raw);
    const key = keyring.keys.find((k) => k.id === keyId);
    if (!key) return { valid: false, reason: 'unknown_key' };
    if (!crypto.verify(null, eddsaJcsHashData(options, unsecured), key.publicKey, signature)) return { valid: false, reason: 'bad_signature' };
    return { valid: true, keyId, summary: summaryOf(doc, keyId), credential: doc as SignedOpenBadgeCredential };
  } catch {
    return { valid: false, reason: 'malformed' };
  }
}
