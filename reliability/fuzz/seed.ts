import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { TEST_PASSWORD, type TestContext } from '../../packages/server/src/testing.js';

/** The account the fuzzer's sign-in bodies may name (so some succeed); failed tries may lock it. */
export const LOGIN_EMAIL = 'fz-login@example.org';
/** The account whose sessions sign-out requests end; the fuzzer never names it, so it is never locked. */
export const SESSIONS_EMAIL = 'fz-sessions@example.org';

/** Tables whose ids the fuzzer aims at; `any` is all of them. */
export const KINDS = ['programmes', 'organizations', 'people', 'events', 'users'] as const;
const MINIMUM: Record<(typeof KINDS)[number], number> = { programmes: 2, organizations: 3, people: 6, events: 3, users: 6 };

/**
 * A small, realistic register made through the API as an admin (Urdu and English names, two
 * countries, attendance), so that routes with ids have real targets. Requests here are set-up, not
 * fuzz: a refusal is a broken harness and throws.
 */
export class Seeder {
  private counter = 0;
  constructor(
    private readonly ctx: TestContext,
    private readonly adminCookie: () => string,
  ) {}

  private async call(options: InjectOptions & { url: string }): Promise<Record<string, unknown>> {
    const response = await this.ctx.app.inject({ ...options, headers: { cookie: this.adminCookie(), ...(options.headers ?? {}) } });
    if (response.statusCode >= 300) throw new Error(`seeding ${options.method} ${options.url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {};
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  programme(name = `Programme ${this.next()}`) {
    return this.call({ method: 'POST', url: '/api/programmes', payload: { name, donor: 'EU', countries: ['PK', 'AF'] } });
  }

  organization(name: string, type = 'law_enforcement', countryCode: string | null = 'PK') {
    return this.call({ method: 'POST', url: '/api/organizations', payload: { name, type, countryCode, province: countryCode ? 'Punjab' : null } });
  }

  person(fullName: string, sex: string, organizationId: string | null) {
    return this.call({
      method: 'POST',
      url: '/api/people',
      payload: { fullName, sex, organizationId, province: 'Punjab', district: 'Lahore', phone: `0300-${1_000_000 + this.next()}` },
    });
  }

  event(programmeId: string, overrides: Record<string, unknown> = {}) {
    const payload = {
      programmeId,
      title: `Victim identification workshop ${this.next()}`,
      type: 'workshop',
      startDate: '2025-03-10',
      endDate: '2025-03-12',
      city: 'Lahore',
      province: 'Punjab',
      countryCode: 'PK',
      status: 'held',
      trainerUserIds: [this.ctx.users.trainer.id],
      ...overrides,
    };
    return this.call({ method: 'POST', url: '/api/events', payload });
  }

  participant(eventId: string, personId: string) {
    return this.call({ method: 'POST', url: `/api/events/${eventId}/participants`, payload: { personId, attended: true } });
  }

  user(email = `fz-user-${this.next()}@example.org`, role = 'viewer') {
    return this.call({ method: 'POST', url: '/api/users', payload: { email, name: `Fuzz user ${this.counter}`, role, password: TEST_PASSWORD } });
  }

  async seed(): Promise<void> {
    const programme = await this.programme('Counter-trafficking programme 2025');
    await this.programme('برنامج / پروگرام');
    const fia = await this.organization('Federal Investigation Agency');
    const police = await this.organization('محکمہ پولیس پنجاب');
    await this.organization('Sahil', 'civil_society');
    await this.organization('UNODC', 'international', null);
    const people = [];
    for (const [name, sex, org] of [
      ['محمد علی', 'male', fia.id],
      ['عائشہ بی بی', 'female', police.id],
      ['Sara Khan', 'female', null],
      ['Bilal Ahmed', 'male', fia.id],
      ['Fatima Jinnah', 'female', police.id],
      ['Zara \u202EKhan', 'other', null],
      ['Imran Qureshi', 'male', null],
    ] as const) {
      people.push(await this.person(name, sex, org as string | null));
    }
    const held = await this.event(String(programme.id));
    const planned = await this.event(String(programme.id), {
      status: 'planned',
      startDate: '2025-09-01',
      endDate: '2025-09-02',
      city: 'کراچی',
      province: 'Sindh',
    });
    await this.event(String(programme.id), { countryCode: 'AF', city: 'Kabul', province: null });
    for (const person of people.slice(0, 4)) await this.participant(String(held.id), String(person.id));
    for (const person of people.slice(3, 5)) await this.participant(String(planned.id), String(person.id));
    await this.call({
      method: 'PUT',
      url: `/api/events/${String(held.id)}/attendance`,
      payload: { personId: people[0]?.id, date: '2025-03-11', present: false },
    });
    await this.user(LOGIN_EMAIL, 'viewer');
    await this.user(SESSIONS_EMAIL, 'viewer');
    await this.user();
    await this.user();
  }

  /** Accepted deletes and merges eat the register; put back what a run needs to keep hitting real rows. */
  async topUp(): Promise<boolean> {
    let added = false;
    const count = async (table: string) =>
      Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(this.ctx.db)).rows[0]?.n ?? 0);
    while ((await count('programmes')) < MINIMUM.programmes) {
      await this.programme();
      added = true;
    }
    while ((await count('organizations')) < MINIMUM.organizations) {
      await this.organization(`Agency ${this.next()}`);
      added = true;
    }
    while ((await count('people')) < MINIMUM.people) {
      await this.person(`Person ${this.next()}`, 'female', null);
      added = true;
    }
    while ((await count('events')) < MINIMUM.events) {
      const programmes = await this.ctx.db.selectFrom('programmes').select('id').orderBy('id').execute();
      const programmeId = programmes[0]?.id;
      if (!programmeId) break;
      await this.event(programmeId);
      added = true;
    }
    while ((await count('users')) < MINIMUM.users) {
      await this.user();
      added = true;
    }
    return added;
  }
}

/**
 * A session for the harness itself, from an address of its own: the fuzzed sign-ins from the
 * default address may have got that address limited.
 */
export async function harnessSignIn(ctx: TestContext, email: string): Promise<string> {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.255.0.1', payload: { email, password: TEST_PASSWORD } });
  const token = /hifazat_session=([^;]+)/.exec(String(response.headers['set-cookie'] ?? ''))?.[1];
  if (response.statusCode !== 200 || !token) throw new Error(`harness sign-in as ${email}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  return `hifazat_session=${token}`;
}

/** Ids of the rows that exist now, per table; refreshed after every accepted change. */
export async function idPools(ctx: TestContext, protectedIds: ReadonlySet<string>): Promise<{ read: Map<string, string[]>; write: Map<string, string[]> }> {
  const read = new Map<string, string[]>();
  const write = new Map<string, string[]>();
  const all: string[] = [];
  for (const kind of KINDS) {
    const ids = (await sql<{ id: string }>`select id from ${sql.table(kind)} order by id`.execute(ctx.db)).rows.map((r) => r.id);
    read.set(kind, ids);
    write.set(
      kind,
      ids.filter((id) => !protectedIds.has(id)),
    );
    all.push(...ids);
  }
  read.set('any', all);
  write.set(
    'any',
    all.filter((id) => !protectedIds.has(id)),
  );
  return { read, write };
}
