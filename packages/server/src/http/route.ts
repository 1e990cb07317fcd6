import { errorStatuses, routes, zApiError, type RouteName, type Routes, type RouteSpec } from '@hifazat/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from './types.js';

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
 * Registers the route `name` of the contract's route map: its method and path, validation of params,
 * query and body, the answers it can give (for the OpenAPI document and the serializer), its
 * permission (checked by the auth hook) and its operationId and summary. The handler only does the
 * work; the status comes from the map, unless the handler set another itself (`reply.code(503)`).
 */
export function serveRoute<N extends RouteName>(app: App, name: N, handler: RouteHandler<Routes[N]>): void {
  const spec: RouteSpec = routes[name];
  const response: Record<number, z.ZodType> = {};
  if (spec.response) response[spec.status] = spec.response;
  else if (spec.status === 204) response[204] = z.null();
  for (const status of errorStatuses(spec)) {
    // A route that is not ready answers in its own shape (readiness: 503 with the checks).
    response[status] = status === 503 && spec.response ? spec.response : zApiError;
  }
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
      const answer = await handler(request as unknown as RouteRequest<Routes[N]>, reply);
      if (answer === reply || reply.sent) return reply;
      // A status the handler set itself is kept (readiness: 503 with its answer); otherwise the map's.
      const status = reply.statusCode === 200 ? spec.status : reply.statusCode;
      return reply.code(status).send(status === 204 ? null : answer);
    },
  });
}
