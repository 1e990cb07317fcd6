import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import type { User } from '@hifazat/contract';
import { keys } from '../lib/queries';
import { renderWithProviders, testQueryClient } from './render';
import { answerApi, json } from './setup';

// What the case-role pages' tests share: a signed-in account, the API calls the page makes, the pages drawn.

const NAMES: Partial<Record<User['role'], [string, string]>> = {
  data_officer: ['Officer Asma', 'd1'],
  supervisor: ['Supervisor Tariq', 's1'],
  service_provider: ['Provider Sana', 'p1'],
  analyst: ['Analyst Nadia', 'a1'],
};

/** An enrolled account of the role in Pakistan; its id ends with d1, s1, p1 or a1 (a data officer, supervisor, provider, analyst). */
export function accountOf(role: User['role'], overrides: Partial<User> = {}): User {
  const [name, suffix] = NAMES[role] ?? [role, 'x1'];
  return {
    id: `01900000-0000-7000-8000-0000000000${suffix}`,
    email: `${role}@example.org`,
    name,
    role,
    countries: ['PK'],
    organizationId: null,
    provinces: null,
    justiceAccess: false,
    active: true,
    secondFactorEnrolled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export type ApiCall = { method: string; path: string; body: unknown };

/** Answers the page's API calls with `answer` (404 where it gives nothing) and records them. */
export function recordApiCalls(answer: (call: ApiCall) => Response | undefined): ApiCall[] {
  const calls: ApiCall[] = [];
  answerApi((path, init) => {
    const call = { method: init?.method ?? 'GET', path, body: init?.body ? (JSON.parse(String(init.body)) as unknown) : null };
    calls.push(call);
    return answer(call) ?? json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  return calls;
}

/** Draws the pages at their addresses, signed in as `account`, starting at `route`. */
export function renderPagesAs(account: User, route: string, pages: Record<string, ReactElement>) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, account);
  return renderWithProviders(
    <Routes>
      {Object.entries(pages).map(([path, element]) => (
        <Route key={path} path={path} element={element} />
      ))}
    </Routes>,
    { queryClient, route },
  );
}
