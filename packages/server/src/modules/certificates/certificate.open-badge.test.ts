import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base58Decode, keyIdOf, loadKeyring, publicKeyFromRaw, rawFromDidKey, type VerifyingKeyring } from './certificate.keys.js';
import { canonicalJson, eddsaJcsHashData, issueOpenBadge, OB_CONTEXT_V3, VC_CONTEXT_V2, verifyOpenBadge } from './certificate.open-badge.js';
import type { CertificateClaims } from './certificate.payload.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cert-badge-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const keyring = loadKeyring(dataDir, {});

const claims: CertificateClaims = {
  number: 'HZ-2026-000123',
  holderName: 'عائشہ خان',
  eventTitle: 'Training on victim identification',
  startDate: '2026-03-02',
  endDate: '2026-03-04',
  issuedOn: '2026-03-05',
  kind: 'training',
};
const input = { claims, programme: 'National Anti-Trafficking Programme', verifyUrl: 'https://hifazat.example.org/', place: 'Lahore' };
const created = new Date('2026-03-05T09:30:00.000Z');

describe('RFC 8785 canonical JSON', () => {
  it('serialises numbers the way the RFC prescribes (its §3.2.2.3 examples)', () => {
    expect(canonicalJson([1e21, 1e30, -0, Number('333333333.33333329'), 4.5, 2e-3, 1e-27, 100, 1e-7])).toBe(
      '[1e+21,1e+30,0,333333333.3333333,4.5,0.002,1e-27,100,1e-7]',
    );
  });

  it('sorts member names by UTF-16 code units (its §3.2.3 example) and escapes strings as JSON.stringify', () => {
    const names = ['\u20ac', '\r', '\ud83d\ude00', '1', '\u0080', '\u00f6', '\ufb33'];
    const object = Object.fromEntries(names.map((n, i) => [n, i]));
    expect(canonicalJson(object)).toBe('{"\\r":1,"1":3,"\u0080":4,"ö":5,"€":0,"😀":2,"דּ":6}');
    expect(canonicalJson({ b: [true, null, 'a"\n'], a: {} })).toBe('{"a":{},"b":[true,null,"a\\"\\n"]}');
  });

  it('refuses what JSON cannot say exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/finite/);
    expect(() => canonicalJson('\ud800')).toThrow(/surrogate/);
    expect(() => canonicalJson({ a: undefined })).toThrow();
  });
});

describe('the Open Badges 3.0 credential', () => {
  it('is an OpenBadgeCredential in the VC 2.0 data model, for the holder, issued by the key', () => {
    const credential = issueOpenBadge(input, keyring.signing, created);
    expect(credential['@context']).toEqual([VC_CONTEXT_V2, OB_CONTEXT_V3]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe('https://hifazat.example.org/verify/HZ-2026-000123');
    expect(credential.validFrom).toBe('2026-03-05T00:00:00Z');
    expect(credential.issuer.name).toBe('National Anti-Trafficking Programme');
    expect(rawFromDidKey(credential.issuer.id)).toEqual(keyring.signing.raw);
    expect(credential.credentialSubject).toMatchObject({
      type: ['AchievementSubject'],
      name: 'عائشہ خان',
      identifier: [{ type: 'IdentityObject', identityHash: 'عائشہ خان', identityType: 'name', hashed: false }],
      activityStartDate: '2026-03-02T00:00:00Z',
      activityEndDate: '2026-03-04T00:00:00Z',
      achievement: { type: ['Achievement'], achievementType: 'Certificate', name: 'Training on victim identification' },
    });
    expect(credential.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2026-03-05T09:30:00Z',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${credential.issuer.id}#${credential.issuer.id.slice(8)}`,
    });
  });

  it('verifies, from the object or its JSON text, with the holder and event in the summary', () => {
    const credential = issueOpenBadge(input, keyring.signing, created);
    const verdict = verifyOpenBadge(JSON.stringify(credential), keyring);
    expect(verdict).toMatchObject({
      valid: true,
      keyId: keyring.signing.id,
      summary: { holderName: 'عائشہ خان', eventTitle: 'Training on victim identification', issuer: 'National Anti-Trafficking Programme' },
    });
    expect(verifyOpenBadge(credential, keyring).valid).toBe(true);
    // Member order does not matter to JCS: a wallet that re-serialises keeps it valid.
    const reordered = Object.fromEntries(Object.entries(credential).reverse());
    expect(verifyOpenBadge(reordered, keyring).valid).toBe(true);
  });

  it('is not genuine when anything signed is changed', () => {
    const credential = issueOpenBadge(input, keyring.signing, created);
    const tampered = (change: (c: Record<string, unknown>) => void) => {
      const copy = structuredClone(credential) as unknown as Record<string, unknown>;
      change(copy);
      return verifyOpenBadge(copy, keyring);
    };
    const subject = (c: Record<string, unknown>) => c.credentialSubject as Record<string, unknown>;
    expect(tampered((c) => (subject(c).name = 'Someone Else'))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(tampered((c) => ((subject(c).achievement as Record<string, unknown>).achievementType = 'Certificate '))).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    expect(tampered((c) => (c.validFrom = '2020-01-01T00:00:00Z'))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(tampered((c) => (c.extra = true))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(tampered((c) => ((c.proof as Record<string, unknown>).created = '2026-03-06T09:30:00Z'))).toEqual({ valid: false, reason: 'bad_signature' });
    const value = credential.proof.proofValue;
    const flipped = value.slice(0, 10) + (value[10] === 'A' ? 'B' : 'A') + value.slice(11);
    expect(tampered((c) => ((c.proof as Record<string, unknown>).proofValue = flipped)).valid).toBe(false);
    expect(tampered((c) => ((c.proof as Record<string, unknown>).cryptosuite = 'eddsa-rdfc-2022'))).toEqual({ valid: false, reason: 'unsupported_proof' });
    expect(tampered((c) => delete c.proof)).toEqual({ valid: false, reason: 'malformed' });
    expect(tampered((c) => ((c.proof as Record<string, unknown>)['@context'] = ['https://example.org/other']))).toEqual({ valid: false, reason: 'malformed' });
  });

  it('is not genuine when signed by a key outside the keyring, and never throws on junk', () => {
    const credential = issueOpenBadge(input, keyring.signing, created);
    expect(verifyOpenBadge(credential, { keys: [], current: null })).toEqual({ valid: false, reason: 'unknown_key' });
    for (const junk of [undefined, null, 'not json', '[]', '{"proof":1}', 42]) expect(verifyOpenBadge(junk, keyring)).toMatchObject({ valid: false });
  });

  it('signs what the W3C eddsa-jcs-2022 test vector signs (vc-di-eddsa TestVectors/eddsa-jcs-2022/signedJCS.json)', () => {
    const document = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
      type: ['VerifiableCredential', 'AlumniCredential'],
      name: 'Alumni Credential',
      description: 'A minimum viable example of an Alumni Credential.',
      issuer: 'https://vc.example/issuers/5678',
      validFrom: '2023-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
    };
    const options = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod: 'https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
      proofPurpose: 'assertionMethod',
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    };
    const proofValue = 'z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4';
    // TestVectors/eddsa-jcs-2022/canonDocJCS.txt
    expect(canonicalJson(document)).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}',
    );
    // The vector's key pair (TestVectors/keyPair.json): the public key is the did:key's 32 bytes.
    const raw = rawFromDidKey('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2') as Buffer;
    const signature = base58Decode(proofValue.slice(1)) as Buffer;
    expect(crypto.verify(null, eddsaJcsHashData(options, document), publicKeyFromRaw(raw), signature)).toBe(true);
    // Our verifier resolves did:key methods only (the keyring is the trust anchor, nothing is fetched):
    // the vector's https method is refused, not fetched.
    const ring: VerifyingKeyring = { keys: [{ id: keyIdOf(raw), raw, publicKey: publicKeyFromRaw(raw), addedAt: '' }], current: null };
    expect(verifyOpenBadge({ ...document, proof: { ...options, proofValue } }, ring)).toEqual({ valid: false, reason: 'malformed' });
  });
});
