import { zLiveness, zReadiness } from '@hifazat/contract';
import type { App, AppDeps } from '../../http/types.js';
import { readiness } from '../operations/index.js';

/**
 * Liveness ("up": restart me if this fails) and readiness ("ready": send me traffic) kept apart,
 * as load balancers and orchestrators expect. `/api/health` is the readiness answer.
 */
export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.get('/api/health/live', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: zLiveness } } }, async () => ({
    status: 'up' as const,
  }));
  for (const url of ['/api/health', '/api/health/ready']) {
    app.get(
      url,
      { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: zReadiness, 503: zReadiness } } },
      async (_request, reply) => {
        const answer = await readiness(deps);
        return reply.status(answer.ready ? 200 : 503).send(answer);
      },
    );
  }
}
