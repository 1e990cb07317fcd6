import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const modulesDir = path.join(root, 'packages/server/src/modules');
const eslint = new ESLint({ cwd: root });

/** The restricted-import problems ESLint reports for `code` as if it were the file at `file`. */
async function edgeProblems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module edges (docs/architecture.md)', () => {
  it("lint refuses another module's repository or internal file, and lets its index through", async () => {
    const inEvents = 'packages/server/src/modules/events/edge-fixture.ts';
    expect(await edgeProblems("import { insertPeople } from '../people/people.repository.js';\nexport const x = insertPeople;\n", inEvents)).toHaveLength(1);
    expect(await edgeProblems("import { getVisiblePerson } from '../people/people.service.js';\nexport const x = getVisiblePerson;\n", inEvents)).toHaveLength(
      1,
    );
    expect(await edgeProblems("import { getVisiblePerson } from '../people/index.js';\nexport const x = getVisiblePerson;\n", inEvents)).toEqual([]);
    // A module's own files are its own.
    expect(await edgeProblems("import * as repo from './events.repository.js';\nexport const x = repo;\n", inEvents)).toEqual([]);
    // Outside the modules, only the index either.
    expect(
      await edgeProblems(
        "import { listUsers } from './modules/users/users.repository.js';\nexport const x = listUsers;\n",
        'packages/server/src/edge-fixture.ts',
      ),
    ).toHaveLength(1);
    expect(
      await edgeProblems("import { createUser } from '../modules/users/index.js';\nexport const x = createUser;\n", 'packages/server/src/cli/edge-fixture.ts'),
    ).toEqual([]);
  });

  it('benchmarks and reliability suites reach the server only through its testing entry', async () => {
    const deep = "import { listPeople } from '../../packages/server/src/modules/people/index.js';\nexport const x = listPeople;\n";
    const entry = "import { listPeople } from '../../packages/server/src/testing.js';\nexport const x = listPeople;\n";
    expect(await edgeProblems(deep, 'bench/cases/edge-fixture.ts')).toHaveLength(1);
    expect(await edgeProblems(entry, 'bench/cases/edge-fixture.ts')).toEqual([]);
    expect(await edgeProblems(deep.replace('../../', '../'), 'reliability/edge-fixture.ts')).toHaveLength(1);
  });

  it('lint keeps SQL (kysely) in repositories and db/', async () => {
    const code = "import { sql } from 'kysely';\nexport const x = sql;\n";
    expect(await edgeProblems(code, 'packages/server/src/modules/events/events.service-fixture.ts')).toHaveLength(1);
    expect(await edgeProblems(code, 'packages/server/src/http/edge-fixture.ts')).toHaveLength(1);
    expect(await edgeProblems(code, 'packages/server/src/modules/events/fixture.repository.ts')).toEqual([]);
    expect(await edgeProblems(code, 'packages/server/src/db/edge-fixture.ts')).toEqual([]);
  });

  it('no two modules depend on each other, directly or around a circle', () => {
    const graph = new Map<string, Set<string>>();
    for (const module of fs.readdirSync(modulesDir)) {
      const deps = new Set<string>();
      for (const file of fs.readdirSync(path.join(modulesDir, module))) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const text = fs.readFileSync(path.join(modulesDir, module, file), 'utf8');
        for (const match of text.matchAll(/from '\.\.\/([a-z-]+)\/[^']+'/g)) if (match[1] && match[1] !== module) deps.add(match[1]);
      }
      graph.set(module, deps);
    }
    expect(graph.size).toBeGreaterThan(8);
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const module of graph.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });
});
