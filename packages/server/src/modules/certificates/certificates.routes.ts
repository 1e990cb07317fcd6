import { MAX_CERTIFICATE_LOGO_BYTES } from '@hifazat/contract';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { requestLanguage } from '../../i18n/language.js';
import * as publicChecks from './certificates.public.js';
import * as service from './certificates.service.js';

/**
 * The address certificates print for their verify page: PUBLIC_URL when set, else the address this
 * request came to (its scheme as the trusted proxy says, and its Host, which the app has checked).
 */
function siteOf(request: FastifyRequest, deps: AppDeps): service.CertificateSite {
  const verifyBase = deps.config.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
  return { dataDir: deps.config.dataDir, verifyBase };
}

/** The logo's bytes: one file in the field `file`, at most 1 MB (the parser answers 413 past it). */
async function readLogoUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the logo as multipart/form-data in a field named "file"');
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_CERTIFICATE_LOGO_BYTES, files: 1, fields: 2 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file')
        throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
      file = await part.toBuffer();
    }
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
    throw new AppError('validation_failed', 'The upload could not be read: it ended early or is not well-formed multipart/form-data', [
      { path: 'file', message: 'Unreadable upload' },
    ]);
  }
  if (!file || file.length === 0) throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
  return file;
}

/** A download: its bytes, type and file name (RFC 6266; the names here are ASCII: numbers and ids). */
const asFile = (type: string, name: string) => ({ 'content-type': type, 'content-disposition': `attachment; filename="${name}"` });

export function registerCertificateRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  // Settings and logos
  serveRoute(app, 'certificateSettings', (request) => service.getSettings(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateCertificateSettings', (request) =>
    service.updateSettings(db, siteOf(request, deps), actorOf(request), request.params.id, request.body),
  );
  serveRoute(app, 'uploadCertificateLogo', async (request) => {
    const actor = actorOf(request);
    const bytes = await readLogoUpload(request);
    return service.addLogo(db, siteOf(request, deps), actor, request.params.id, bytes);
  });
  serveRoute(app, 'certificateLogo', async (request, reply) => {
    const logo = await service.logoImage(db, siteOf(request, deps), actorOf(request), request.params.id, request.params.logoId);
    return reply.header('content-type', logo.contentType).send(logo.bytes);
  });

  // Issuing, reading, revoking
  serveRoute(app, 'issueCertificates', (request) => service.issueCertificates(db, siteOf(request, deps), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'listEventCertificates', (request) => service.listEventCertificates(db, actorOf(request), request.params.id));
  serveRoute(app, 'eventCertificatesZip', async (request, reply) => {
    const { stream } = await service.eventCertificatesZip(db, siteOf(request, deps), actorOf(request), request.params.id, request.query.lang);
    return reply.headers(asFile('application/zip', `certificates-${request.params.id}.zip`)).send(stream);
  });
  serveRoute(app, 'getCertificate', (request) => service.getCertificate(db, actorOf(request), request.params.number));
  serveRoute(app, 'certificatePdf', async (request, reply) => {
    const pdf = await service.certificatePdf(db, siteOf(request, deps), actorOf(request), request.params.number, request.query.lang, requestLanguage(request));
    return reply.headers(asFile('application/pdf', `${request.params.number}.pdf`)).send(pdf);
  });
  serveRoute(app, 'certificateCredential', async (request, reply) => {
    const credential = await service.certificateCredential(db, siteOf(request, deps), actorOf(request), request.params.number);
    // application/vc: the media type of VC Data Model 2.0 (IANA, 2024); the file is JSON, named so for wallets.
    return reply.headers(asFile('application/vc', `${request.params.number}.json`)).send(JSON.stringify(credential, null, 2));
  });
  serveRoute(app, 'revokeCertificate', (request) => service.revokeCertificate(db, actorOf(request), request.params.number, request.body.reason));
  serveRoute(app, 'certificateHistory', async (request) => ({ items: await service.certificateHistory(db, actorOf(request), request.params.number) }));

  // Public: anyone may check a certificate. request.ip is the client's address (X-Forwarded-For only
  // behind the configured number of trusted proxies: app.ts, trustProxy).
  serveRoute(app, 'verifyCertificateNumber', (request) => publicChecks.verifyByNumber(db, request.params.number, request.ip));
  serveRoute(app, 'verifyCertificateQr', (request) => publicChecks.verifyByQr(db, deps.config.dataDir, request.body.qr, request.ip));
  serveRoute(app, 'certificateKeys', (request) => publicChecks.publishedKeys(db, deps.config.dataDir, request.ip));
}
