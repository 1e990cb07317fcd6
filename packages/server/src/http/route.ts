import { errorStatuses, routes, zApiError, type RouteName, type Routes, type RouteSpec } from '@hifazat/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { liveCacheKey, type LiveCache } from './live-cache.js';
import { actorOf, type App } from './types.js';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** A request to the route `S`, with its params, query and body as the contract's schemas parsed them. */
export type RouteRequest<S extends RouteSpec> = Omit<FastifyRequest, 'params' | 'query' | 'body'> & {
  params: Parsed<S['params']>;
  query: Parsed<S['query']>;
  body: Parsed<S['body']>;
};

/** What a handler returns: the answer as the response schema takes it, or the reply it sent itself (a file). */
export type RouteAnswer<S extends RouteSpec> = (S['response'] extends z.ZodType ? z.input<S['response']> : void) | FastifyReply;

export type RouteHandler<S extends RouteSpec> = (request: RouteRequest<S>, reply: FastifyReply) => Promise<RouteAnswer<S>> | RouteAnswer<S>;

/**
 * How a route's answer is encoded (opt-in, per route; the default is the response schema's serializer).
 * - `plainJson`: JSON.stringify of the handler's answer, without zod's encoding (which costs more than
 *   the rest of a cached request). Only for answers the handler builds field by field from the
 *   contract's types: zod's encoding strips fields the schema does not name, so a route that returns
 *   a database row as it is would leak its other columns. Under test (vitest, NODE_ENV=test) every
 *   such answer is encoded by zod too and must come out the same (`checkPlainJson`).
 * - `cache`: the answer is also kept in the live cache (http/live-cache.ts), keyed by the route, its
 *   query and the user's scope; implies `plainJson`. For GET routes whose answer depends on nothing
 *   but those and the tables the change counter watches (migration 0023).
 */
export type ServeOptions = { plainJson?: boolean; cache?: LiveCache };

/** True under vitest or NODE_ENV=test: plain JSON answers are checked against zod's encoding. */
const CHECK_PLAIN_JSON = process.env.VITEST !== undefined || process.env.NODE_ENV === 'test';

/**
 * The answer as JSON text, checked (when `check`) to be exactly what zod's serializer would send: it
 * parses, and encoding removed or changed nothing (an extra field, a default filled in, another
 * key order would all show as a difference).
 */
export function checkPlainJson(schema: z.ZodType, answer: unknown, check = CHECK_PLAIN_JSON): string {
  const json = JSON.stringify(answer);
  if (!check) return json;
  const encoded = z.safeEncode(schema, answer);
  if (!encoded.success) throw new Error(`plain JSON answer does not match its schema: ${encoded.error.message}`);
  const expected = JSON.stringify(encoded.data);
  if (expected !== json) {
    let i = 0;
    while (i < json.length && json[i] === expected[i]) i += 1;
    throw new Error(
      `plain JSON answer differs from zod's encoding near …${json.slice(Math.max(0, i - 60), i + 60)}… vs …${expected.slice(Math.max(0, i - 60), i + 60)}…`,
    );
  }
  return json;
}

/**
 * Registers the route `name` of the contract's route map: its method and path, validation of params,
 * query and body, the answers it can give (for the OpenAPI document and the serializer), its
 * permission (checked by the auth hook) and its operationId and summary. The handler only does the
 * work; the status comes from the map, unless the handler set another itself (`reply.code(503)`).
 */
export function serveRoute<N extends RouteName>(app: App, name: N, handler: RouteHandler<Routes[N]>, options: ServeOptions = {}): void {
  const spec: RouteSpec = routes[name];
  const response: Record<number, z.ZodType> = {};
  if (spec.response) response[spec.status] = spec.response;
  else if (spec.status === 204) response[204] = z.null();
  for (const status of errorStatuses(spec)) {
    // A route that is not ready answers in its own shape (readiness: 503 with the checks).
    response[status] = status === 503 && spec.response ? spec.response : zApiError;
  }
  const plainSchema = options.plainJson || options.cache ? spec.response : undefined;
  if ((options.plainJson || options.cache) && (!plainSchema || spec.status !== 200))
    throw new Error(`Route ${name}: plain JSON needs a 200 answer with a schema`);
  if (options.cache && spec.method !== 'GET') throw new Error(`Route ${name}: only GET answers are cached`);
  const { cache } = options;
  app.route({
    method: spec.method,
    url: spec.path.replace(/\{(\w+)\}/g, ':$1'),
    config: { permission: spec.permission, routeName: name },
    schema: {
      operationId: name,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response,
      // Public routes need no session: say so, against the document-wide session requirement.
      ...(spec.permission === 'public' ? { security: [] } : {}),
    },
    handler: async (request, reply) => {
      // The schemas above validated and parsed params, query and body into exactly these types.
      const typed = request as unknown as RouteRequest<Routes[N]>;
      if (cache && plainSchema) {
        return cache.serve(request, reply, liveCacheKey(name, { params: request.params, query: request.query }, actorOf(request)), async () => {
          const answer = await handler(typed, reply);
          if (answer === reply || reply.sent || reply.statusCode !== 200) throw new Error(`Route ${name}: a cached route answers with a value`);
          return checkPlainJson(plainSchema, answer);
        });
      }
      const answer = await handler(typed, reply);
      if (answer === reply || reply.sent) return reply;
      // A status the handler set itself is kept (readiness: 503 with its answer); otherwise the map's.
      const status = reply.statusCode === 200 ? spec.status : reply.statusCode;
      if (plainSchema && status === 200) return reply.code(200).type('application/json; charset=utf-8').send(checkPlainJson(plainSchema, answer));
      return reply.code(status).send(status === 204 ? null : answer);
    },
  });
}
