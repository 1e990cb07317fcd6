import { codeLabels, participantSummaryText, type DonorReportFacts, type DonorReportRow, type EventType, type LabelLanguage } from '@hifazat/contract';
import { lookupTable } from '../../shared/lookup-table.js';

/**
 * The donor report's narrative and highlights, drafted from the figures in the programme's own style:
 * "Three workshops in Islamabad, Lahore and Peshawar were attended by 60 participants (9 female,
 * 51 male)." Pure: the same figures always give the same text, in English and in Urdu.
 */

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const format = (lang: LabelLanguage, n: number) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ur-PK', { maximumFractionDigits: 3 }).format(n);
/** Small numbers in words, as the programme writes them ("three workshops"); larger ones in figures. */
const countWord = (n: number) => NUMBER_WORDS[n] ?? format('en', n);

const PLURAL: Record<EventType, [string, string]> = {
  training: ['training', 'trainings'],
  training_of_trainers: ['training of trainers', 'trainings of trainers'],
  workshop: ['workshop', 'workshops'],
  awareness_session: ['awareness session', 'awareness sessions'],
  meeting: ['meeting', 'meetings'],
};

/** Cities the programmes work in, in Urdu script; others keep the spelling they were entered in. */
const URDU_CITIES = lookupTable<string>({
  islamabad: 'اسلام آباد',
  lahore: 'لاہور',
  karachi: 'کراچی',
  peshawar: 'پشاور',
  quetta: 'کوئٹہ',
  multan: 'ملتان',
  faisalabad: 'فیصل آباد',
  rawalpindi: 'راولپنڈی',
  hyderabad: 'حیدرآباد',
  sukkur: 'سکھر',
  gilgit: 'گلگت',
  muzaffarabad: 'مظفرآباد',
  gwadar: 'گوادر',
  sialkot: 'سیالکوٹ',
  abbottabad: 'ایبٹ آباد',
  'dera ismail khan': 'ڈیرہ اسماعیل خان',
  turbat: 'تربت',
  kabul: 'کابل',
  tehran: 'تہران',
  baghdad: 'بغداد',
});
// A name in Latin letters keeps its own direction inside an Urdu sentence (first-strong isolate).
const cityName = (lang: LabelLanguage, city: string) => (lang === 'ur' ? (URDU_CITIES[city.trim().toLowerCase()] ?? `\u2068${city}\u2069`) : city);

/** "Islamabad, Lahore and Peshawar" / "اسلام آباد، لاہور اور پشاور" */
export function listText(lang: LabelLanguage, items: string[]): string {
  if (items.length <= 1) return items.join('');
  const [and, comma] = lang === 'en' ? [' and ', ', '] : [' اور ', '، '];
  return `${items.slice(0, -1).join(comma)}${and}${items[items.length - 1]}`;
}

const MAX_PLACES = 6;
function placesText(lang: LabelLanguage, places: string[]): string {
  const named = places.slice(0, MAX_PLACES).map((p) => cityName(lang, p));
  const more = places.length - named.length;
  if (more > 0) named.push(lang === 'en' ? `${more} other ${more === 1 ? 'place' : 'places'}` : `${format('ur', more)} دیگر مقامات`);
  return listText(lang, named);
}

function eventSentence(lang: LabelLanguage, e: DonorReportFacts['byEventType'][number]): string {
  const attended = e.participations.total > 0;
  if (lang === 'en') {
    const [one, many] = PLURAL[e.type];
    const subject = `${capitalise(countWord(e.events))} ${e.events === 1 ? one : many}`;
    const where = e.places.length > 0 ? ` in ${placesText('en', e.places)}` : '';
    const verb = e.events === 1 ? 'was' : 'were';
    return attended ? `${subject}${where} ${verb} attended by ${participantSummaryText(e.participations, 'en')}.` : `${subject} ${verb} held${where}.`;
  }
  const label = codeLabels.ur.eventType[e.type];
  const where = e.places.length > 0 ? `${placesText('ur', e.places)} میں ` : '';
  const what = e.events === 1 ? `${label} کی ایک تقریب منعقد ہوئی` : `${label} کی ${format('ur', e.events)} تقریبات منعقد ہوئیں`;
  if (!attended) return `${where}${what}۔`;
  return `${where}${what}، جن میں ${participantSummaryText(e.participations, 'ur')} نے شرکت کی۔`;
}

const percentText = (lang: LabelLanguage, p: number) => (lang === 'en' ? `${format('en', p)}%` : `${format('ur', p)}٪`);
const bandOf = (g: number) => (g < 0.3 ? 'low' : g <= 0.7 ? 'medium' : 'high');
const BAND_UR = { low: 'کم', medium: 'درمیانہ', high: 'زیادہ' } as const;

function indicatorSentence(lang: LabelLanguage, row: DonorReportRow): string | null {
  if (row.actual === null) return null;
  const name = lang === 'en' ? row.name.en : row.name.ur;
  if (row.target === null) return lang === 'en' ? `${row.code} ${name}: ${format('en', row.actual)}.` : `${row.code} ${name}: ${format('ur', row.actual)}۔`;
  const pct =
    row.percentAchieved === null ? '' : lang === 'en' ? ` (${percentText('en', row.percentAchieved)})` : ` (${percentText('ur', row.percentAchieved)})`;
  return lang === 'en'
    ? `${row.code} ${name}: ${format('en', row.actual)} against a target of ${format('en', row.target)}${pct}.`
    : `${row.code} ${name}: ہدف ${format('ur', row.target)} کے مقابلے میں ${format('ur', row.actual)}${pct}۔`;
}

/** The narrative: a paragraph on the events, one on the people and learning, one on the indicators. */
export function draftNarrative(lang: LabelLanguage, input: { periodLabel: string; facts: DonorReportFacts; rows: DonorReportRow[] }): string {
  const { facts, rows, periodLabel } = input;
  const paragraphs: string[] = [];
  if (facts.events === 0) paragraphs.push(lang === 'en' ? `No events were held in ${periodLabel}.` : `${periodLabel} میں کوئی تقریب منعقد نہیں ہوئی۔`);
  else {
    const opening =
      lang === 'en'
        ? `In ${periodLabel} the programme held ${countWord(facts.events)} ${facts.events === 1 ? 'event' : 'events'}.`
        : facts.events === 1
          ? `${periodLabel} میں پروگرام کی ایک تقریب منعقد ہوئی۔`
          : `${periodLabel} میں پروگرام کی ${format('ur', facts.events)} تقریبات منعقد ہوئیں۔`;
    paragraphs.push([opening, ...facts.byEventType.map((e) => eventSentence(lang, e))].join(' '));
  }
  const people: string[] = [];
  if (facts.people.total > 0) {
    people.push(
      lang === 'en'
        ? `Counted once each, however many events they attended, they were ${participantSummaryText(facts.people, 'en')}.`
        : `ہر فرد کو ایک بار گننے پر، چاہے وہ کتنی ہی تقریبات میں شریک ہوا، یہ ${participantSummaryText(facts.people, 'ur')} تھے۔`,
    );
  }
  if (facts.meanNormalisedGain !== null) {
    const g = facts.meanNormalisedGain;
    people.push(
      lang === 'en'
        ? `Pre- and post-tests showed a mean normalised gain of ${g.toFixed(2)} (${bandOf(g)}).`
        : `ابتدائی اور اختتامی ٹیسٹوں میں اوسط معمول شدہ اضافہ ${format('ur', Math.round(g * 100) / 100)} (${BAND_UR[bandOf(g)]}) رہا۔`,
    );
  }
  if (people.length > 0) paragraphs.push(people.join(' '));
  const indicators = rows.map((r) => indicatorSentence(lang, r)).filter((s): s is string => s !== null);
  if (indicators.length > 0) paragraphs.push([lang === 'en' ? 'Against the indicators:' : 'اشاریوں کے لحاظ سے:', ...indicators].join(' '));
  return paragraphs.join('\n\n');
}

/** A few lines to put first: events and people, the gain, and how many targets were met. */
export function draftHighlights(lang: LabelLanguage, input: { facts: DonorReportFacts; rows: DonorReportRow[] }): string[] {
  const { facts, rows } = input;
  const lines: string[] = [];
  lines.push(
    lang === 'en' ? `${format('en', facts.events)} ${facts.events === 1 ? 'event' : 'events'} held` : `${format('ur', facts.events)} تقریبات منعقد ہوئیں`,
  );
  if (facts.participations.total > 0)
    lines.push(
      lang === 'en'
        ? `${participantSummaryText(facts.participations, 'en')} attended; ${format('en', facts.people.total)} different people`
        : `${participantSummaryText(facts.participations, 'ur')} نے شرکت کی؛ ${format('ur', facts.people.total)} مختلف افراد`,
    );
  if (facts.meanNormalisedGain !== null)
    lines.push(
      lang === 'en'
        ? `Mean normalised learning gain ${facts.meanNormalisedGain.toFixed(2)} (${bandOf(facts.meanNormalisedGain)})`
        : `اوسط معمول شدہ تعلیمی اضافہ ${format('ur', Math.round(facts.meanNormalisedGain * 100) / 100)} (${BAND_UR[bandOf(facts.meanNormalisedGain)]})`,
    );
  const withTargets = rows.filter((r) => r.percentAchieved !== null);
  if (withTargets.length > 0) {
    const met = withTargets.filter((r) => (r.percentAchieved ?? 0) >= 100).length;
    lines.push(
      lang === 'en'
        ? `${format('en', met)} of ${format('en', withTargets.length)} indicator targets met`
        : `${format('ur', withTargets.length)} میں سے ${format('ur', met)} اشاریوں کے اہداف حاصل ہوئے`,
    );
  }
  return lines;
}

/** "2025-Q1" → "the first quarter of 2025" / "2025 کی پہلی سہ ماہی"; "2025" → "2025". */
export function periodLabel(lang: LabelLanguage, period: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!match) return period;
  const q = Number(match[2]);
  return lang === 'en'
    ? `the ${['first', 'second', 'third', 'fourth'][q - 1]} quarter of ${match[1]}`
    : `${match[1]} کی ${['پہلی', 'دوسری', 'تیسری', 'چوتھی'][q - 1]} سہ ماہی`;
}
