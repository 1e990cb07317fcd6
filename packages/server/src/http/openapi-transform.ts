import { routes, type RouteName, type RouteSpec } from '@hifazat/contract';
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const routeSpec = (name: unknown): RouteSpec | undefined => (typeof name === 'string' && name in routes ? routes[name as RouteName] : undefined);

/**
 * The zod schemas become JSON Schema (fastify-type-provider-zod); then what the schemas cannot say is
 * added from the route map, for the document only (validation is unchanged): a multipart upload's
 * body, so that a generated client can send the file, and the content types of a file answer.
 */
export const documentTransform: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const spec = routeSpec(input.route.config?.routeName);
  if (!spec) return out;
  const schema: Record<string, unknown> = { ...out.schema };
  if (spec.upload) {
    const fields = Object.fromEntries(Object.entries(spec.upload.fields).map(([name, description]) => [name, { type: 'string', description }]));
    schema.consumes = ['multipart/form-data'];
    schema.body = {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `The file (at most ${Math.round(spec.upload.maxBytes / 1024 / 1024)} MB)` },
        ...fields,
      },
    };
  }
  if (spec.produces) {
    const response = { ...(schema.response as Record<string, unknown> | undefined) };
    response[String(spec.status)] = {
      description: spec.summary,
      content: Object.fromEntries(spec.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    };
    schema.response = response;
  }
  return { ...out, schema };
};

/**
 * The components as fastify-type-provider-zod makes them (every named schema twice: as sent and as
 * received), less those no operation refers to, directly or through another component.
 */
export const documentObjectTransform: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input);
  if (!('components' in document) || !document.components?.schemas) return document;
  const schemas: Record<string, unknown> = document.components.schemas;
  const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/#\/components\/schemas\/([A-Za-z0-9_.-]+)"/g)].map((m) => m[1] ?? '');
  const used = new Set<string>();
  const queue = refsIn({ ...document, components: { ...document.components, schemas: {} } });
  while (queue.length > 0) {
    const name = queue.pop() ?? '';
    if (used.has(name)) continue;
    used.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  // The document is made afresh for each call: trimming it in place touches nothing shared.
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document;
};
