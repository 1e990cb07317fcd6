// Red-team reproduction for the learning-evidence feature (public test and questionnaire links,
// certificates). Not part of any suite: run by hand against a throwaway server, e.g.
//
//   cd e2e && bash start-server.sh 3240 &            # SQLite, admin e2e.admin@hifazat.example
//   node reliability/redteam/learning-evidence-probe.mjs http://127.0.0.1:3240
//
// It makes its own users, events, tests, questionnaire and certificates, then runs one probe per
// finding and prints REPRODUCED (the weakness is there) or HELD. Probes that need their own network
// address use 127.0.0.x source addresses (Linux loopback), so that one probe's rate-limit counts do
// not spill into another's. The finding about the wrong-code limit reproduces on PostgreSQL only
// (DATABASE_URL set for the server); on SQLite the synchronous driver serialises the requests.
import http from 'node:http';

const BASE = process.argv[2] ?? 'http://127.0.0.1:3240';
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'e2e.admin@hifazat.example', password: process.env.ADMIN_PASSWORD ?? 'e2e-password-2026' };
const PASSWORD = 'redteam-password-2026';
const url = new URL(BASE);
const run = Date.now().toString(36);
let octet = 10 + Math.floor(Math.random() * 200);
const freshAddress = () => `127.${octet}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** One request; `from` picks the source address (a loopback address of the machine). */
function request(method, path, { body, cookie, from, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        localAddress: from,
        agent: false,
        headers: {
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          let json;
          try {
            json = JSON.parse(raw.toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, json, raw, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function must(method, path, options) {
  const r = await request(method, path, options);
  if (r.status >= 400) throw new Error(`${method} ${path} -> ${r.status} ${r.raw.toString().slice(0, 300)}`);
  return r.json;
}

async function signIn(email, password) {
  const r = await request('POST', '/api/auth/login', { body: { email, password } });
  if (r.status !== 200) throw new Error(`sign-in ${email}: ${r.status}`);
  return [r.headers['set-cookie']]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const results = [];
function report(id, title, reproduced, evidence) {
  results.push({ id, title, reproduced });
  console.log(`\n[${reproduced ? 'REPRODUCED' : 'HELD'}] ${id} ${title}`);
  for (const line of evidence) console.log(`    ${line}`);
}

// ---------------------------------------------------------------------------------------------
// Setup: users of each role, a Pakistan and an India event, tests, questionnaire, certificates.
const admin = await signIn(ADMIN.email, ADMIN.password);
const cookies = {};
const userIds = {};
for (const [key, role, countries] of [
  ['pm', 'programme_manager', null],
  ['pm_pk', 'programme_manager', ['PK']],
  ['trainer_pk', 'trainer', ['PK']],
  ['viewer_pk', 'viewer', ['PK']],
]) {
  const email = `${key}.${run}@redteam.example`;
  userIds[key] = (await must('POST', '/api/users', { cookie: admin, body: { email, name: `RT ${key}`, role, password: PASSWORD, countries } })).id;
  cookies[key] = await signIn(email, PASSWORD);
}
const pm = cookies.pm;
const today = new Date().toISOString().slice(0, 10);
const programme = await must('POST', '/api/programmes', { cookie: pm, body: { name: `RT ${run}`, countries: ['PK', 'IN'] } });
const event = await must('POST', '/api/events', {
  cookie: pm,
  body: {
    programmeId: programme.id,
    title: `RT training ${run}`,
    type: 'training',
    startDate: today,
    endDate: today,
    city: 'Lahore',
    countryCode: 'PK',
    status: 'held',
    trainerUserIds: [userIds.trainer_pk],
  },
});
const people = {};
const roster = [
  ['Ayesha Khan', 'female', 'PK'],
  ['Zainab Bibi', 'female', 'PK'],
  ['Omar Farooq', 'male', 'PK'],
  ['Hassan Raza', 'male', 'PK'],
  ['Sara Malik', 'female', 'PK'],
  ['Nadia Iqbal', 'female', 'PK'],
  ['Priya Sharma', 'female', 'IN'],
];
for (const [fullName, sex, countryCode] of roster) {
  const person = await must('POST', '/api/people', { cookie: pm, body: { fullName: `${fullName}`, sex, countryCode } });
  people[fullName] = person.id;
  await must('POST', `/api/events/${event.id}/participants`, { cookie: pm, body: { personId: person.id, role: 'participant', attended: true } });
  await must('PUT', `/api/events/${event.id}/attendance`, { cookie: pm, body: { personId: person.id, date: today, present: true } });
}
const question = (body) => must('POST', '/api/questions', { cookie: pm, body: { countryCode: null, ...body } });
const q1 = await question({
  type: 'single_choice',
  text: { en: `Capital? ${run}`, ur: null },
  options: [
    { text: { en: 'Islamabad', ur: null }, correct: true },
    { text: { en: 'Lahore', ur: null }, correct: false },
  ],
  points: 2,
});
const q2 = await question({ type: 'short_answer', text: { en: `Define trafficking ${run}`, ur: null }, points: 2 });
const pre = await must('POST', `/api/events/${event.id}/tests`, { cookie: pm, body: { kind: 'pre', title: 'Pre', questionIds: [q1.id, q2.id], passMark: 50 } });
const post = await must('POST', `/api/events/${event.id}/tests`, { cookie: pm, body: { kind: 'post', title: 'Post', questionIds: [q1.id], passMark: 50 } });
const template = await must('POST', '/api/feedback-templates/standard', { cookie: pm, body: { countryCode: null } });
const created = await must('POST', `/api/events/${event.id}/feedback`, { cookie: pm, body: { templateId: template.id } });
const form = created.form ?? created;
await must('PATCH', `/api/events/${event.id}/certificates/settings`, { cookie: pm, body: { participation: true, training: true } });
const codes = await must('GET', `/api/events/${event.id}/participant-codes`, { cookie: pm });
const codeOf = (name) => codes.items.find((i) => i.fullName === name).code;
// A link that takes personal codes only lists nobody: then there is no reference to find.
const refOf = async (path, shortName) => (await must('GET', path, { from: freshAddress() })).participants.find((p) => p.name === shortName)?.ref;
console.log(`Set up event ${event.id}: pre-test link /take/${pre.link.token}, post-test /take/${post.link.token}, questionnaire /feedback/${form.link.token}`);

// ---------------------------------------------------------------------------------------------
// F1: anyone with the link answers as anyone on the pick-list; the real person is refused, and the
// certificate follows the impostor's score.
{
  const from = freshAddress();
  // The post-test's own list if it has one; else the name from the pre-test's list, as an impostor would try.
  const zainab = (await refOf(`/api/take/${post.link.token}`, 'Zainab B.')) ?? (await refOf(`/api/take/${pre.link.token}`, 'Zainab B.'));
  const correct = q1.options.find((o) => o.correct).id;
  const impostor = await request('POST', `/api/take/${post.link.token}/attempts`, {
    from,
    body: { participant: zainab, clientId: crypto.randomUUID(), answers: [{ questionId: q1.id, optionIds: [correct] }] },
  });
  const real = await request('POST', `/api/take/${post.link.token}/attempts`, {
    from: freshAddress(),
    body: { personalCode: codeOf('Zainab Bibi'), clientId: crypto.randomUUID(), answers: [] },
  });
  const issued = await must('POST', `/api/events/${event.id}/certificates/issue`, { cookie: pm, body: { personIds: [people['Zainab Bibi']] } });
  const kinds = issued.certificates.map((c) => c.kind);
  report('F1', 'Pick-list impersonation: the link alone lets anyone answer as any participant', impostor.status === 201 && real.status === 409, [
    `impostor (no code, just the name from the public list): ${impostor.status} ${JSON.stringify(impostor.json)}`,
    `Zainab with her own personal code afterwards: ${real.status} ${real.json?.error?.code}`,
    `certificates issued for Zainab after the impostor's 100 %: ${JSON.stringify(kinds)}`,
  ]);
}

// F2: the test link tells anyone who has answered, without storing anything (409 vs 400). Probed on
// the link that lists names (the pre-test; the post-test may take codes only), after Zainab answered it.
{
  const from = freshAddress();
  await must('POST', `/api/take/${pre.link.token}/attempts`, {
    from: freshAddress(),
    body: { personalCode: codeOf('Zainab Bibi'), clientId: crypto.randomUUID(), answers: [{ questionId: q1.id, optionIds: [] }] },
  });
  const probe = async (shortName) =>
    request('POST', `/api/take/${pre.link.token}/attempts`, {
      from,
      body: {
        participant: await refOf(`/api/take/${pre.link.token}`, shortName),
        clientId: crypto.randomUUID(),
        answers: [{ questionId: '01a231bd-0000-7000-8000-000000000000' }],
      },
    });
  const answered = await probe('Zainab B.');
  const notYet = await probe('Omar F.');
  report('F2', "'Has answered' oracle on the public test link", answered.status === 409 && notYet.status === 400, [
    `Zainab B. (answered): ${answered.status} ${answered.json?.error?.code}`,
    `Omar F. (not yet): ${notYet.status} ${notYet.json?.error?.code} (nothing stored)`,
  ]);
}

// F3: a viewer reading the results before and after one submission gets that submission entire.
{
  const results = async () => must('GET', `/api/events/${event.id}/feedback/results`, { cookie: cookies.viewer_pk });
  const before = await results();
  const formPage = await must('GET', `/api/feedback/${form.link.token}`, { from: freshAddress() });
  const items = formPage.items;
  const ref = formPage.participants.find((p) => p.name === 'Hassan R.').ref;
  const sent = await request('POST', `/api/feedback/${form.link.token}/responses`, {
    from: freshAddress(),
    body: {
      participant: ref,
      clientId: crypto.randomUUID(),
      answers: [
        { itemId: items[0].id, value: 1 },
        { itemId: items[4].id, optionId: items[4].options[2].id },
        { itemId: items[6].id, text: `The trainer shouted at me ${run}` },
      ],
    },
  });
  const after = await results();
  const changes = [];
  after.items.forEach((item, i) => {
    const was = before.items[i];
    item.distribution.forEach((d, k) => {
      if (d.count !== (was.distribution[k]?.count ?? 0)) changes.push(`${item.text.en} -> ${d.text.en}`);
    });
    item.bySex.forEach((g) => {
      if (g.n !== (was.bySex.find((x) => x.group === g.group)?.n ?? 0)) changes.push(`${item.text.en}: respondent group sex=${g.group}`);
    });
    for (const t of item.texts) if (!was.texts.includes(t)) changes.push(`${item.text.en}: "${t}"`);
  });
  report('F3', 'Feedback anonymity: results differencing gives each response whole to any reader of the event', sent.status === 201 && changes.length >= 3, [
    `Hassan sent the questionnaire (${sent.status}); a viewer's two reads of /api/events/{id}/feedback/results differ by:`,
    ...changes,
  ]);
}

// F4: the 30-wrong-codes allowance is checked, then counted: requests in one burst all pass the check.
{
  const from = freshAddress();
  const burst = await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      request('POST', `/api/take/${pre.link.token}/attempts`, {
        from,
        body: { personalCode: `Q${String(i).padStart(5, '2').replace(/[01]/g, '3')}`, clientId: crypto.randomUUID(), answers: [] },
      }),
    ),
  );
  const checked = burst.filter((r) => r.status === 422).length;
  report('F4', 'Wrong-code limit (30 per address per 10 min) passed by a concurrent burst', checked > 30, [
    `120 concurrent wrong codes from ${from}: ${checked} checked (422), ${burst.filter((r) => r.status === 429).length} refused (429); the limit is 30`,
  ]);
}

// F5: one person on the venue's shared address locks everyone there out of both links.
{
  const venue = freshAddress();
  for (let i = 0; i < 30; i += 1)
    await request('POST', `/api/take/${pre.link.token}/attempts`, {
      from: venue,
      body: { personalCode: 'ZZZZZZ', clientId: crypto.randomUUID(), answers: [] },
    });
  const formPage = await must('GET', `/api/feedback/${form.link.token}`, { from: freshAddress() });
  const genuine = await request('POST', `/api/feedback/${form.link.token}/responses`, {
    from: venue,
    body: { personalCode: codeOf('Sara Malik'), clientId: crypto.randomUUID(), answers: [{ itemId: formPage.items[0].id, value: 4 }] },
  });
  report('F5', 'Venue lock-out: 30 wrong codes from the shared Wi-Fi address refuse every participant there', genuine.status === 429, [
    `Sara, with her correct personal code, from the same address: ${genuine.status} retry-after=${genuine.headers['retry-after']}`,
  ]);
}

// F6: a revoked certificate is still handed out as a clean PDF and a freshly signed Open Badge.
{
  const issued = await must('POST', `/api/events/${event.id}/certificates/issue`, { cookie: pm, body: { personIds: [people['Omar Farooq']] } });
  const number = issued.certificates[0].number;
  await must('POST', `/api/certificates/${number}/revoke`, { cookie: pm, body: { reason: 'issued in error' } });
  const pdf = await request('GET', `/api/certificates/${number}/pdf`, { cookie: cookies.viewer_pk });
  const badge = await request('GET', `/api/certificates/${number}/credential`, { cookie: cookies.viewer_pk });
  const signedAt = badge.json?.proof?.created;
  report('F6', 'Revoked certificates are still served (PDF, and an Open Badge signed now)', pdf.status === 200 && badge.status === 200, [
    `revoked ${number}; as a viewer: PDF ${pdf.status} (${pdf.raw.length} bytes, no revocation mark), credential ${badge.status} signed at ${signedAt}, credentialStatus=${JSON.stringify(badge.json?.credentialStatus ?? null)}`,
  ]);
}

// F7: PDFs are drawn on the main thread with no limit: a viewer's burst stalls every request.
{
  const number = (await must('GET', `/api/events/${event.id}/certificates`, { cookie: pm })).items.find((c) => !c.revoked)?.number;
  if (number) {
    const flood = Array.from({ length: 100 }, () => request('GET', `/api/certificates/${number}/pdf`, { cookie: cookies.viewer_pk }));
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    await request('GET', '/api/health');
    const healthMs = Date.now() - t0;
    const answers = await Promise.all(flood);
    const count = (status) => answers.filter((r) => r.status === status).length;
    report('F7', 'Certificate PDF burst by a viewer stalls the server', healthMs > 1000, [
      `/api/health took ${healthMs} ms during 100 concurrent PDF requests (${count(200)} drawn, ${count(429)} refused with 429)`,
    ]);
  }
}

// F8: the public pick-list names a participant the staff user may not see; with F2 their hidden score is theirs.
{
  const attempt = await request('POST', `/api/take/${pre.link.token}/attempts`, {
    from: freshAddress(),
    body: { personalCode: codeOf('Priya Sharma'), clientId: crypto.randomUUID(), answers: [{ questionId: q1.id, optionIds: [] }] },
  });
  const staffView = await must('GET', `/api/tests/${pre.id}/attempts`, { cookie: cookies.pm_pk });
  const hidden = staffView.items.filter((a) => a.hidden);
  const list = (await must('GET', `/api/take/${pre.link.token}`, { from: freshAddress() })).participants.map((p) => p.name);
  report(
    'F8',
    "Other country's participant: hidden from staff, named on the public list",
    attempt.status === 201 && hidden.length === 1 && list.includes('Priya S.'),
    [
      `PK-only manager sees ${hidden.length} hidden attempt(s), score ${hidden.map((a) => a.score).join(',')}; the public list of the same link shows ${JSON.stringify(list)}`,
    ],
  );
}

// Held: the one-attempt and one-response rules under 20 concurrent sends, tampered QR texts, spellings.
{
  const omar = await refOf(`/api/feedback/${form.link.token}`, 'Omar F.');
  const formPage = await must('GET', `/api/feedback/${form.link.token}`, { from: freshAddress() });
  const sends = await Promise.all(
    Array.from({ length: 20 }, () =>
      request('POST', `/api/feedback/${form.link.token}/responses`, {
        from: freshAddress(),
        body: { participant: omar, clientId: crypto.randomUUID(), answers: [{ itemId: formPage.items[0].id, value: 3 }] },
      }),
    ),
  );
  const created = sends.filter((r) => r.status === 201).length;
  report('H1', '20 concurrent questionnaires for one participant: exactly one stored', created !== 1, [
    `201: ${created}, 409: ${sends.filter((r) => r.status === 409).length}`,
  ]);

  const qr = (await must('GET', `/api/events/${event.id}/certificates`, { cookie: pm })).items.find((c) => !c.revoked)?.qr;
  if (qr) {
    let wrong = 0;
    let checked = 0;
    const from = freshAddress();
    for (let i = 5; i < qr.length; i += 7) {
      const changed = qr.slice(0, i) + (qr[i] === 'A' ? 'B' : 'A') + qr.slice(i + 1);
      const r = await request('POST', '/api/certificates/verify', { from, body: { qr: changed } });
      checked += 1;
      if (r.status !== 200 || r.json.genuine !== false) wrong += 1;
    }
    report('H2', 'Tampered QR texts are "not genuine", never 500', wrong > 0, [`${checked} single-character changes, ${wrong} not answered "not genuine"`]);
  }

  const spellings = [
    `/API/tests/${pre.id}/attempts`,
    `//api/tests/${pre.id}/attempts`,
    `/%61pi/tests/${pre.id}/attempts`,
    `/api/tests/${pre.id}/%61ttempts`,
    `/api/tests/${pre.id};x/attempts`,
  ];
  const leaked = [];
  for (const path of spellings) {
    const r = await request('GET', path);
    if (r.json?.items) leaked.push(path);
  }
  report('H3', 'Address spellings do not get past sign-in', leaked.length > 0, [
    leaked.length ? `data without a session at ${leaked.join(', ')}` : 'none answered data without a session',
  ]);
}

console.log(`\n${results.filter((r) => r.reproduced).length} reproduced, ${results.filter((r) => !r.reproduced).length} held`);
