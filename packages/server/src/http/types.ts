import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Engine } from '../db/dialect.js';
import { AppError } from './errors.js';
import type { LiveCache } from './live-cache.js';
import type { Actor, Permission } from './permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    /** The route's name in the contract's route map (its operationId). */
    routeName?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set while the session awaits the second factor (only the `second_factor` routes see such a request). */
    secondFactor: 'required' | 'setup_required' | null;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Shared with main.ts: set while the server shuts down, so that readiness turns false before requests stop. */
export type Lifecycle = { shuttingDown: boolean };

export type AppDeps = {
  config: Config;
  db: Db;
  engine: Engine;
  lifecycle?: Lifecycle;
  /** The answers kept while the change counter stands (http/live-cache.ts); createApp makes one. Without it, nothing is cached. */
  live?: LiveCache;
};

/** The signed-in user; routes behind a permission other than `public` always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthorized', 'Sign in first');
  return request.actor;
}
