import { MAX_HTCDS_IMPORT_BYTES } from '@hifazat/contract';
import { readFileUpload } from '../../http/file-upload.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { exportCaseHtcds, exportCasesHtcds, importCasesHtcds } from './cases.htcds.service.js';

/** HTCDS v2.0 exchange of case files (issue 13). */
export function registerCaseHtcdsRoutes(app: App, { db, config }: AppDeps): void {
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'exportCasesHtcds', async (request, reply) => {
    const file = await exportCasesHtcds(db, keys(), actorOf(request), request.query);
    return reply
      .headers({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"`, 'cache-control': 'no-store' })
      .send(file.body);
  });
  serveRoute(app, 'exportCaseHtcds', async (request, reply) => {
    const answer = await exportCaseHtcds(db, keys(), actorOf(request), request.params.id, request.query.identity);
    reply.headers({ 'content-disposition': `attachment; filename="hifazat-case-${request.params.id}-htcds.json"`, 'cache-control': 'no-store' });
    return answer;
  });
  serveRoute(app, 'importCasesHtcds', async (request) =>
    importCasesHtcds(db, keys(), actorOf(request), await readFileUpload(request, MAX_HTCDS_IMPORT_BYTES, 'the .xlsx'), request.query.dryRun),
  );
}
