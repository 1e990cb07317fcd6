import { zBackupFile, zSystemStatus } from '@hifazat/contract';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { assertManagesInstallation, backUpNow, systemStatus } from './system.service.js';

const tags = ['system'];

export function registerSystemRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/system/status',
    { config: { permission: 'system.manage' }, schema: { tags, response: { 200: zSystemStatus, ...errorResponses } } },
    async (request) => {
      assertManagesInstallation(actorOf(request));
      return systemStatus(deps);
    },
  );

  app.post(
    '/api/system/backups',
    { config: { permission: 'system.manage' }, schema: { tags, response: { 201: zBackupFile, ...writeErrorResponses } } },
    async (request, reply) => {
      assertManagesInstallation(actorOf(request));
      const made = await backUpNow(deps, request.log);
      request.log.info({ userId: request.actor?.id, backup: made.name }, 'backup made from the web app');
      return reply.status(201).send(made);
    },
  );
}
