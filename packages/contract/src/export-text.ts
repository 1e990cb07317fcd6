import type { LabelLanguage } from './labels.js';

/**
 * The words of the exported files (sheet names, column headings, the "about this export" sheet) in
 * English and Urdu. Where the web shows the same thing, the words are the web's: `WEB_KEYS` names the
 * web's key for each, and a web test checks that they agree.
 */
export type ExportText = {
  about: string;
  report: string;
  programmeReport: string;
  eventList: string;
  participantList: string;
  event: string;
  period: string;
  statuses: string;
  filters: string;
  none: string;
  madeAt: string;
  madeBy: string;
  programme: string;
  province: string;
  eventType: string;
  topic: string;
  country: string;
  search: string;
  series: string;
  status: string;
  from: string;
  to: string;
  total: string;
  notRecorded: string;
  group: string;
  events: string;
  participations: string;
  people: string;
  bySex: string;
  byOrganizationType: string;
  byOrganization: string;
  byProvince: string;
  byDistrict: string;
  byAgeBand: string;
  byEventType: string;
  byQuarter: string;
  quarter1: string;
  quarter2: string;
  quarter3: string;
  quarter4: string;
  hiddenOrganization: string;
  hiddenParticipant: string;
  districtNote: string;
  ageNote: string;
  peopleNote: string;
  title: string;
  type: string;
  startDate: string;
  endDate: string;
  city: string;
  place: string;
  venue: string;
  topics: string;
  organizers: string;
  partners: string;
  trainers: string;
  participantCount: string;
  fullName: string;
  sex: string;
  organization: string;
  designation: string;
  district: string;
  role: string;
  attendedDirect: string;
  attended: string;
  daysPresent: string;
  yes: string;
  no: string;
  rows: string;
};

export const exportText: Record<LabelLanguage, ExportText> = {
  en: {
    about: 'About this export',
    report: 'Report',
    programmeReport: 'Programme report',
    eventList: 'Events',
    participantList: 'Participants',
    event: 'Event',
    period: 'Period',
    statuses: 'Events counted',
    filters: 'Filters',
    none: 'None',
    madeAt: 'Made on',
    madeBy: 'Made by',
    programme: 'Programme',
    province: 'Province',
    eventType: 'Type of event',
    topic: 'Topic',
    country: 'Country',
    search: 'Search',
    series: 'Series',
    status: 'Status',
    from: 'From',
    to: 'To',
    total: 'Total',
    notRecorded: 'Not recorded',
    group: 'Group',
    events: 'Events',
    participations: 'Participations',
    people: 'Unique people',
    bySex: 'By sex',
    byOrganizationType: 'By type of organisation',
    byOrganization: 'By organisation',
    byProvince: 'By province',
    byDistrict: 'By district',
    byAgeBand: 'By age',
    byEventType: 'By type of event',
    byQuarter: 'Participations by quarter',
    quarter1: 'Q1 {{year}}',
    quarter2: 'Q2 {{year}}',
    quarter3: 'Q3 {{year}}',
    quarter4: 'Q4 {{year}}',
    hiddenOrganization: 'From another country',
    hiddenParticipant: 'A participant from another country',
    districtNote: 'The district where the participant is registered (not the event’s place).',
    ageNote: 'Age in the year of the event: the event’s year minus the year of birth.',
    peopleNote: 'Participations: a person at three events counts three times. Unique people: each person counts once.',
    title: 'Title',
    type: 'Type',
    startDate: 'Start date',
    endDate: 'End date',
    city: 'City',
    place: 'Place',
    venue: 'Venue',
    topics: 'Topics',
    organizers: 'Organisers',
    partners: 'Partners',
    trainers: 'Trainers',
    participantCount: 'Participants',
    fullName: 'Full name',
    sex: 'Sex',
    organization: 'Organisation',
    designation: 'Designation',
    district: 'District',
    role: 'Role',
    attendedDirect: 'Attended (no day register)',
    attended: 'Attended',
    daysPresent: 'Days present',
    yes: 'Yes',
    no: 'No',
    rows: 'Rows',
  },
  ur: {
    about: 'اس برآمد کے بارے میں',
    report: 'رپورٹ',
    programmeReport: 'پروگرام رپورٹ',
    eventList: 'تقریبات',
    participantList: 'شرکاء',
    event: 'تقریب',
    period: 'مدت',
    statuses: 'شمار ہونے والی تقریبات',
    filters: 'فلٹر',
    none: 'کوئی نہیں',
    madeAt: 'تیاری کا وقت',
    madeBy: 'تیار کنندہ',
    programme: 'پروگرام',
    province: 'صوبہ',
    eventType: 'تقریب کی قسم',
    topic: 'موضوع',
    country: 'ملک',
    search: 'تلاش',
    series: 'سلسلہ',
    status: 'حیثیت',
    from: 'از',
    to: 'تا',
    total: 'کل',
    notRecorded: 'غیر درج شدہ',
    group: 'گروہ',
    events: 'تقریبات',
    participations: 'شرکتیں',
    people: 'منفرد افراد',
    bySex: 'جنس کے لحاظ سے',
    byOrganizationType: 'ادارے کی قسم کے لحاظ سے',
    byOrganization: 'ادارے کے لحاظ سے',
    byProvince: 'صوبے کے لحاظ سے',
    byDistrict: 'ضلع کے لحاظ سے',
    byAgeBand: 'عمر کے لحاظ سے',
    byEventType: 'تقریب کی قسم کے لحاظ سے',
    byQuarter: 'سہ ماہی کے لحاظ سے شرکتیں',
    quarter1: 'پہلی سہ ماہی {{year}}',
    quarter2: 'دوسری سہ ماہی {{year}}',
    quarter3: 'تیسری سہ ماہی {{year}}',
    quarter4: 'چوتھی سہ ماہی {{year}}',
    hiddenOrganization: 'کسی دوسرے ملک سے',
    hiddenParticipant: 'کسی دوسرے ملک سے ایک شریک',
    districtNote: 'وہ ضلع جہاں شریک درج ہے (تقریب کی جگہ نہیں)۔',
    ageNote: 'تقریب کے سال میں عمر: تقریب کا سال منفی سالِ پیدائش۔',
    peopleNote: 'شرکتیں: تین تقریبات میں شریک ایک فرد تین بار شمار ہوتا ہے۔ منفرد افراد: ہر فرد ایک بار شمار ہوتا ہے۔',
    title: 'عنوان',
    type: 'قسم',
    startDate: 'تاریخِ آغاز',
    endDate: 'تاریخِ اختتام',
    city: 'شہر',
    place: 'جگہ',
    venue: 'مقام',
    topics: 'موضوعات',
    organizers: 'منتظمین',
    partners: 'شراکت دار',
    trainers: 'تربیت کار',
    participantCount: 'شرکاء',
    fullName: 'پورا نام',
    sex: 'جنس',
    organization: 'ادارہ',
    designation: 'عہدہ',
    district: 'ضلع',
    role: 'کردار',
    attendedDirect: 'شریک ہوئے (یومیہ رجسٹر کے بغیر)',
    attended: 'شریک ہوئے',
    daysPresent: 'حاضری کے دن',
    yes: 'ہاں',
    no: 'نہیں',
    rows: 'قطاریں',
  },
};

/** The web's translation key of each export word the web also shows (checked by the web's i18n test). */
export const EXPORT_TEXT_WEB_KEYS: Partial<Record<keyof ExportText, string>> = {
  programmeReport: 'report.title',
  eventList: 'events.title',
  participantList: 'event.tabParticipants',
  period: 'programme.period',
  statuses: 'report.status',
  none: 'common.none',
  programme: 'event.programme',
  province: 'event.province',
  topic: 'report.topic',
  country: 'event.country',
  search: 'common.search',
  series: 'event.series',
  status: 'event.status',
  from: 'common.from',
  to: 'common.to',
  total: 'common.total',
  notRecorded: 'common.notRecorded',
  events: 'report.events',
  participations: 'report.participations',
  people: 'report.people',
  bySex: 'report.bySex',
  byOrganizationType: 'report.byOrganizationType',
  byOrganization: 'report.byOrganization',
  byProvince: 'report.byProvince',
  byDistrict: 'report.byDistrict',
  byAgeBand: 'report.byAgeBand',
  byEventType: 'report.byEventType',
  byQuarter: 'report.byQuarter',
  quarter1: 'report.quarter1',
  quarter2: 'report.quarter2',
  quarter3: 'report.quarter3',
  quarter4: 'report.quarter4',
  hiddenOrganization: 'event.hiddenOrganization',
  hiddenParticipant: 'participants.hidden',
  districtNote: 'report.districtNote',
  ageNote: 'report.ageNote',
  title: 'event.title',
  type: 'event.type',
  startDate: 'event.startDate',
  endDate: 'event.endDate',
  city: 'event.city',
  place: 'event.place',
  venue: 'event.venue',
  topics: 'event.topics',
  organizers: 'event.organizers',
  partners: 'event.partners',
  trainers: 'event.trainers',
  participantCount: 'event.participantCount',
  fullName: 'person.fullName',
  sex: 'person.sex',
  organization: 'person.organization',
  designation: 'person.designation',
  district: 'person.district',
  role: 'participants.role',
  attendedDirect: 'participants.attendedDirect',
  attended: 'participants.attended',
  daysPresent: 'attendance.days',
  yes: 'participants.yes',
  no: 'participants.no',
};
