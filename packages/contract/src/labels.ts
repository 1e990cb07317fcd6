import { z } from 'zod';
import type { Sex } from './common.js';
import type { EventStatus, EventType, ParticipantRole } from './event-enums.js';
import type { OrganizationType } from './organizations.js';
import type { PAKISTAN_PROVINCES } from './reference.js';

/**
 * The names of the contract's codes in English and Urdu, for the server's exports. They are the
 * web's own wording (packages/web/src/i18n/*.json, groups of the same name): a web test fails when
 * the two differ. The web app uses none of this at run time, so its bundle leaves it out.
 */
export const labelLanguages = ['en', 'ur'] as const;
export const zLabelLanguage = z.enum(labelLanguages);
export type LabelLanguage = z.infer<typeof zLabelLanguage>;

/**
 * Age bands of a person at an event: the event's year minus the year of birth (a person born in
 * 1990 is 35 at any event of 2025). Each band starts at its `from` age; the last has no end.
 */
export const ageBands = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_plus'] as const;
export const zAgeBand = z.enum(ageBands);
export type AgeBand = z.infer<typeof zAgeBand>;
/** The first age of each band after the first (under 18 is every age below 18). */
export const AGE_BAND_STARTS: ReadonlyArray<readonly [AgeBand, number]> = [
  ['18_24', 18],
  ['25_34', 25],
  ['35_44', 35],
  ['45_54', 45],
  ['55_plus', 55],
];

/** The band of an age in years; a negative age (a birth year after the event) is no band. */
export function ageBandOf(age: number): AgeBand | null {
  if (!Number.isFinite(age) || age < 0) return null;
  let band: AgeBand = 'under_18';
  for (const [name, from] of AGE_BAND_STARTS) if (age >= from) band = name;
  return band;
}

type Province = (typeof PAKISTAN_PROVINCES)[number];

export type CodeLabels = {
  eventType: Record<EventType, string>;
  eventStatus: Record<EventStatus, string>;
  participantRole: Record<ParticipantRole, string>;
  organizationType: Record<OrganizationType, string>;
  sex: Record<Sex, string>;
  ageBand: Record<AgeBand, string>;
  province: Record<Province, string>;
};

export const codeLabels: Record<LabelLanguage, CodeLabels> = {
  en: {
    eventType: {
      training: 'Training',
      training_of_trainers: 'Training of trainers',
      workshop: 'Workshop',
      awareness_session: 'Awareness session',
      meeting: 'Meeting',
    },
    eventStatus: { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' },
    participantRole: {
      participant: 'Participant',
      trainer: 'Trainer',
      facilitator: 'Facilitator',
      organizer: 'Organiser',
      speaker: 'Speaker',
      observer: 'Observer',
    },
    organizationType: {
      law_enforcement: 'Law enforcement',
      prosecution: 'Prosecution',
      judiciary: 'Judiciary',
      government: 'Government',
      civil_society: 'Civil society',
      academia: 'Academia',
      media: 'Media',
      international: 'International organisation',
      donor: 'Donor',
      other: 'Other',
    },
    sex: { female: 'Female', male: 'Male', other: 'Other', unknown: 'Not recorded' },
    ageBand: { under_18: 'Under 18', '18_24': '18–24', '25_34': '25–34', '35_44': '35–44', '45_54': '45–54', '55_plus': '55 and over' },
    province: {
      Punjab: 'Punjab',
      Sindh: 'Sindh',
      'Khyber Pakhtunkhwa': 'Khyber Pakhtunkhwa',
      Balochistan: 'Balochistan',
      'Gilgit-Baltistan': 'Gilgit-Baltistan',
      'Azad Jammu and Kashmir': 'Azad Jammu and Kashmir',
      'Islamabad Capital Territory': 'Islamabad Capital Territory',
    },
  },
  ur: {
    eventType: {
      training: 'تربیت',
      training_of_trainers: 'تربیت کاروں کی تربیت',
      workshop: 'ورکشاپ',
      awareness_session: 'آگاہی نشست',
      meeting: 'اجلاس',
    },
    eventStatus: { planned: 'طے شدہ', held: 'منعقد ہو چکی', cancelled: 'منسوخ' },
    participantRole: {
      participant: 'شریک',
      trainer: 'تربیت کار',
      facilitator: 'سہولت کار',
      organizer: 'منتظم',
      speaker: 'مقرر',
      observer: 'مبصر',
    },
    organizationType: {
      law_enforcement: 'قانون نافذ کرنے والے ادارے',
      prosecution: 'استغاثہ',
      judiciary: 'عدلیہ',
      government: 'حکومت',
      civil_society: 'سول سوسائٹی',
      academia: 'تعلیمی ادارے',
      media: 'ذرائع ابلاغ',
      international: 'بین الاقوامی ادارہ',
      donor: 'عطیہ دہندہ',
      other: 'دیگر',
    },
    sex: { female: 'خاتون', male: 'مرد', other: 'دیگر', unknown: 'غیر درج شدہ' },
    ageBand: { under_18: '18 سال سے کم', '18_24': '18–24', '25_34': '25–34', '35_44': '35–44', '45_54': '45–54', '55_plus': '55 سال اور زائد' },
    province: {
      Punjab: 'پنجاب',
      Sindh: 'سندھ',
      'Khyber Pakhtunkhwa': 'خیبر پختونخوا',
      Balochistan: 'بلوچستان',
      'Gilgit-Baltistan': 'گلگت بلتستان',
      'Azad Jammu and Kashmir': 'آزاد جموں و کشمیر',
      'Islamabad Capital Territory': 'اسلام آباد وفاقی علاقہ',
    },
  },
};

/** A province's name in the language (Pakistan's); any other place as written. */
export function provinceName(language: LabelLanguage, province: string): string {
  const names: Record<string, string> = codeLabels[language].province;
  return Object.hasOwn(names, province) ? (names[province] ?? province) : province;
}
