import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { assertManagesInstallation, backUpNow, systemStatus } from './system.service.js';

export function registerSystemRoutes(app: App, deps: AppDeps): void {
  serveRoute(app, 'systemStatus', async (request) => {
    assertManagesInstallation(actorOf(request));
    return systemStatus(deps);
  });

  serveRoute(app, 'backUpNow', async (request) => {
    assertManagesInstallation(actorOf(request));
    const made = await backUpNow(deps, request.log);
    request.log.info({ userId: request.actor?.id, backup: made.name }, 'backup made from the web app');
    return made;
  });
}
