import type { FastifyReply } from 'fastify';
import { serveRoute } from '../../http/route.js';
import type { App, AppDeps } from '../../http/types.js';
import { readiness } from '../operations/index.js';

/**
 * Liveness ("up": restart me if this fails) and readiness ("ready": send me traffic) kept apart,
 * as load balancers and orchestrators expect. `/api/health` is the readiness answer.
 */
export function registerHealthRoutes(app: App, deps: AppDeps): void {
  serveRoute(app, 'liveness', () => ({ status: 'up' as const }));
  // Not ready: 503 with the same answer (which check failed); serveRoute keeps the status set here.
  const ready = async (reply: FastifyReply) => {
    const answer = await readiness(deps);
    if (!answer.ready) reply.code(503);
    return answer;
  };
  serveRoute(app, 'health', (_request, reply) => ready(reply));
  serveRoute(app, 'readiness', (_request, reply) => ready(reply));
}
