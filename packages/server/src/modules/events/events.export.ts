import { codeLabels, exportText, provinceName, type Event, type EventFilters, type LabelLanguage, type ParticipantList } from '@hifazat/contract';
import { aboutRows, countryName, type ExportBook } from '../../shared/export-book.js';
import type { Cell } from '../../shared/spreadsheet.js';

const orgName = (o: { name: string; acronym: string | null }) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);

type Made = { lang: LabelLanguage; madeBy: string; madeAt: Date };

/** The event list's filters that were given, each with its label and its value's label. */
function eventFilterRows(lang: LabelLanguage, filters: EventFilters, programmeName: string | null): Array<[string, Cell]> {
  const text = exportText[lang];
  const labels = codeLabels[lang];
  const rows: Array<[string, Cell]> = [];
  if (filters.q) rows.push([text.search, filters.q]);
  if (filters.programmeId) rows.push([text.programme, programmeName ?? filters.programmeId]);
  if (filters.type) rows.push([text.eventType, labels.eventType[filters.type]]);
  if (filters.status) rows.push([text.status, labels.eventStatus[filters.status]]);
  if (filters.province) rows.push([text.province, provinceName(lang, filters.province)]);
  if (filters.countryCode) rows.push([text.country, countryName(lang, filters.countryCode)]);
  if (filters.topic) rows.push([text.topic, filters.topic]);
  if (filters.series) rows.push([text.series, filters.series]);
  if (filters.from) rows.push([text.from, filters.from]);
  if (filters.to) rows.push([text.to, filters.to]);
  return rows;
}

/** The event list as a book: what was exported and how, then one row per event, codes as labels. */
export function eventListBook(events: Event[], input: Made & { filters: EventFilters; programmeName: string | null }): ExportBook {
  const { lang } = input;
  const text = exportText[lang];
  const labels = codeLabels[lang];
  const separator = lang === 'ur' ? '، ' : ', ';
  // Organisers, partners and trainers of other countries are counted, as on the event's page.
  const names = (list: string[], hidden: number) => [...list, ...(hidden > 0 ? [`${text.hiddenOrganization}: ${hidden}`] : [])].join(separator) || null;
  const header = [
    text.title,
    text.programme,
    text.type,
    text.status,
    text.startDate,
    text.endDate,
    text.city,
    text.province,
    text.country,
    text.venue,
    text.series,
    text.topics,
    text.organizers,
    text.partners,
    text.trainers,
    text.participantCount,
  ];
  const rows: Cell[][] = events.map((e) => [
    e.title,
    e.programmeName,
    labels.eventType[e.type],
    labels.eventStatus[e.status],
    e.startDate,
    e.endDate,
    e.city,
    e.province ? provinceName(lang, e.province) : null,
    countryName(lang, e.countryCode),
    e.venue,
    e.series,
    e.topics.join(separator) || null,
    names(e.organizers.map(orgName), e.hiddenOrganizers),
    names(e.partners.map(orgName), e.hiddenPartners),
    names(
      e.trainers.map((t) => t.name),
      e.hiddenTrainers,
    ),
    e.participantCount,
  ]);
  return {
    lang,
    about: aboutRows(text, {
      what: [
        [text.report, text.eventList],
        [text.rows, events.length],
      ],
      filters: eventFilterRows(lang, input.filters, input.programmeName),
      madeBy: input.madeBy,
      madeAt: input.madeAt,
    }),
    sections: [{ title: text.eventList, header, rows, widths: [40, 28, 18, 14, 12, 12, 16, 20, 18, 20, 20, 30, 30, 30, 24, 12] }],
  };
}

/** An event's participants as a book: the event and who made the file, then one row per participant. */
export function participantListBook(event: Event, list: ParticipantList, input: Made): ExportBook {
  const { lang } = input;
  const text = exportText[lang];
  const labels = codeLabels[lang];
  const separator = lang === 'ur' ? '، ' : ', ';
  const yesNo = (value: boolean) => (value ? text.yes : text.no);
  const header = [text.fullName, text.sex, text.organization, text.designation, text.province, text.role, text.attendedDirect, text.attended, text.daysPresent];
  const rows: Cell[][] = list.items.map((p) => [
    p.hidden ? text.hiddenParticipant : p.fullName,
    labels.sex[p.sex],
    p.organization ? orgName(p.organization) : null,
    p.designation,
    p.province ? provinceName(lang, p.province) : null,
    labels.participantRole[p.role],
    yesNo(p.attendedDirect),
    yesNo(p.attended),
    p.presentDates.join(separator) || null,
  ]);
  const place = [event.city, event.province ? provinceName(lang, event.province) : null, countryName(lang, event.countryCode)].filter(Boolean).join(separator);
  return {
    lang,
    about: aboutRows(text, {
      what: [
        [text.report, text.participantList],
        [text.event, event.title],
        [text.programme, event.programmeName],
        [text.type, labels.eventType[event.type]],
        [text.period, event.startDate === event.endDate ? event.startDate : `${event.startDate} – ${event.endDate}`],
        [text.place, place],
        [text.rows, list.items.length],
      ],
      filters: [],
      madeBy: input.madeBy,
      madeAt: input.madeAt,
    }),
    sections: [{ title: text.participantList, header, rows, widths: [32, 14, 32, 24, 20, 14, 16, 12, 30] }],
  };
}
