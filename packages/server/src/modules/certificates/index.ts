/**
 * Certificates that anyone can check (issue 10): Ed25519 keys kept outside the database's tables,
 * the signed QR payload, the Open Badges 3.0 credential, and the PDF; issuing by the event's rules,
 * revoking, and the routes (public verification included). docs/certificates.md says how a third
 * party verifies them.
 */
import { registerPlaceLinks } from '../participations/index.js';
import { moveCertificatesOfPlace } from './certificates.repository.js';
export { registerCertificateRoutes } from './certificates.routes.js';
export { stopRenderWorkers, renderZipInWorker, type RenderInput } from './certificates.render.js';
export { eventLogoCleanup, newCertificateNumber } from './certificates.service.js';
export { decideCertificate, attendedEveryDay, type CertificateRules, type ParticipantFacts } from './certificates.rules.js';
export { LOGO_FOLDER } from './certificates.files.js';
export { CERTIFICATE_KEY_FOLDER, CERTIFICATE_KEYRING_FILE, CERTIFICATE_SIGNING_FILE, restoreKeys } from './certificate.keys.js';
export {
  CERTIFICATE_KEY_ENV,
  CertificateKeyError,
  KEYRING_FORMAT,
  loadKeyring,
  loadVerifyingKeys,
  parsePublicKeys,
  publicKeys,
  rotateSigningKey,
  type CertificateKeyring,
  type PublishedKeyring,
  type SigningKey,
  type VerifyingKey,
  type VerifyingKeyring,
} from './certificate.keys.js';
export {
  CERTIFICATE_TEXT_LIMITS,
  CertificateClaimsError,
  QR_PREFIX,
  certificateKinds,
  encodeCertificateQr,
  verifyCertificateQr,
  type CertificateClaims,
  type CertificateKind,
  type CertificateVerification,
  type VerifiedCertificateClaims,
} from './certificate.payload.js';
export {
  OB_CONTEXT_V3,
  VC_CONTEXT_V2,
  buildOpenBadgeCredential,
  issueOpenBadge,
  signOpenBadge,
  verifyOpenBadge,
  type OpenBadgeCredential,
  type OpenBadgeInput,
  type OpenBadgeSummary,
  type OpenBadgeVerification,
  type SignedOpenBadgeCredential,
} from './certificate.open-badge.js';
export {
  certificateVerifyAddress,
  qrTextFromPdf,
  renderCertificatePdf,
  renderCertificatesZip,
  // The fonts (Noto Sans, Noto Nastaliq Urdu) parsed once, for other PDFs (the donor report).
  fonts as pdfFonts,
  type PdfFontName,
  type CertificateLanguage,
  type CertificatePdfInput,
} from './certificate.pdf.js';
export { verifyCertificateDocument, type AnyCertificateVerification } from './certificate.verify.js';
// Urdu lines laid out for a PDF (bidi, Arabic-script pieces), for other PDFs (the donor report).
export { hasArabicScript, visualPieces, type Piece } from './certificate.bidi.js';

// A merge of two people at one event keeps what this module hung on the duplicate's place (certificates).
registerPlaceLinks('certificates', moveCertificatesOfPlace);
