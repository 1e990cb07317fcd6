import fc from 'fast-check';
import { HOSTILE_STRINGS } from './payloads.js';
import { LOGIN_EMAIL } from './seed.js';

/** The part of JSON Schema the app's OpenAPI document uses. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; description?: string };
export type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };

export type QueryParam = { name: string; required: boolean; schema: JsonSchema };

export type Route = {
  method: string;
  /** The OpenAPI path, e.g. /api/people/{id}. */
  path: string;
  pathParams: string[];
  query: QueryParam[];
  body: JsonSchema | null;
  /** Takes a file as multipart/form-data (said by a multipart request body or by the description). */
  upload: boolean;
  key: string;
};

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document: a route added to the app is fuzzed without anyone listing it. */
export function routesOf(doc: OpenApi): Route[] {
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    const name = schema?.$ref?.replace('#/components/schemas/', '');
    return name ? doc.components?.schemas?.[name] : schema;
  };
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.has(method)) continue;
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const json = resolve(content['application/json']?.schema);
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: resolve(p.schema) ?? {} })),
        body: json ? deref(json, resolve) : null,
        upload: 'multipart/form-data' in content || /multipart/i.test(operation.description ?? ''),
        key: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return routes;
}

function deref(schema: JsonSchema, resolve: (s: JsonSchema | undefined) => JsonSchema | undefined, depth = 0): JsonSchema {
  const s = resolve(schema) ?? {};
  if (depth > 8) return s;
  const next = (x: JsonSchema) => deref(x, resolve, depth + 1);
  return {
    ...s,
    properties: s.properties ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, next(v)])) : undefined,
    items: s.items ? next(s.items) : undefined,
    anyOf: s.anyOf?.map(next),
    oneOf: s.oneOf?.map(next),
    allOf: s.allOf?.map(next),
  };
}

/** A reference to a row that exists when the request is sent (rows come and go during the run). */
export class IdRef {
  constructor(
    readonly kind: string,
    readonly pick: number,
  ) {}
}

/** The table an id field or path parameter points into, from its name and the path around it. */
export function kindOf(name: string, pathBefore = ''): string {
  const n = name.toLowerCase();
  if (n === 'id') {
    const segment =
      pathBefore
        .split('/')
        .filter((s) => s && !s.startsWith('{'))
        .pop() ?? '';
    return segment;
  }
  if (/^(person|duplicate|exclude)/.test(n)) return 'people';
  if (/^(organi[sz]ation|organizer|partner)/.test(n)) return 'organizations';
  if (/^programme/.test(n)) return 'programmes';
  if (/^(trainer|user)/.test(n)) return 'users';
  if (/^event/.test(n)) return 'events';
  return 'any';
}

const words = fc.constantFrom(
  'Ali Khan',
  'Sara Bibi',
  'Punjab',
  'Lahore',
  'FIA',
  'Sahil',
  'Inspector',
  'Border control',
  'محمد علی',
  'خاتون پولیس',
  'بلوچستان',
  'Karachi',
  'UNODC',
);

/** Text that passes a length rule (after the trim the contract applies), often hostile. */
function fittingText(min: number, max: number): fc.Arbitrary<string> {
  const fit = (s: string) => {
    let t = s.slice(0, max);
    if (t.trim().length < min) t = `${'x'.repeat(Math.max(min, 1))}${t}`.slice(0, max);
    return t;
  };
  return fc
    .oneof(
      { weight: 3, arbitrary: words },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    )
    .map(fit);
}

const day = (from: string, spanDays: number) =>
  fc.integer({ min: 0, max: spanDays }).map((n) => new Date(Date.parse(from) + n * 86_400_000).toISOString().slice(0, 10));

/** A value the schema accepts, or nearly: the point is to get past validation into the handler. */
export function validValue(schema: JsonSchema, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.length > 0) {
    // null is one of the options for clearable fields; a real value more often.
    const nonNull = options.filter((o) => o.type !== 'null');
    const arbitraries = nonNull.map((o) => validValue(o, name, depth + 1));
    if (nonNull.length < options.length) arbitraries.push(fc.constant(null));
    return fc.oneof(...arbitraries);
  }
  if (schema.allOf && schema.allOf.length > 0) return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      return type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    }
    case 'array': {
      if (depth > 4 || !schema.items) return fc.constant([]);
      const minLength = schema.minItems ?? 0;
      return fc.array(validValue(schema.items, name, depth + 1), { minLength, maxLength: Math.min(schema.maxItems ?? 4, Math.max(minLength, 4)) });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validValue(v, k, depth + 1)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'string':
    default:
      return validString(schema, name);
  }
}

function validString(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  if (schema.format === 'uuid') return fc.oneof({ weight: 8, arbitrary: fc.nat().map((n) => new IdRef(kindOf(name), n)) }, { weight: 1, arbitrary: fc.uuid() });
  if (schema.format === 'date') return /(^to$|end)/i.test(name) ? day('2025-07-01', 180) : day('2025-01-01', 180);
  if (schema.format === 'email' || /email/i.test(name))
    return fc.oneof(
      fc.nat(9999).map((n) => `fz${n}@example.org`),
      fc.constantFrom("o'brien@example.pk", 'ALI@Example.PK', 'علی@example.pk', LOGIN_EMAIL),
    );
  if (/countr/i.test(name)) return fc.constantFrom('PK', 'AF', 'IN', 'BD', 'pk', 'GB');
  if (/password/i.test(name)) return fc.constantFrom('correct horse battery', "' OR 1=1-- password", 'محمد علی محمد علی');
  if (name === 'cursor') {
    // Cursors are base64url JSON: well-formed ones carrying hostile sort values or ids reach the SQL.
    const crafted = fc.tuple(
      fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom('2025-03-10', 'a')),
      fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '\u0000', "' OR 1=1--")),
    );
    return fc.oneof(
      fc.constantFrom('', 'abc', 'eyJ4IjoxfQ', '%FF'),
      crafted.map((pair) => Buffer.from(JSON.stringify(pair), 'utf8').toString('base64url')),
    );
  }
  return fittingText(schema.minLength ?? 0, schema.maxLength ?? 300);
}
