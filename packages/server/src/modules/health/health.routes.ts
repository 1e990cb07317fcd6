import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../http/types.js';

export const zHealth = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['sqlite', 'postgres']) });

export function registerHealthRoutes(app: App, { db, engine }: AppDeps): void {
  app.get(
    '/api/health',
    { config: { permission: 'public' }, schema: { tags: ['health'], response: { 200: zHealth, 503: zHealth } } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(db);
        return { status: 'ok' as const, database: engine };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: engine });
      }
    },
  );
}
