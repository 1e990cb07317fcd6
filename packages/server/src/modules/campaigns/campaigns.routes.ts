import { MAX_CAMPAIGN_EVIDENCE_BYTES, zId } from '@hifazat/contract';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { campaignSummary } from './campaigns.figures.js';
import * as files from './campaigns.files.js';
import * as needs from './campaigns.needs.js';
import * as service from './campaigns.service.js';

const MAX_CAPTION = 500;

/**
 * An evidence upload: one file in the field `file` (at most 10 MB: the parser answers 413 past it),
 * and the optional fields `caption` and `outputId`, in any order.
 */
async function readEvidenceUpload(request: FastifyRequest): Promise<service.EvidenceUpload> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  let bytes: Buffer | undefined;
  let fileName: string | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_CAMPAIGN_EVIDENCE_BYTES, files: 1, fields: 4, parts: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw invalid('No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
        bytes = await part.toBuffer();
        fileName = part.filename;
      } else if (part.fieldname === 'caption' || part.fieldname === 'outputId') {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value.trim() : '';
      }
    }
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
    throw invalid('The upload could not be read: it ended early or is not well-formed multipart/form-data', [{ path: 'file', message: 'Unreadable upload' }]);
  }
  if (!bytes || bytes.length === 0) throw invalid('No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
  const caption = fields.caption ?? '';
  if (caption.length > MAX_CAPTION) throw invalid('The caption is too long', [{ path: 'caption', message: `At most ${MAX_CAPTION} characters` }]);
  const outputId = fields.outputId ?? '';
  if (outputId !== '' && !zId.safeParse(outputId).success) throw invalid('Unknown output', [{ path: 'outputId', message: 'Not an id' }]);
  return { bytes, fileName, caption: caption === '' ? null : caption, outputId: outputId === '' ? null : outputId };
}

export function registerCampaignRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const dataDir = deps.config.dataDir;

  serveRoute(app, 'listCampaigns', (request) => service.listCampaigns(db, actorOf(request), request.query));
  serveRoute(app, 'campaignSummary', (request) => campaignSummary(db, actorOf(request), request.query));
  serveRoute(app, 'createCampaign', (request) => service.createCampaign(db, actorOf(request), request.body));
  serveRoute(app, 'getCampaign', (request) => service.getCampaign(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateCampaign', (request) => service.updateCampaign(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteCampaign', (request) => service.deleteCampaign(db, dataDir, actorOf(request), request.params.id));
  serveRoute(app, 'campaignHistory', (request) => service.campaignHistory(db, actorOf(request), request.params.id));

  serveRoute(app, 'addCampaignSession', (request) => service.addSession(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'removeCampaignSession', (request) => service.removeSession(db, actorOf(request), request.params.id, request.params.sessionId));
  serveRoute(app, 'addCampaignOutput', (request) => service.addOutput(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateCampaignOutput', (request) => service.updateOutput(db, actorOf(request), request.params.id, request.params.outputId, request.body));
  serveRoute(app, 'removeCampaignOutput', (request) => service.removeOutput(db, actorOf(request), request.params.id, request.params.outputId));

  serveRoute(app, 'uploadCampaignEvidence', async (request) => {
    const actor = actorOf(request);
    const upload = await readEvidenceUpload(request);
    return service.addEvidence(db, dataDir, actor, request.params.id, upload);
  });
  serveRoute(app, 'campaignEvidenceFile', async (request, reply) => {
    const file = await service.evidenceFile(db, dataDir, actorOf(request), request.params.id, request.params.evidenceId);
    // The type is the one its bytes were checked to be; the name goes only into the header's quoted, encoded parts.
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', files.contentDisposition(request.query.inline === '1' ? 'inline' : 'attachment', file.id, file.contentType, file.fileName))
      .send(file.bytes);
  });
  serveRoute(app, 'removeCampaignEvidence', (request) => service.removeEvidence(db, dataDir, actorOf(request), request.params.id, request.params.evidenceId));

  serveRoute(app, 'listNeedsAssessments', (request) => needs.listNeedsAssessments(db, actorOf(request), request.query));
  serveRoute(app, 'createNeedsAssessment', (request) => needs.createNeedsAssessment(db, actorOf(request), request.body));
  serveRoute(app, 'getNeedsAssessment', (request) => needs.getNeedsAssessment(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateNeedsAssessment', (request) => needs.updateNeedsAssessment(db, actorOf(request), request.params.id, request.body));
}
