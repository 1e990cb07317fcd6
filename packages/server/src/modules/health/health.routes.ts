import { z } from 'zod';
import type { App, AppDeps } from '../../http/types.js';
import { readiness } from './health.service.js';

export const zLiveness = z.object({ status: z.literal('up') });

export const zReadiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  /** The process answers (always true when there is an answer at all). */
  up: z.literal(true),
  /** It can serve requests: the database answers, its schema is current, and it is not shutting down. */
  ready: z.boolean(),
  database: z.enum(['sqlite', 'postgres']),
  checks: z.object({
    database: z.enum(['ok', 'unavailable']),
    migrations: z.enum(['current', 'pending', 'unknown']),
    shuttingDown: z.boolean(),
  }),
});
export type Readiness = z.infer<typeof zReadiness>;

/**
 * Liveness ("up": restart me if this fails) and readiness ("ready": send me traffic) kept apart,
 * as load balancers and orchestrators expect. `/api/health` is the readiness answer.
 */
export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.get('/api/health/live', { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: zLiveness } } }, async () => ({ status: 'up' as const }));
  for (const url of ['/api/health', '/api/health/ready']) {
    app.get(url, { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: zReadiness, 503: zReadiness } } }, async (_request, reply) => {
      const answer = await readiness(deps);
      return reply.status(answer.ready ? 200 : 503).send(answer);
    });
  }
}
