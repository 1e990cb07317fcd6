import type { EventType, OrganizationType, ParticipantRole, Sex } from '@hifazat/contract';
import { DEMO_PASSWORD } from '../modules/users/index.js';
import type { Db } from '../db/database.js';
import type { Actor } from '../http/permissions.js';
import { addGraduate } from '../modules/cascades/index.js';
import * as campaigns from '../modules/campaigns/index.js';
import * as events from '../modules/events/index.js';
import * as organizations from '../modules/organizations/index.js';
import * as people from '../modules/people/index.js';
import * as programmes from '../modules/programmes/index.js';
import { createUser } from '../modules/users/index.js';
import { findUserByEmail } from '../modules/users/index.js';
import { seededRandom } from '../shared/random.js';

// Agencies that take part in Pakistan's counter-trafficking trainings.
const AGENCIES: Array<{ name: string; acronym: string | null; type: OrganizationType; province: string | null; weight: number }> = [
  { name: 'Federal Investigation Agency', acronym: 'FIA', type: 'law_enforcement', province: null, weight: 10 },
  { name: 'Punjab Police', acronym: null, type: 'law_enforcement', province: 'Punjab', weight: 6 },
  { name: 'Sindh Police', acronym: null, type: 'law_enforcement', province: 'Sindh', weight: 5 },
  { name: 'Khyber Pakhtunkhwa Police', acronym: 'KP Police', type: 'law_enforcement', province: 'Khyber Pakhtunkhwa', weight: 5 },
  { name: 'Balochistan Police', acronym: null, type: 'law_enforcement', province: 'Balochistan', weight: 3 },
  { name: 'Gilgit-Baltistan Police', acronym: 'GB Police', type: 'law_enforcement', province: 'Gilgit-Baltistan', weight: 1 },
  { name: 'Pakistan Railways Police', acronym: null, type: 'law_enforcement', province: null, weight: 1 },
  { name: 'National Accountability Bureau', acronym: 'NAB', type: 'law_enforcement', province: null, weight: 1 },
  { name: 'Anti-Narcotics Force', acronym: 'ANF', type: 'law_enforcement', province: null, weight: 1 },
  { name: 'Punjab Prosecution Department', acronym: null, type: 'prosecution', province: 'Punjab', weight: 3 },
  { name: 'Sindh Prosecution Department', acronym: null, type: 'prosecution', province: 'Sindh', weight: 2 },
  { name: 'KP Prosecution Department', acronym: null, type: 'prosecution', province: 'Khyber Pakhtunkhwa', weight: 2 },
  { name: 'Federal Judicial Academy', acronym: 'FJA', type: 'judiciary', province: 'Islamabad Capital Territory', weight: 1 },
  { name: 'Punjab Social Welfare Department', acronym: null, type: 'government', province: 'Punjab', weight: 2 },
  { name: 'Sindh Labour Department', acronym: null, type: 'government', province: 'Sindh', weight: 1 },
  { name: 'Child Protection and Welfare Bureau', acronym: 'CPWB', type: 'government', province: 'Punjab', weight: 1 },
  { name: 'Women Development Department KP', acronym: null, type: 'government', province: 'Khyber Pakhtunkhwa', weight: 1 },
  { name: 'Legal Aid Society', acronym: 'LAS', type: 'civil_society', province: 'Sindh', weight: 2 },
  { name: 'Community Rights Forum', acronym: null, type: 'civil_society', province: 'Punjab', weight: 1 },
  { name: 'University of Peshawar', acronym: null, type: 'academia', province: 'Khyber Pakhtunkhwa', weight: 1 },
  { name: 'Press Club Lahore', acronym: null, type: 'media', province: 'Punjab', weight: 1 },
];
const PARTNERS: Array<{ name: string; acronym: string; type: OrganizationType }> = [
  { name: 'United Nations Office on Drugs and Crime', acronym: 'UNODC', type: 'international' },
  { name: 'International Organization for Migration', acronym: 'IOM', type: 'international' },
  { name: 'European Union', acronym: 'EU', type: 'donor' },
];

const CITIES: Array<{ city: string; province: string }> = [
  { city: 'Islamabad', province: 'Islamabad Capital Territory' },
  { city: 'Lahore', province: 'Punjab' },
  { city: 'Multan', province: 'Punjab' },
  { city: 'Faisalabad', province: 'Punjab' },
  { city: 'Karachi', province: 'Sindh' },
  { city: 'Hyderabad', province: 'Sindh' },
  { city: 'Peshawar', province: 'Khyber Pakhtunkhwa' },
  { city: 'Quetta', province: 'Balochistan' },
  { city: 'Gilgit', province: 'Gilgit-Baltistan' },
];

const MALE_NAMES = [
  'Ali',
  'Ahmed',
  'Bilal',
  'Usman',
  'Imran',
  'Kamran',
  'Tariq',
  'Asif',
  'Faisal',
  'Hamza',
  'Zeeshan',
  'Waqas',
  'Naveed',
  'Shahid',
  'Adnan',
  'Irfan',
  'Khalid',
  'Sajid',
  'Javed',
  'Rizwan',
  'Farhan',
  'Nadeem',
  'Aamir',
  'Junaid',
];
const FEMALE_NAMES = ['Ayesha', 'Fatima', 'Sana', 'Nadia', 'Saima', 'Hina', 'Rabia', 'Amna', 'Maryam', 'Sadia', 'Bushra', 'Farah', 'Uzma', 'Kiran'];
const SURNAMES = [
  'Khan',
  'Ahmed',
  'Hussain',
  'Malik',
  'Butt',
  'Qureshi',
  'Shah',
  'Chaudhry',
  'Baloch',
  'Afridi',
  'Yousafzai',
  'Memon',
  'Siddiqui',
  'Abbasi',
  'Jatoi',
  'Bhatti',
  'Awan',
  'Rana',
  'Mirza',
  'Durrani',
];
const POLICE_RANKS = ['Inspector', 'Sub-Inspector', 'Assistant Sub-Inspector', 'Deputy Superintendent', 'Superintendent of Police', 'Head Constable'];
const FIA_RANKS = ['Inspector', 'Sub-Inspector', 'Assistant Director', 'Deputy Director'];
const OTHER_TITLES = ['Deputy District Public Prosecutor', 'Officer', 'Social Welfare Officer', 'Programme Officer', 'Lecturer', 'Reporter', 'Case Worker'];

const CURRICULA: Array<{ title: string; type: EventType; topics: string[]; days: [number, number]; size: [number, number] }> = [
  {
    title: 'Investigating trafficking in persons and smuggling of migrants',
    type: 'training',
    topics: ['investigation techniques', 'victim identification', 'TIP/SOM legislation'],
    days: [3, 5],
    size: [18, 30],
  },
  {
    title: 'Victim identification, protection and referral',
    type: 'workshop',
    topics: ['victim identification', 'protection and referral', 'gender'],
    days: [2, 3],
    size: [15, 28],
  },
  {
    title: 'Financial investigation and asset recovery in TIP/SOM cases',
    type: 'training',
    topics: ['financial investigation', 'asset recovery', 'money laundering'],
    days: [3, 4],
    size: [15, 25],
  },
  {
    title: 'Multidisciplinary workshop on the new TIP and SOM laws',
    type: 'workshop',
    topics: ['TIP/SOM legislation', 'prosecution', 'cross-border cooperation'],
    days: [2, 3],
    size: [20, 30],
  },
  {
    title: 'Training of trainers on countering trafficking in persons',
    type: 'training_of_trainers',
    topics: ['victim identification', 'investigation techniques', 'human rights'],
    days: [5, 5],
    size: [12, 20],
  },
  { title: 'Awareness session on safe migration', type: 'awareness_session', topics: ['human rights', 'gender'], days: [1, 1], size: [25, 45] },
  { title: 'TIP/SOM data collection and analysis', type: 'workshop', topics: ['data collection and analysis'], days: [2, 2], size: [12, 20] },
];

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What the loader has done so far: each step once it is done, and each event of a year as it is added. */
export type DemoProgress = {
  /** 1-based; `steps` in all: accounts, organisations, programmes, then one step per year of events. */
  step: number;
  steps: number;
  label: string;
  /** False while a year's events are still being added (a count that will grow). */
  done: boolean;
  counts: { accounts?: number; organisations?: number; programmes?: number; events?: number; participations?: number; people?: number };
};

export type DemoOptions = { seed?: number; onProgress?: (progress: DemoProgress) => void };

/**
 * Loads a realistic demo programme for Pakistan: agencies, two programme phases, several years of
 * workshops, trainings of trainers and awareness sessions with their participants. Runs once: a
 * second call finds the demo programme and does nothing.
 */
export async function loadDemo(db: Db, options: DemoOptions = {}): Promise<string> {
  const { seed = 2018, onProgress = () => undefined } = options;
  const today = new Date().toISOString().slice(0, 10);
  const firstYear = 2019;
  const lastYear = Number(today.slice(0, 4));
  const steps = 3 + (lastYear - firstYear + 1);
  const existing = await programmes.listProgrammes(db, systemActor('00000000-0000-7000-8000-000000000000'), { limit: 50, q: 'GLO.ACT' });
  if (existing.items.length > 0) return 'The demo programme is already loaded.';
  const admin = await createUser(db, null, {
    email: 'demo.admin@hifazat.example',
    name: 'Demo Administrator',
    role: 'admin',
    password: DEMO_PASSWORD,
    countries: null,
  }).catch(async () => ({ id: (await findUserByEmail(db, 'demo.admin@hifazat.example'))?.id ?? '' }));
  const actor = systemActor(admin.id);
  const trainer = await createUser(db, actor, {
    email: 'demo.trainer@hifazat.example',
    name: 'Sadia Malik (trainer)',
    role: 'trainer',
    password: DEMO_PASSWORD,
    countries: ['PK'],
  }).catch(() => null);
  await createUser(db, actor, {
    email: 'demo.manager@hifazat.example',
    name: 'Programme Manager',
    role: 'programme_manager',
    password: DEMO_PASSWORD,
    countries: null,
  }).catch(() => null);
  await createUser(db, actor, { email: 'demo.viewer@hifazat.example', name: 'Donor Viewer', role: 'viewer', password: DEMO_PASSWORD, countries: null }).catch(
    () => null,
  );
  onProgress({ step: 1, steps, label: 'accounts', done: true, counts: { accounts: 4 } });

  const random = seededRandom(seed);
  const agencyIds: Array<{ id: string; type: OrganizationType; weight: number; name: string }> = [];
  for (const a of AGENCIES) {
    const org = await organizations.createOrganization(db, actor, { name: a.name, acronym: a.acronym, type: a.type, countryCode: 'PK', province: a.province });
    agencyIds.push({ id: org.id, type: a.type, weight: a.weight, name: a.name });
  }
  const partnerIds: string[] = [];
  for (const p of PARTNERS)
    partnerIds.push((await organizations.createOrganization(db, actor, { name: p.name, acronym: p.acronym, type: p.type, countryCode: null })).id);
  onProgress({ step: 2, steps, label: 'organisations', done: true, counts: { organisations: agencyIds.length + partnerIds.length } });

  const phase1 = await programmes.createProgramme(db, actor, {
    name: 'GLO.ACT Pakistan (2018–2022)',
    donor: 'European Union',
    startDate: '2018-01-01',
    endDate: '2022-12-31',
    countries: ['PK'],
  });
  const phase2 = await programmes.createProgramme(db, actor, {
    name: 'GLO.ACT Asia and the Middle East (2023–2027)',
    donor: 'European Union',
    startDate: '2023-01-01',
    endDate: '2027-12-31',
    countries: ['PK', 'AF', 'IQ', 'IR'],
  });
  onProgress({ step: 3, steps, label: 'programmes', done: true, counts: { programmes: 2 } });

  const weighted = agencyIds.flatMap((a) => Array.from({ length: a.weight }, () => a));
  const pool: Array<{ id: string; orgId: string }> = [];
  const newPerson = async () => {
    const agency = random.pick(weighted);
    const female = random.chance(agency.type === 'law_enforcement' ? 0.1 : agency.type === 'government' || agency.type === 'civil_society' ? 0.45 : 0.25);
    const sex: Sex = random.chance(0.01) ? 'unknown' : female ? 'female' : 'male';
    const given = female ? random.pick(FEMALE_NAMES) : random.pick(MALE_NAMES);
    const prefix = !female && random.chance(0.3) ? 'Muhammad ' : '';
    const rank = agency.name.includes('Federal Investigation')
      ? random.pick(FIA_RANKS)
      : agency.type === 'law_enforcement'
        ? random.pick(POLICE_RANKS)
        : random.pick(OTHER_TITLES);
    const city = random.pick(CITIES);
    const person = await people.createPerson(db, actor, {
      fullName: `${prefix}${given} ${random.pick(SURNAMES)}`,
      sex,
      organizationId: agency.id,
      designation: rank,
      province: city.province,
      district: city.city,
      phone: random.chance(0.7) ? `03${random.int(0, 4)}${random.int(0, 9)}${random.int(1000000, 9999999)}` : null,
      birthYear: random.chance(0.5) ? random.int(1965, 1998) : null,
      countryCode: 'PK',
    });
    const entry = { id: person.id, orgId: agency.id };
    pool.push(entry);
    return entry;
  };

  let eventCount = 0;
  let participationCount = 0;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const perYear = random.int(14, 20);
    const yearStart = { events: eventCount, participations: participationCount };
    const report = (done: boolean) =>
      onProgress({
        step: 4 + year - firstYear,
        steps,
        label: `events of ${year}`,
        done,
        counts: { events: eventCount - yearStart.events, participations: participationCount - yearStart.participations, people: pool.length },
      });
    for (let i = 0; i < perYear; i += 1) {
      if (i > 0) report(false);
      const curriculum = random.pick(CURRICULA);
      const place = curriculum.type === 'training_of_trainers' ? CITIES[0] : random.pick(CITIES);
      if (!place) continue;
      const startDate = `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 25))}`;
      const days = random.int(curriculum.days[0], curriculum.days[1]);
      const endDate = addDays(startDate, days - 1);
      const programme = year <= 2022 ? phase1 : phase2;
      const status = endDate < today ? (random.chance(0.03) ? 'cancelled' : 'held') : 'planned';
      const event = await events.createEvent(db, actor, {
        programmeId: programme.id,
        title: `${curriculum.title} — ${place.city}`,
        type: curriculum.type,
        series: curriculum.title,
        startDate,
        endDate,
        city: place.city,
        province: place.province,
        countryCode: 'PK',
        venue: random.pick(['Serena Hotel', 'Pearl Continental', 'Police Training College', 'FIA Academy', 'Judicial Academy', 'Marriott Hotel']),
        status,
        topics: curriculum.topics,
        learningObjectives: 'Participants can tell trafficking from smuggling, identify and refer victims, and apply the 2018 laws.',
        organizerIds: partnerIds.slice(0, 1),
        partnerIds: random.chance(0.5) ? [partnerIds[1] ?? '', partnerIds[2] ?? ''].filter(Boolean) : partnerIds.slice(2),
        trainerUserIds: trainer && year >= 2024 ? [trainer.id] : [],
      });
      eventCount += 1;
      if (status === 'cancelled') continue;
      const size = random.int(curriculum.size[0], curriculum.size[1]);
      const chosen = new Set<string>();
      for (let s = 0; s < size; s += 1) {
        // About a third of the people come back for a later event.
        const person = pool.length > 40 && random.chance(0.3) ? random.pick(pool) : await newPerson();
        if (chosen.has(person.id)) continue;
        chosen.add(person.id);
        const role: ParticipantRole = s < 2 ? 'trainer' : s === 2 && random.chance(0.5) ? 'facilitator' : 'participant';
        // Recent events keep a day-by-day register; older ones only say who attended.
        const withRegister = year >= 2024 && status === 'held';
        await events.addParticipant(db, actor, event.id, {
          personId: person.id,
          role,
          attended: withRegister ? undefined : status === 'held' && random.chance(0.97),
        });
        if (withRegister) {
          for (let d = 0; d < days; d += 1) {
            await events.setAttendance(db, actor, event.id, { personId: person.id, date: addDays(startDate, d), present: random.chance(0.93) });
          }
        }
        participationCount += 1;
      }
    }
    if (year === lastYear) {
      // A training of trainers whose master trainers trained their peers, two generations deep (the cascade pages).
      const added = await demoCascade(db, actor, { programmeId: phase2.id, trainerId: trainer?.id ?? null, today, pool, newPerson, random });
      eventCount += added.events;
      participationCount += added.participations;
    }
    report(true);
  }
  await loadDemoCampaign(db, actor, phase2.id, partnerIds);
  return `Demo loaded: ${agencyIds.length + partnerIds.length} organisations, ${pool.length} people, ${eventCount} events, ${participationCount} participations, an awareness campaign in Gilgit-Baltistan.
Demo accounts (password ${DEMO_PASSWORD}): demo.admin@, demo.manager@, demo.trainer@, demo.viewer@hifazat.example`;
}

/**
 * An awareness campaign in Gilgit-Baltistan (spring 2024) after a needs assessment of Ghizer: the
 * demo's awareness sessions held in the province that year as its counted sessions, a gathering with
 * an estimated audience, and media outputs with their estimated reach.
 */
async function loadDemoCampaign(db: Db, actor: Actor, programmeId: string, partnerIds: string[]): Promise<void> {
  const needs = await campaigns.createNeedsAssessment(db, actor, {
    countryCode: 'PK',
    province: 'Gilgit-Baltistan',
    district: 'Ghizer',
    area: 'Ghizer valley',
    assessedOn: '2024-01-20',
    findings:
      'No awareness campaign had ever been held in the valley; recruiters for work abroad come every spring, and most families listen to the radio in Shina.',
    recommendations: 'Radio PSAs in Shina and Urdu; posters at bus stands; meetings with elders after Friday prayers.',
  });
  const campaign = await campaigns.createCampaign(db, actor, {
    programmeId,
    countryCode: 'PK',
    title: 'Safe migration: know the signs — Gilgit-Baltistan',
    province: 'Gilgit-Baltistan',
    district: 'Ghizer',
    area: 'Gilgit, Gahkuch, Gupis and Hunza',
    startDate: '2024-03-01',
    endDate: '2024-06-30',
    partnerIds: partnerIds.slice(0, 1),
    otherPartners: 'Radio Pakistan Gilgit; village elders',
    targetGroups: ['youth', 'parents', 'migrants', 'police'],
    languages: ['ur', 'scn', 'bsk'],
    needsAssessmentId: needs.id,
  });
  const held = await events.listEvents(db, actor, { type: 'awareness_session', province: 'Gilgit-Baltistan', from: '2024-01-01', to: '2024-12-31', limit: 5 });
  for (const event of held.items) await campaigns.addSession(db, actor, campaign.id, { eventId: event.id });
  await campaigns.addSession(db, actor, campaign.id, {
    date: '2024-03-22',
    place: 'Gahkuch bazaar, after Friday prayers',
    estimatedAudience: 900,
    estimatedMale: 700,
    estimatedFemale: 150,
  });
  const outputs = [
    {
      kind: 'radio_psa',
      description: '60-second PSA on Radio Pakistan Gilgit',
      quantity: 120,
      language: 'scn',
      places: ['Gilgit', 'Ghizer'],
      startDate: '2024-03-01',
      endDate: '2024-04-30',
      estimatedReach: 150000,
    },
    {
      kind: 'poster',
      description: 'Know the signs of trafficking',
      quantity: 600,
      language: 'ur',
      places: ['Gilgit', 'Gahkuch', 'Aliabad'],
      startDate: '2024-03-05',
      estimatedReach: 20000,
    },
    {
      kind: 'pamphlet',
      description: 'Safe migration: questions to ask before you go',
      quantity: 5000,
      language: 'ur',
      places: ['Gilgit', 'Skardu'],
      startDate: '2024-03-05',
      estimatedReach: null,
    },
    { kind: 'banner', quantity: 12, language: 'ur', places: ['Gilgit bus stand', 'Karakoram Highway, Aliabad'], startDate: '2024-03-01', estimatedReach: null },
    { kind: 'sms', quantity: 30000, language: 'ur', startDate: '2024-05-10', estimatedReach: 30000 },
  ] as const;
  for (const output of outputs) await campaigns.addOutput(db, actor, campaign.id, { ...output, places: 'places' in output ? [...output.places] : [] });
}

type DemoPerson = { id: string; orgId: string };

/**
 * A ToT held ten months ago in Islamabad whose six graduates each delivered a step-down training;
 * one of those is itself a ToT whose three graduates trained a second generation. Dates count back
 * from today so that every event is held. Returns what it added.
 */
async function demoCascade(
  db: Db,
  actor: Actor,
  options: {
    programmeId: string;
    trainerId: string | null;
    today: string;
    pool: DemoPerson[];
    newPerson: () => Promise<DemoPerson>;
    random: ReturnType<typeof seededRandom>;
  },
): Promise<{ events: number; participations: number }> {
  const { random, today } = options;
  let eventCount = 0;
  let participations = 0;
  const place = async (eventId: string, personId: string, role: ParticipantRole) => {
    await events.addParticipant(db, actor, eventId, { personId, role, attended: true });
    participations += 1;
  };
  const holdEvent = async (title: string, type: EventType, startDate: string, days: number, trainers: DemoPerson[], size: number) => {
    const event = await events.createEvent(db, actor, {
      programmeId: options.programmeId,
      title,
      type,
      series: type === 'training_of_trainers' ? 'Master trainers' : 'Step-down trainings',
      startDate,
      endDate: addDays(startDate, days - 1),
      city: 'Islamabad',
      province: 'Islamabad Capital Territory',
      countryCode: 'PK',
      status: 'held',
      topics: ['victim identification', 'investigation techniques'],
      trainerUserIds: options.trainerId ? [options.trainerId] : [],
    });
    eventCount += 1;
    const chosen = new Set(trainers.map((t) => t.id));
    for (const t of trainers) await place(event.id, t.id, 'trainer');
    const list: DemoPerson[] = [];
    while (list.length < size) {
      const person = options.pool.length > 40 && random.chance(0.2) ? random.pick(options.pool) : await options.newPerson();
      if (chosen.has(person.id)) continue;
      chosen.add(person.id);
      list.push(person);
      await place(event.id, person.id, 'participant');
    }
    return { id: event.id, participants: list, endDate: addDays(startDate, days - 1) };
  };
  const specialisms = ['victim identification', 'investigation techniques', 'protection and referral', 'gender'];
  const graduate = async (eventId: string, people: DemoPerson[], certifiedOn: string) => {
    for (const [i, person] of people.entries()) {
      await addGraduate(db, actor, eventId, { personId: person.id, certifiedOn, specialisms: [specialisms[i % specialisms.length] ?? 'gender'] });
    }
  };
  const tot = await holdEvent('Training of trainers: master trainers of the FIA and police', 'training_of_trainers', addDays(today, -300), 5, [], 18);
  const masters = tot.participants.slice(0, 6);
  await graduate(tot.id, masters, tot.endDate);
  let secondTot: { id: string; participants: DemoPerson[]; endDate: string } | null = null;
  for (const [i, master] of masters.entries()) {
    const type: EventType = i === 0 ? 'training_of_trainers' : 'training';
    const title = type === 'training_of_trainers' ? 'Step-down training of trainers for district police' : `Step-down training on victim identification ${i}`;
    const held = await holdEvent(title, type, addDays(today, -240 + i * 15), type === 'training_of_trainers' ? 3 : 2, [master], random.int(12, 20));
    if (type === 'training_of_trainers') secondTot = held;
  }
  if (secondTot) {
    const second = secondTot.participants.slice(0, 3);
    await graduate(secondTot.id, second, secondTot.endDate);
    for (const [i, master] of second.entries()) {
      await holdEvent(`District step-down training ${i + 1}`, 'training', addDays(today, -120 + i * 20), 1, [master], random.int(15, 25));
    }
  }
  return { events: eventCount, participations };
}

function systemActor(id: string): Actor {
  return { id, name: 'Demo loader', email: 'demo@hifazat.example', role: 'admin', countries: null };
}
