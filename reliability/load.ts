import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Event, Page, ParticipantList, User } from '@hifazat/contract';
import { seededRandom } from '../packages/server/src/testing.js';
import type { CheckContext, CheckResult, ReliabilitySuite } from './lib/check.js';
import { call, hifazat, scratchDatabase, sessionCookie, signIn, startServer, type Answer, type DatabaseSetting, type RunningServer } from './lib/server.js';

const CONNECTIONS = 100;
const SECONDS = { full: 20, quick: 5 };
/**
 * Connections are opened this many at a time, each batch once the one before has had its first
 * answers, before the mix starts. A Node server that is busy answering accepts one new connection per
 * turn of its event loop (measured: a hundred opened at once against fifty busy ones were accepted
 * over 5 s on a quiet machine, and some took more than autocannon's 10 s on a loaded one), so opening
 * them all at once would time out connections, not requests. Meanwhile they only ask /api/health.
 */
const CONNECTIONS_PER_BATCH = 10;
// A count cap well above what two cores answer, so that the duration ends the run unless something runs away.
const MAX_REQUESTS_PER_SECOND = 5_000;
/** autocannon's wait for an answer, in seconds: no answer by then counts as an error. */
const ANSWER_TIMEOUT_SECONDS = 10;
const ACCOUNTS = 100;
const TRAINER_GROUPS = 5;

// autocannon ships no types; these are the parts of its programmatic API used here.
type CannonRequest = { method: string; path: string; headers: Record<string, string>; body: string };
type CannonStep = {
  method: string;
  path: string;
  /** null ends the visit: the connection starts over at the first step with a fresh context. */
  setupRequest: (request: CannonRequest, visit: Visit) => CannonRequest | null;
  onResponse: (status: number, body: string, visit: Visit, headers: Record<string, string | string[]>) => void;
};
type CannonOptions = {
  url: string;
  connections: number;
  duration: number;
  maxOverallRequests: number;
  timeout: number;
  requests: CannonStep[];
  initialContext: Visit;
  /** Called with each connection's client as it is made. */
  setupClient?: (client: { once: (event: 'response', listener: () => void) => void }) => void;
};
/** `errors` counts socket errors and timeouts together. */
type CannonResult = { requests: { total: number }; errors: number; timeouts: number; non2xx: number };
type Autocannon = (options: CannonOptions, done: (error: Error | null, result: CannonResult) => void) => { stop: () => void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

type Role = 'trainer' | 'programme_manager' | 'viewer';
type Account = { email: string; role: Role; id: string; group: number };
/** An event as the mix uses it: who is on its list and its days. */
type EventIds = { id: string; people: string[]; days: string[] };
type Seed = {
  password: string;
  adminCookie: string;
  accounts: Account[];
  /** Sessions signed in before the run: a connection's first visit opens the app with one. */
  sessions: Array<{ account: Account; cookie: string }>;
  /** Every event not cancelled: what anyone may open. */
  events: EventIds[];
  /** Events whose day register is in use, each with the group of load trainers made its trainers. */
  register: Array<EventIds & { group: number }>;
  listQueries: string[];
  reportQueries: string[];
  searchTerms: string[];
  personIds: string[];
};

const KINDS = ['sign_in', 'session', 'dashboard', 'events_list', 'event_page', 'attendance', 'people', 'report'] as const;
type Kind = (typeof KINDS)[number];

type Action = 'list' | 'event' | 'participants' | 'summary' | 'mark' | 'search' | 'person' | 'report';
type Task = 'list' | 'page' | 'mark' | 'people' | 'report';
/**
 * What someone does next, drawn at random after the home page, weighted so that a visit is about
 * 14% lists, 36% event pages, 24% attendance marks, 18% people search, 4% the programme report.
 */
const TASKS: Array<[Task, number]> = [
  ['list', 12],
  ['page', 10],
  ['mark', 6],
  ['people', 6],
  ['report', 4],
];
/** One visit: open the app (a sign-in; a saved session on a connection's first visit), the home page, then tasks. */
const VISIT_LENGTH = 50;

/** What one connection knows during one visit; autocannon resets it when the visit starts over. */
type Visit = {
  account?: Account;
  cookie?: string;
  endsAt?: number;
  queue?: Action[];
  focus?: EventIds;
  kind?: Kind | 'ramp';
  sentAt?: number;
  /** The request sent and not yet answered: still set when the next is built, it timed out. */
  waiting?: string;
};

type Planned = { kind: Kind | 'ramp'; method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown };
type Tally = { count: number; failed: number; ms: number[] };

/** The requests of one visit, and the per-kind record of what they got back. */
function buildMix(seed: Seed, randomSeed: number) {
  const random = seededRandom(randomSeed);
  const tallies = new Map<Kind, Tally>(KINDS.map((k) => [k, { count: 0, failed: 0, ms: [] }]));
  const failures = new Map<string, number>();
  /** Requests that got no answer (autocannon gave up on them and reconnected): "kind method path, seconds". */
  const unanswered: string[] = [];
  let nextAccount = 0;
  const sessionsLeft = [...seed.sessions];
  // Trainers may only mark attendance on their own events; managers on any.
  const writable = (account: Account) => {
    const mine = account.role === 'trainer' ? seed.register.filter((e) => e.group === account.group) : seed.register;
    return mine.length > 0 ? mine : seed.register;
  };

  const nextActions = (visit: Visit): Action[] => {
    const task = random.weighted(TASKS);
    const account = visit.account;
    switch (task) {
      case 'list':
        return ['list'];
      case 'people':
        return ['search', 'search', 'person'];
      case 'report':
        return ['report'];
      case 'mark':
        if (account && account.role !== 'viewer') {
          const own = writable(account);
          if (visit.focus && own.some((e) => e.id === visit.focus?.id)) return ['mark', 'mark', 'mark', 'mark', 'participants'];
          visit.focus = random.pick(own);
          return ['event', 'participants', 'summary', 'mark', 'mark', 'mark', 'mark', 'participants'];
        }
        // A viewer may not mark attendance: they open an event instead.
        visit.focus = random.pick(seed.events);
        return ['event', 'participants', 'summary'];
      case 'page':
        visit.focus = random.pick(seed.events);
        return ['event', 'participants', 'summary'];
    }
  };

  const act = (action: Action, visit: Visit): Planned => {
    const focus = (visit.focus ??= random.pick(seed.events));
    switch (action) {
      case 'list':
        return { kind: 'events_list', method: 'GET', path: `/api/events?${random.pick(seed.listQueries)}` };
      case 'event':
        return { kind: 'event_page', method: 'GET', path: `/api/events/${focus.id}` };
      case 'participants':
        return { kind: 'event_page', method: 'GET', path: `/api/events/${focus.id}/participants` };
      case 'summary':
        return { kind: 'event_page', method: 'GET', path: `/api/events/${focus.id}/summary` };
      case 'mark': {
        const body = { personId: random.pick(focus.people), date: random.pick(focus.days), present: random.chance(0.9) };
        return { kind: 'attendance', method: 'PUT', path: `/api/events/${focus.id}/attendance`, body };
      }
      case 'search':
        return { kind: 'people', method: 'GET', path: `/api/people?q=${encodeURIComponent(random.pick(seed.searchTerms))}&limit=10` };
      case 'person':
        return { kind: 'people', method: 'GET', path: `/api/people/${random.pick(seed.personIds)}` };
      case 'report':
        return { kind: 'report', method: 'GET', path: `/api/reports/programme?${random.pick(seed.reportQueries)}` };
    }
  };

  const plan = (index: number, visit: Visit): Planned => {
    if (index === 0) {
      const saved = sessionsLeft.shift();
      if (saved) {
        visit.account = saved.account;
        visit.cookie = saved.cookie;
        // People are somewhere in their visit when the run starts; ending these first visits at
        // random spreads the later sign-ins out instead of all hundred at one moment.
        visit.endsAt = random.int(3, VISIT_LENGTH);
        return { kind: 'session', method: 'GET', path: '/api/auth/me' };
      }
      const account = seed.accounts[nextAccount++ % seed.accounts.length];
      visit.account = account;
      return { kind: 'sign_in', method: 'POST', path: '/api/auth/login', body: { email: account?.email, password: seed.password } };
    }
    if (index === 1) return { kind: 'dashboard', method: 'GET', path: '/api/reports/dashboard' };
    if (index === 2) return { kind: 'events_list', method: 'GET', path: '/api/events?limit=5' };
    if (!visit.queue || visit.queue.length === 0) visit.queue = nextActions(visit);
    return act(visit.queue.shift() ?? 'list', visit);
  };

  // Until then every connection only asks /api/health (see CONNECTIONS_PER_BATCH); a visit begun then starts over.
  let rampUntil = Number.POSITIVE_INFINITY;
  let lastAnswerAt = 0;
  const requests: CannonStep[] = Array.from({ length: VISIT_LENGTH }, (_, index) => ({
    method: 'GET',
    path: '/',
    setupRequest: (request, visit) => {
      if (visit.waiting !== undefined && visit.sentAt !== undefined) {
        const sentAt = ((visit.sentAt - rampUntil) / 1000).toFixed(1);
        unanswered.push(`${visit.waiting} sent at ${sentAt} s, given up ${((performance.now() - visit.sentAt) / 1000).toFixed(1)} s later`);
      }
      const ramping = performance.now() < rampUntil;
      if (index > 0 && (ramping || !visit.account || (visit.endsAt !== undefined && index >= visit.endsAt))) return null;
      const planned: Planned = ramping ? { kind: 'ramp', method: 'GET', path: '/api/health' } : plan(index, visit);
      visit.kind = planned.kind;
      visit.sentAt = performance.now();
      visit.waiting = `${planned.kind} ${planned.method} ${planned.path}`;
      const headers: Record<string, string> = {};
      if (visit.cookie) headers.cookie = visit.cookie;
      if (planned.body !== undefined) headers['content-type'] = 'application/json';
      return { ...request, method: planned.method, path: planned.path, headers, body: planned.body === undefined ? '' : JSON.stringify(planned.body) };
    },
    onResponse: (status, body, visit, headers) => {
      visit.waiting = undefined;
      const failed = status < 200 || status > 299;
      if (failed) {
        const key = `${visit.kind ?? '?'} ${status} ${body.slice(0, 200)}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
      if (visit.kind === 'ramp' || visit.kind === undefined || visit.sentAt === undefined) return;
      const tally = tallies.get(visit.kind);
      if (tally) {
        tally.count += 1;
        tally.ms.push(performance.now() - visit.sentAt);
        if (failed) tally.failed += 1;
      }
      lastAnswerAt = performance.now();
      if (visit.kind === 'sign_in' && status === 200) visit.cookie = sessionCookie(headers['set-cookie']);
    },
  }));
  return {
    requests,
    tallies,
    failures,
    unanswered,
    /** Call once every connection is open: the mix proper begins. */
    start: () => (rampUntil = performance.now()),
    /** Seconds from the end of the ramp to the last answer counted. */
    measuredSeconds: () => Math.max(0, lastAnswerAt - rampUntil) / 1000,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

// ---------------------------------------------------------------------------------------------
// Seeding through the API, as an administrator would

/** Runs `work` over `items`, `width` at a time (argon2 hashing uses four threads). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  return results;
}

/** The demo programme, an administrator from the command line, then the accounts and ids the mix uses. */
async function seedData(env: Record<string, string>, log: (line: string) => void): Promise<{ server: RunningServer; seed: Seed }> {
  const began = performance.now();
  await hifazat(['demo'], env);
  const demoSeconds = (performance.now() - began) / 1000;
  const password = randomBytes(12).toString('base64url');
  await hifazat(
    ['user', 'add', '--email', 'load.admin@hifazat.example', '--name', 'Load test administrator', '--role', 'admin', '--password-stdin'],
    env,
    `${password}\n`,
  );
  const server = await startServer(env);
  try {
    const base = server.url;
    const admin = await signIn(base, 'load.admin@hifazat.example', password);

    // Half trainers (who mark attendance on their own events), four in ten managers, one in ten viewers.
    const roles: Role[] = Array.from({ length: ACCOUNTS }, (_, i) => (i % 10 < 5 ? 'trainer' : i % 10 < 9 ? 'programme_manager' : 'viewer'));
    let trainers = 0;
    const accounts = await inBatches(roles, 4, async (role, i) => {
      const n = String(i + 1).padStart(3, '0');
      const email = `load.${role}.${n}@hifazat.example`;
      const created = await call<User>(base, 'POST', '/api/users', {
        cookie: admin,
        body: { email, name: `Load ${role.replace('_', ' ')} ${n}`, role, password, countries: role === 'trainer' ? ['PK'] : null },
      });
      return { email, role, id: created.body.id, group: role === 'trainer' ? trainers++ % TRAINER_GROUPS : -1 };
    });

    const events: Event[] = [];
    for (let cursor: string | null = null; ;) {
      const page: Answer<Page<Event>> = await call<Page<Event>>(base, 'GET', `/api/events?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        cookie: admin,
      });
      events.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    const open = events.filter((e) => e.status !== 'cancelled');
    const lists = await inBatches(open, 8, async (e) => ({
      event: e,
      list: (await call<ParticipantList>(base, 'GET', `/api/events/${e.id}/participants`, { cookie: admin })).body,
    }));
    // Events whose day-by-day register is in use are the ones people mark attendance on.
    const withRegister = lists.filter(({ list }) => list.items.some((p) => p.presentDates.length + p.absentDates.length > 0));
    if (withRegister.length === 0) throw new Error('the demo has no event with a day register');
    // The load's accounts see every country, so no participant comes back masked; masked rows (no id) are skipped anyway.
    const peopleOf = (items: Array<{ personId: string | null }>) => items.flatMap((p) => (p.personId === null ? [] : [p.personId]));
    const register = withRegister.map(({ event, list }, i) => ({ id: event.id, people: peopleOf(list.items), days: list.days, group: i % TRAINER_GROUPS }));
    await inBatches(register, 4, async (e, i) => {
      const current = withRegister[i]?.event.trainerUserIds ?? [];
      const mine = accounts.filter((a) => a.role === 'trainer' && a.group === e.group).map((a) => a.id);
      await call<Event>(base, 'PATCH', `/api/events/${e.id}`, { cookie: admin, body: { trainerUserIds: [...current, ...mine] } });
    });

    const distinct = (values: Array<string | null | undefined>) => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
    const years = distinct(open.map((e) => e.startDate.slice(0, 4))).sort();
    const thisYear = String(new Date().getUTCFullYear());
    const titleWords = distinct(open.flatMap((e) => e.title.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 7)).slice(0, 12);
    const listQueries = [
      'limit=50',
      'limit=50&status=held',
      ...distinct(open.map((e) => e.type)).map((t) => `limit=50&type=${t}`),
      ...distinct(open.map((e) => e.province)).map((p) => `limit=50&province=${encodeURIComponent(p)}`),
      ...distinct(open.flatMap((e) => e.topics)).map((t) => `limit=50&topic=${encodeURIComponent(t)}`),
      ...titleWords.map((w) => `limit=50&q=${w}`),
      ...years.map((y) => `limit=50&from=${y}-01-01&to=${y}-12-31`),
      ...distinct(open.map((e) => e.programmeId)).map((id) => `limit=50&programmeId=${id}`),
    ];
    const span = `from=${years[0] ?? thisYear}-01-01&to=${years[years.length - 1] ?? thisYear}-12-31`;
    const reportQueries = [
      `from=${thisYear}-01-01&to=${thisYear}-12-31`,
      span,
      ...distinct(open.map((e) => e.programmeId)).map((id) => `${span}&programmeId=${id}`),
      ...distinct(open.map((e) => e.province))
        .slice(0, 4)
        .map((p) => `${span}&province=${encodeURIComponent(p)}`),
      ...distinct(open.map((e) => e.type))
        .slice(0, 3)
        .map((t) => `${span}&type=${t}`),
    ];
    const names = distinct(lists.flatMap(({ list }) => list.items.flatMap((p) => (p.fullName === null ? [] : [p.fullName]))));
    // What people type: the first letters of a given name, or a whole surname.
    const searchTerms = distinct(names.flatMap((n) => [n.split(' ')[0]?.slice(0, 3).toLowerCase(), n.split(' ').pop()?.toLowerCase()])).slice(0, 60);
    const personIds = distinct(lists.flatMap(({ list }) => peopleOf(list.items)));

    const sessions = await inBatches(accounts, 4, async (account) => ({ account, cookie: await signIn(base, account.email, password) }));
    log(
      `  seeded: ${events.length} events (${register.length} with a day register), ${personIds.length} participants, ${accounts.length} accounts; demo ${demoSeconds.toFixed(0)} s, the rest ${((performance.now() - began) / 1000 - demoSeconds).toFixed(0)} s`,
    );
    return {
      server,
      seed: {
        password,
        adminCookie: admin,
        accounts,
        sessions,
        events: lists.map(({ event, list }) => ({ id: event.id, people: peopleOf(list.items), days: list.days })),
        register,
        listQueries,
        reportQueries,
        searchTerms,
        personIds,
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// One engine

/**
 * Participants of the marked events whose `attended` (recounted on every mark) disagrees with their
 * register: a mark lost or counted twice when two were saved at the same moment.
 */
async function attendanceMismatches(base: string, seed: Seed): Promise<string[]> {
  const lists = await inBatches(seed.register, 8, async (e) => ({
    id: e.id,
    list: (await call<ParticipantList>(base, 'GET', `/api/events/${e.id}/participants`, { cookie: seed.adminCookie })).body,
  }));
  return lists.flatMap(({ id, list }) =>
    list.items.filter((p) => p.attended !== (p.attendedDirect || p.presentDates.length > 0)).map((p) => `${id}/${p.personId}`),
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Opens the connections a batch at a time (each batch an autocannon run of its own, all running the
 * same mix), waits until every batch has had its first answers, starts the mix, and after `seconds`
 * stops them all. Returns their results added up and how long the opening took.
 */
async function runInBatches(
  options: Omit<CannonOptions, 'connections' | 'duration' | 'maxOverallRequests' | 'setupClient'>,
  start: () => void,
  seconds: number,
): Promise<CannonResult & { openingSeconds: number }> {
  const began = performance.now();
  const runs: Array<{ stop: () => void; result: Promise<CannonResult> }> = [];
  for (let opened = 0; opened < CONNECTIONS; opened += CONNECTIONS_PER_BATCH) {
    const size = Math.min(CONNECTIONS_PER_BATCH, CONNECTIONS - opened);
    let answered = 0;
    let allAnswered = () => {};
    const batchOpen = new Promise<void>((resolve) => (allAnswered = resolve));
    let instance: { stop: () => void } | undefined;
    const result = new Promise<CannonResult>((resolve, reject) => {
      instance = autocannon(
        {
          ...options,
          connections: size,
          // Ended by stop() below; the duration only guards against a run that never ends.
          duration: seconds + 120,
          maxOverallRequests: (seconds + 120) * MAX_REQUESTS_PER_SECOND,
          setupClient: (client) => client.once('response', () => ++answered === size && allAnswered()),
        },
        (error, outcome) => (error ? reject(error) : resolve(outcome)),
      );
    });
    if (instance) runs.push({ stop: instance.stop, result });
    // A batch that is not answered in time has timed out already: the run goes on and counts it.
    await Promise.race([batchOpen, sleep(ANSWER_TIMEOUT_SECONDS * 1000)]);
  }
  const openingSeconds = (performance.now() - began) / 1000;
  start();
  await sleep(seconds * 1000);
  for (const run of runs) run.stop();
  const results = await Promise.all(runs.map((run) => run.result));
  const sum = (pick: (r: CannonResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    requests: { total: sum((r) => r.requests.total) },
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    openingSeconds,
  };
}

async function loadEngine(engine: 'sqlite' | 'postgres', database: DatabaseSetting, context: CheckContext): Promise<CheckResult> {
  const name = `load (${engine})`;
  // Request lines at 100 connections would be most of the server's output; warnings and errors are kept.
  const env = { ...database, LOG_LEVEL: 'warn' };
  const seconds = context.quick ? SECONDS.quick : SECONDS.full;
  const seedStart = performance.now();
  context.log(`${name}: loading the demo programme and accounts`);
  const { server, seed } = await seedData(env, context.log);
  try {
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const mix = buildMix(seed, 2026);
    context.log(`${name}: ${seconds} s at ${CONNECTIONS} connections (opened ${CONNECTIONS_PER_BATCH} at a time first)`);
    const result = await runInBatches({ url: server.url, timeout: ANSWER_TIMEOUT_SECONDS, requests: mix.requests, initialContext: {} }, mix.start, seconds);
    const peakRssMb = server.peakRssMb();
    const serverErrors = server.errorLines();
    const mismatches = await attendanceMismatches(server.url, seed);

    // Errors count over the whole run, ramp included; times and the mix over the mix proper.
    const failed = result.non2xx + result.errors;
    const byKind = KINDS.map((kind) => ({ kind, tally: mix.tallies.get(kind) ?? { count: 0, failed: 0, ms: [] } })).filter(({ tally }) => tally.count > 0);
    const completed = byKind.reduce((sum, { tally }) => sum + tally.count, 0);
    const all = byKind.flatMap(({ tally }) => tally.ms).sort((a, b) => a - b);
    const measured = mix.measuredSeconds();
    const share = (n: number) => `${((100 * n) / Math.max(1, completed)).toFixed(1)}%`;
    const kindLatency = byKind.map(({ kind, tally }) => {
      const sorted = [...tally.ms].sort((a, b) => a - b);
      return `${kind} ${percentile(sorted, 50).toFixed(0)}/${percentile(sorted, 99).toFixed(0)}`;
    });
    const figures: Record<string, number | string> = {
      requests: completed,
      errors: failed,
      non_2xx: result.non2xx,
      socket_errors_and_timeouts: result.errors,
      throughput_rps: Math.round(completed / Math.max(measured, 0.001)),
      p50_ms: Number(percentile(all, 50).toFixed(1)),
      p99_ms: Number(percentile(all, 99).toFixed(1)),
      max_ms: Math.round(all[all.length - 1] ?? 0),
      duration_s: Number(measured.toFixed(1)),
      opening_s: Number(result.openingSeconds.toFixed(1)),
      connections: CONNECTIONS,
      mix: byKind.map(({ kind, tally }) => `${kind} ${share(tally.count)}`).join(', '),
      p50_p99_ms_by_kind: kindLatency.join(', '),
      attendance_mismatches: mismatches.length,
      server_peak_rss_mb: peakRssMb ?? 'unreadable',
      seed_s: Number(seedSeconds.toFixed(1)),
    };
    const notes = [
      `Data: demo programme (${seed.events.length} open events, ${seed.register.length} with a day register, ${seed.personIds.length} participants) and ${seed.accounts.length} accounts (trainers, programme managers, viewers).`,
      `Connections opened ${CONNECTIONS_PER_BATCH} at a time over ${result.openingSeconds.toFixed(1)} s first (${result.requests.total - completed} health checks, not in the figures).`,
    ];
    const failureList = [...mix.failures.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    if (failureList.length > 0) notes.push(`Failed answers (count × kind status body): ${failureList.map(([key, n]) => `${n} × ${key}`).join(' | ')}`);
    if (result.errors > 0)
      notes.push(`${result.errors} socket errors or timeouts (${result.timeouts} timeouts, no answer within ${ANSWER_TIMEOUT_SECONDS} s).`);
    if (mix.unanswered.length > 0) notes.push(`Unanswered: ${mix.unanswered.slice(0, 8).join(' | ')}`);
    if (mismatches.length > 0) notes.push(`Attended flag disagrees with the register after the run: ${mismatches.slice(0, 5).join(', ')}`);
    if (serverErrors.length > 0) notes.push(`Server logged ${serverErrors.length} errors, e.g. ${serverErrors.slice(0, 2).join(' ').slice(0, 600)}`);
    context.log(`${name}: ${completed} requests, ${failed} errors, ${figures.throughput_rps} req/s, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms`);
    return { name, passed: failed === 0 && completed > 0 && mismatches.length === 0, figures, detail: notes.join(' ') };
  } finally {
    await server.stop();
  }
}

/**
 * The real server (`hifazat serve`) under a mix like the web app's (sign-in, lists, event pages,
 * attendance marks, people search, the programme report) at 100 concurrent connections for a fixed
 * time, on SQLite and on PostgreSQL: every answer must be a 2xx, and no mark may be lost or counted
 * twice. Figures and why they are what they are: docs/benchmarks.md.
 */
export const loadSuite: ReliabilitySuite = async (context) => {
  const results: CheckResult[] = [];
  const engines: Array<'sqlite' | 'postgres'> = context.postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const engine of engines) {
    let database: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
    try {
      database = await scratchDatabase(engine, context.postgresUrl, 'load');
      results.push(await loadEngine(engine, database.env, context));
    } catch (error) {
      results.push({ name: `load (${engine})`, passed: false, figures: {}, detail: error instanceof Error ? error.message : String(error) });
    } finally {
      await database?.drop().catch((error: unknown) => context.log(`load (${engine}): cleanup failed: ${String(error)}`));
    }
  }
  return results;
};
