import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { multipart, uploadFile, type Part, type Upload } from './files.js';
import { BAD_PERCENT, encodeUtf16Safely, HOSTILE_KEYS, hostileString, hostileValue, invalidUtf8, urlValue } from './payloads.js';
import { IdRef, kindOf, validValue, type JsonSchema, type Route } from './routes.js';

export type Auth = 'admin' | 'programme_manager' | 'trainer' | 'viewer' | 'none' | 'garbage' | 'huge' | 'doubled' | 'cross-site' | 'throwaway';

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; bytes: Buffer | string; contentType: string | null }
  | { kind: 'upload'; file: Upload; field: string; extra: boolean; truncate: boolean; noBoundary: boolean };

/** One request, with ids still to be picked from the rows that exist when it is sent. */
export type Plan = {
  /** Usually the route's own; sometimes HEAD, OPTIONS or a method no route has. */
  method: string;
  path: Record<string, IdRef | string>;
  query: string;
  auth: Auth;
  garbageCookie: string;
  headers: Record<string, string>;
  body: Body;
  /** What was done to the request, for a failure report. */
  label: string;
};

const authArb = (route: Route): fc.Arbitrary<Auth> =>
  // Signing out ends the caller's session: it gets sessions made for the purpose, never the fuzzer's
  // own (not even inside a doubled cookie header).
  route.key === 'POST /api/auth/logout'
    ? fc.constantFrom<Auth>('throwaway', 'throwaway', 'none', 'garbage', 'huge')
    : fc.oneof(
        { weight: 12, arbitrary: fc.constant<Auth>('admin') },
        { weight: 3, arbitrary: fc.constantFrom<Auth>('programme_manager', 'trainer', 'viewer') },
        { weight: 2, arbitrary: fc.constantFrom<Auth>('none', 'garbage', 'huge', 'doubled', 'cross-site') },
      );

const garbageCookie = fc.oneof(hostileString(), fc.constantFrom(...BAD_PERCENT), fc.string({ unit: 'binary', maxLength: 60 }));

// Header values as the bytes a client would put on the wire (UTF-8 read as Latin-1), without line breaks.
const headerText = (s: string) =>
  Buffer.from(s, 'utf8')
    .toString('latin1')
    .replace(/[\r\n\0]/g, ' ');

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'accept-language': fc.oneof(
        fc.constantFrom('ur', 'ur-PK,ur;q=0.9,en;q=0.8', 'en', '*', 'ur;q=abc', ';;;,,,', 'x'.repeat(20_000), 'zz-ZZ', 'UR'),
        hostileString().map(headerText),
      ),
      accept: fc.constantFrom('text/csv', '*/*', 'application/xml', 'garbage', ''),
      'x-forwarded-for': fc.constantFrom("' OR 1=1--", '::1, 999.999.1.1', '<script>'),
      'x-http-method-override': fc.constantFrom('DELETE', 'PUT'),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x'),
      referer: hostileString().map(headerText),
      'user-agent': hostileString().map(headerText),
    },
    { requiredKeys: [] },
  )
  .map((headers) => Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string')));

function pathValue(name: string, before: string): fc.Arbitrary<IdRef | string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.nat().map((n) => new IdRef(kindOf(name, before), n)) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0', '-1', 'null', '%20') },
    { weight: 4, arbitrary: urlValue() },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 5000 }).map((n) => 'a'.repeat(n)) },
  );
}

function queryPair(name: string, schema: JsonSchema, required: boolean): fc.Arbitrary<string[]> {
  const key = encodeURIComponent(name);
  const valid = validValue(schema, name).map((v) => [`${key}=${encodeUtf16Safely(v instanceof IdRef ? `@id:${v.kind}:${v.pick}` : String(v))}`]);
  return fc.oneof(
    { weight: required ? 0 : 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 5, arbitrary: valid },
    { weight: 3, arbitrary: urlValue().map((v) => [`${key}=${v}`]) },
    { weight: 1, arbitrary: fc.tuple(valid, urlValue()).map(([a, b]) => [...a, `${key}=${b}`]) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(`${key}=${'9'.repeat(400)}`, `${key}=${'x'.repeat(50_000)}`, `${key}[]=1`, `${key}[a]=1`, key, `${key}=`)
        .map((pair) => [pair]),
    },
  );
}

function queryArb(route: Route): fc.Arbitrary<string> {
  const pairs = route.query.map((q) => queryPair(q.name, q.schema, q.required));
  const junk = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...HOSTILE_KEYS), urlValue()).map(([k, v]) => `${encodeUtf16Safely(k)}=${v}`),
      fc.constantFrom(...BAD_PERCENT).map((b) => `${b}=${b}`),
      fc.constantFrom('&&&', '=', '==', '?', 'a=1&a=2&a=3', '__proto__[admin]=1', 'constructor[prototype][admin]=1'),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...pairs), junk, fc.boolean()).map(([chosen, extra, shuffle]) => {
    const all = [...chosen.flat(), ...extra];
    if (shuffle) all.reverse();
    return all.join('&');
  });
}

/** A valid body with one field made hostile, removed, or joined by a hostile key. */
function almostValid(schema: JsonSchema): fc.Arbitrary<{ value: unknown; label: string }> {
  const fields = Object.keys(schema.properties ?? {});
  const how = fc.constantFrom('replace', 'replace', 'replace', 'delete', 'hostile-key');
  return fc
    .tuple(validValue(schema, 'body'), fc.constantFrom(...(fields.length > 0 ? fields : ['x'])), hostileValue(), how, fc.constantFrom(...HOSTILE_KEYS))
    .map(([value, field, hostile, change, key]) => {
      const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
      if (change === 'delete') {
        delete record[field];
        return { value: record, label: `valid body without ${field}` };
      }
      if (change === 'hostile-key') {
        // fromEntries makes "__proto__" an own key, as JSON.parse on the server would.
        return {
          value: Object.fromEntries([...Object.entries(record), [key, hostile]]),
          label: `valid body plus key ${JSON.stringify(key)} = ${preview(hostile)}`,
        };
      }
      record[field] = hostile;
      return { value: record, label: `valid body, ${field} = ${preview(hostile)}` };
    });
}

const deepJson = fc.oneof(
  fc.integer({ min: 1000, max: 100_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1000, max: 50_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.constant('{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}'),
  fc.constant('{"a":1,"a":2}'),
);

const contentTypeLie = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  'text/csv',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'application/json;;;',
  '',
  'image/png',
);

function bodyArb(route: Route): fc.Arbitrary<{ body: Body; label: string }> {
  const json = (value: unknown, label: string) => ({ body: { kind: 'json', value, contentType: 'application/json' } as Body, label });
  const garbage = fc.oneof(
    fc.anything({ maxDepth: 3, withObjectString: true }),
    fc.jsonValue({ maxDepth: 4 }),
    fc.array(hostileValue(), { maxLength: 5 }),
    hostileString(),
  );
  // Mostly well-formed multipart, so that the file reaches the parser; now and then cut short or without its boundary.
  const rarely = fc.constantFrom(false, false, false, false, false, true);
  const upload = fc
    .record({
      file: uploadFile(),
      field: fc.constantFrom('file', 'file', 'file', 'upload', '__proto__'),
      extra: fc.boolean(),
      truncate: rarely,
      noBoundary: rarely,
    })
    .map((u) => ({
      body: { kind: 'upload', ...u } as Body,
      label: `upload ${u.file.label} as ${JSON.stringify(u.file.filename.slice(0, 40))}`,
    }));
  const raw = fc.oneof(
    invalidUtf8().map((bytes) => ({ body: { kind: 'raw', bytes, contentType: 'application/json' } as Body, label: 'invalid UTF-8 as JSON' })),
    invalidUtf8().map((bytes) => ({ body: { kind: 'raw', bytes, contentType: 'text/csv' } as Body, label: 'invalid UTF-8 as CSV' })),
    deepJson.map((bytes) => ({ body: { kind: 'raw', bytes, contentType: 'application/json' } as Body, label: `deep or odd JSON (${bytes.length} chars)` })),
    fc.tuple(route.body ? validValue(route.body, 'body') : garbage, contentTypeLie).map(([value, type]) => ({
      body: { kind: 'raw', bytes: JSON.stringify(value) ?? 'null', contentType: type } as Body,
      label: `JSON sent as ${type || 'no type'}`,
    })),
    fc
      .constantFrom('', '{', 'null', '"', '{"a":}', '\uFEFF{}', 'true')
      .map((bytes) => ({ body: { kind: 'raw', bytes, contentType: 'application/json' } as Body, label: `malformed JSON ${JSON.stringify(bytes)}` })),
    fc.constantFrom(1, 2).map((mb) => ({
      body: { kind: 'raw', bytes: `{"x":"${'A'.repeat(mb * 1024 * 1024)}"}`, contentType: 'application/json' } as Body,
      label: `${mb} MB JSON`,
    })),
  );
  if (route.upload) {
    return fc.oneof({ weight: 8, arbitrary: upload }, { weight: 1, arbitrary: raw }, { weight: 1, arbitrary: garbage.map((v) => json(v, 'garbage JSON')) });
  }
  if (route.body) {
    const schema = route.body;
    return fc.oneof(
      { weight: 6, arbitrary: validValue(schema, 'body').map((v) => json(v, 'valid body')) },
      { weight: 8, arbitrary: almostValid(schema).map((v) => json(v.value, v.label)) },
      { weight: 3, arbitrary: garbage.map((v) => json(v, 'garbage JSON')) },
      { weight: 4, arbitrary: raw },
      { weight: 1, arbitrary: upload },
    );
  }
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant({ body: { kind: 'none' } as Body, label: 'no body' }) },
    { weight: 1, arbitrary: garbage.map((v) => json(v, 'unexpected JSON body')) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: upload },
  );
}

/** Requests for one route: path, query, headers, cookie and body, each sometimes hostile. */
export function planArb(route: Route): fc.Arbitrary<Plan> {
  const pathParams = fc.tuple(...route.pathParams.map((name) => pathValue(name, route.path.slice(0, route.path.indexOf(`{${name}}`)))));
  const method = fc.oneof(
    { weight: 30, arbitrary: fc.constant(route.method) },
    { weight: route.method === 'GET' ? 2 : 0, arbitrary: fc.constant('HEAD') },
    { weight: 1, arbitrary: fc.constantFrom('OPTIONS', 'TRACE', 'PROPFIND', route.method === 'GET' ? 'POST' : 'GET') },
  );
  return fc
    .record({ method, path: pathParams, query: queryArb(route), auth: authArb(route), garbageCookie, headers: extraHeaders, body: bodyArb(route) })
    .map((r) => ({
      method: r.method,
      path: Object.fromEntries(route.pathParams.map((name, i) => [name, r.path[i] ?? ''])),
      query: r.query,
      auth: r.auth,
      garbageCookie: r.garbageCookie,
      headers: r.headers,
      body: r.body.body,
      label: r.method === route.method ? r.body.label : `${r.body.label}, sent as ${r.method}`,
    }));
}

export function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…(${text.length} chars)` : text;
}

export type Resolver = {
  id: (ref: IdRef) => string;
  cookie: (auth: Auth) => string | undefined;
};

/** The request as Fastify's inject takes it, with ids picked now. */
export function toInject(route: Route, plan: Plan, resolve: Resolver): InjectOptions & { url: string; method: string } {
  const replaceIds = (value: unknown): unknown => {
    if (value instanceof IdRef) return resolve.id(value);
    if (Array.isArray(value)) return value.map(replaceIds);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIds(v)]));
    return value;
  };
  let url = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = plan.path[name];
    return value instanceof IdRef ? resolve.id(value) : (value ?? '');
  });
  const query = plan.query.replace(/@id%3A([a-z_]+)%3A(\d+)/g, (_, kind: string, pick: string) => resolve.id(new IdRef(kind, Number(pick))));
  if (query) url += `?${query}`;
  const headers: Record<string, string> = { ...plan.headers };
  if (plan.auth === 'cross-site') {
    headers['sec-fetch-site'] = 'cross-site';
    headers.origin = 'https://evil.example';
  }
  const cookie = resolve.cookie(plan.auth) ?? (plan.auth === 'none' ? undefined : `hifazat_session=${headerText(plan.garbageCookie)}`);
  if (cookie) headers.cookie = cookie;
  const options: InjectOptions & { url: string; method: string } = { method: plan.method, url, headers };
  const body = plan.body;
  if (plan.method === 'HEAD') return options;
  if (body.kind === 'json') {
    headers['content-type'] = body.contentType;
    options.payload = JSON.stringify(replaceIds(body.value)) ?? 'null';
  } else if (body.kind === 'raw') {
    if (body.contentType !== null) headers['content-type'] = body.contentType;
    options.payload = body.bytes;
  } else if (body.kind === 'upload') {
    const parts: Part[] = [{ field: body.field, filename: body.file.filename, contentType: body.file.contentType, content: body.file.content }];
    if (body.extra) parts.push({ field: 'note', content: Buffer.from('محمد علی') });
    const built = multipart(parts, { truncate: body.truncate });
    headers['content-type'] = body.noBoundary ? 'multipart/form-data' : built.contentType;
    options.payload = built.body;
  }
  return options;
}
