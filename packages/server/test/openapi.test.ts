import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from './helpers.js';

const COMMITTED = path.resolve(import.meta.dirname, '../../../docs/openapi.json');
const HOW_TO_FIX = 'docs/openapi.json is out of date: run `npm run openapi:write` and commit the result';

type Operation = { tags?: string[]; responses?: Record<string, unknown>; parameters?: Array<{ in: string; name: string; required?: boolean }> };
type OpenApiDocument = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };

let ctx: TestContext;
let served: string;
let document: OpenApiDocument;
beforeAll(async () => {
  ctx = await createTestContext();
  const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  served = response.body;
  document = json<OpenApiDocument>(response);
});
afterAll(async () => ctx.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${route}`, route, operation })),
  );

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and served without signing in', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Hifazat API');
    expect(Object.keys(document.paths).length).toBeGreaterThan(20);
  });

  it('equals the committed docs/openapi.json', () => {
    expect(fs.existsSync(COMMITTED), HOW_TO_FIX).toBe(true);
    const committed = fs.readFileSync(COMMITTED, 'utf8');
    expect(JSON.parse(committed) as unknown, HOW_TO_FIX).toEqual(JSON.parse(served) as unknown);
    // Byte for byte too, as the script writes it: 2-space JSON and a final newline.
    expect(committed === `${JSON.stringify(JSON.parse(served), null, 2)}\n`, HOW_TO_FIX).toBe(true);
  });

  it('gives every documented operation a tag', () => {
    const untagged = operations()
      .filter(({ operation }) => !operation.tags || operation.tags.length === 0)
      .map((o) => o.key);
    expect(untagged).toEqual([]);
  });

  it('documents a success answer for every operation and every path parameter', () => {
    for (const { key, route, operation } of operations()) {
      const statuses = Object.keys(operation.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith('2')),
        `${key} documents no 2xx answer`,
      ).toBe(true);
      const named = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const documented = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(documented.sort(), `${key} path parameters`).toEqual(named.sort());
    }
  });

  it('lists only API routes, not the web app or the docs pages', () => {
    const outside = Object.keys(document.paths).filter((p) => !p.startsWith('/api/') || p.startsWith('/api/docs'));
    expect(outside).toEqual([]);
  });
});
