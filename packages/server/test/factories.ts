import {
  routePath,
  routes,
  type CreateEventBody,
  type CreateOrganizationBody,
  type CreatePersonBody,
  type CreateProgrammeBody,
  type CreateQuestionBody,
  type CreateTestBody,
  type CreateUserBody,
  type Role,
  type RouteInput,
  type RouteName,
  type RouteOutput,
  type Routes,
} from '@hifazat/contract';
import type { InjectOptions } from 'fastify';
import type { TestContext } from './helpers.js';

type Answer<N extends RouteName> = { status: number; body: RouteOutput<Routes[N]>; raw: string };

/**
 * Calls a route of the contract's route map in-process, as `role`, and parses a success with the
 * route's own response schema: a test that passes also shows the answer matches the contract.
 */
export async function callRoute<N extends RouteName>(ctx: TestContext, name: N, input: RouteInput<Routes[N]>, role: Role = 'admin'): Promise<Answer<N>> {
  const spec = routes[name];
  const given = input as { params?: Record<string, unknown>; query?: Record<string, string | number | boolean>; body?: unknown };
  const query = given.query ? `?${new URLSearchParams(Object.entries(given.query).map(([k, v]) => [k, String(v)])).toString()}` : '';
  const options: InjectOptions = {
    method: spec.method,
    url: `${routePath(spec.path, given.params)}${query}`,
    headers: ctx.as(role),
    ...(given.body === undefined ? {} : { payload: given.body as InjectOptions['payload'] }),
  };
  const response = await ctx.app.inject(options);
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  const body = ok && spec.response ? (spec.response.parse(JSON.parse(response.body)) as RouteOutput<Routes[N]>) : (undefined as RouteOutput<Routes[N]>);
  return { status: response.statusCode, body, raw: response.body };
}

/** Calls a route that must succeed; anything else fails the test with the server's answer. */
async function created<N extends RouteName>(ctx: TestContext, name: N, input: RouteInput<Routes[N]>, role: Role = 'admin') {
  const answer = await callRoute(ctx, name, input, role);
  if (answer.status !== routes[name].status) throw new Error(`${name}: ${answer.status} ${answer.raw}`);
  return answer.body;
}

let counter = 0;
const unique = (label: string) => `${label} ${(counter += 1)}-${Math.random().toString(36).slice(2, 7)}`;

/** Typed records for tests, made through the API as an administrator unless another role is named. */
export const make = {
  programme: (ctx: TestContext, overrides: Partial<CreateProgrammeBody> = {}, role?: Role) =>
    created(ctx, 'createProgramme', { body: { name: unique('Programme'), donor: 'EU', countries: ['PK'], ...overrides } }, role),
  organization: (ctx: TestContext, overrides: Partial<CreateOrganizationBody> = {}, role?: Role) =>
    created(ctx, 'createOrganization', { body: { name: unique('Organisation'), type: 'law_enforcement', countryCode: 'PK', ...overrides } }, role),
  person: (ctx: TestContext, overrides: Partial<CreatePersonBody> = {}, role?: Role) =>
    created(ctx, 'createPerson', { body: { fullName: unique('Person'), sex: 'female', countryCode: 'PK', ...overrides } }, role),
  event: async (ctx: TestContext, overrides: Partial<CreateEventBody> = {}, role?: Role) => {
    const programmeId = overrides.programmeId ?? (await make.programme(ctx)).id;
    return created(
      ctx,
      'createEvent',
      {
        body: {
          programmeId,
          title: 'Victim identification workshop',
          type: 'workshop',
          startDate: '2025-03-10',
          endDate: '2025-03-12',
          city: 'Lahore',
          province: 'Punjab',
          countryCode: 'PK',
          ...overrides,
        },
      },
      role,
    );
  },
  /** A single-choice question (the first of its two options is correct) unless overridden. */
  question: (ctx: TestContext, overrides: Partial<CreateQuestionBody> = {}, role?: Role) =>
    created(
      ctx,
      'createQuestion',
      {
        body: {
          type: 'single_choice',
          text: { en: unique('Which law covers trafficking in persons?'), ur: 'انسانی اسمگلنگ کا قانون کون سا ہے؟' },
          options: [
            { text: { en: 'PTPA 2018' }, correct: true },
            { text: { en: 'Traffic rules' }, correct: false },
          ],
          topic: 'Legal framework',
          ...overrides,
        },
      },
      role,
    ),
  /** A pre-test of the event asking the questions given. */
  test: (ctx: TestContext, eventId: string, overrides: Partial<CreateTestBody> & Pick<CreateTestBody, 'questionIds'>, role?: Role) =>
    created(ctx, 'createTest', { params: { id: eventId }, body: { kind: 'pre', title: 'Pre-test', ...overrides } }, role),
  user: (ctx: TestContext, overrides: Partial<CreateUserBody> = {}) =>
    created(ctx, 'createUser', {
      body: {
        email: `${unique('user').replace(/\W+/g, '-')}@test.example`,
        name: unique('User'),
        role: 'viewer',
        password: 'correct horse battery',
        ...overrides,
      },
    }),
};
