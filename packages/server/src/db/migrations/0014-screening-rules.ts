import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * The screening aid's rules (issue 12): versions per country ('*': the international instruments),
 * each with an effective date and its content as JSON (contract: ScreeningRuleContent) — legal
 * instruments with the questions that satisfy each element, their provisions (text, penalty, whether
 * confirmed from the statute's text) and the competent agencies. A version never changes: a
 * correction is a new version (POST /api/screening-rules), which the audit log records.
 *
 * Seeded: INTL-2000.1 (the Trafficking and Smuggling Protocols) and PK-2018.1 (Prevention of
 * Trafficking in Persons Act 2018, Prevention of Smuggling of Migrants Act 2018). The seed is frozen
 * here, as every landed migration is; its words are ours except where `textKind` is 'quoted'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);
  await db.schema
    .createTable('screening_rule_versions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('country_code', t.text, (c) => c.notNull())
    .addColumn('effective_from', t.date, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('based_on', t.text, (c) => c.references('screening_rule_versions.id'))
    .addColumn('content', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    // One version a day per country: which one is in force is never a tie.
    .addUniqueConstraint('screening_rule_versions_country_day_uq', ['country_code', 'effective_from'])
    .execute();

  const createdAt = new Date().toISOString();
  await db
    .insertInto('screening_rule_versions')
    .values([
      {
        id: 'INTL-2000.1',
        country_code: '*',
        effective_from: '2003-12-25',
        title: 'Trafficking in Persons Protocol and Smuggling of Migrants Protocol (UNTOC, 2000)',
        based_on: null,
        content: JSON.stringify(INTERNATIONAL),
        created_by: null,
        created_at: createdAt,
      },
      {
        id: 'PK-2018.1',
        country_code: 'PK',
        effective_from: '2018-05-23',
        title: 'Pakistan: Prevention of Trafficking in Persons Act 2018 and Prevention of Smuggling of Migrants Act 2018',
        based_on: null,
        content: JSON.stringify(PAKISTAN),
        created_by: null,
        created_at: createdAt,
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screening_rule_versions').execute();
}

const ALL_ACTS = ['act_recruited', 'act_transported', 'act_harboured', 'act_handed_over'];
const ALL_MEANS = [
  'means_force',
  'means_threats',
  'means_deception',
  'means_abduction',
  'means_debt_documents',
  'means_vulnerability',
  'means_payment_to_controller',
];
const ALL_PURPOSES = ['purpose_sexual', 'purpose_labour', 'purpose_servitude', 'purpose_begging_crime', 'purpose_marriage', 'purpose_organs'];
const SOM_ELEMENTS = {
  irregularEntry: ['entry_without_requirements', 'entry_false_documents'],
  facilitation: ['facilitation_arranged', 'facilitation_documents'],
  benefit: ['benefit_paid', 'benefit_in_kind'],
};

const UN_TREATY = 'https://treaties.un.org (UNTOC Protocols, General Assembly resolution 55/25, annexes II and III)';

const INTERNATIONAL = {
  internationalVersion: null,
  instruments: [
    {
      id: 'UN-TIP',
      kind: 'tip',
      level: 'international',
      title: { en: 'Trafficking in Persons Protocol (2000)', ur: 'انسانی تجارت سے متعلق پروٹوکول (2000)' },
      rule: { elements: { act: ALL_ACTS, means: ALL_MEANS, purpose: ALL_PURPOSES }, childNeedsNoMeans: true },
      caveat: null,
      provisions: [
        {
          id: 'TIP-3a',
          citation: 'Trafficking in Persons Protocol, art. 3(a)',
          title: { en: 'Trafficking in persons: act, means and purpose', ur: 'انسانی تجارت: عمل، ذرائع اور مقصد' },
          text:
            '"Trafficking in persons" shall mean the recruitment, transportation, transfer, harbouring or receipt of persons, by means of the ' +
            'threat or use of force or other forms of coercion, of abduction, of fraud, of deception, of the abuse of power or of a position of ' +
            'vulnerability or of the giving or receiving of payments or benefits to achieve the consent of a person having control over another ' +
            'person, for the purpose of exploitation. Exploitation shall include, at a minimum, the exploitation of the prostitution of others or ' +
            'other forms of sexual exploitation, forced labour or services, slavery or practices similar to slavery, servitude or the removal of organs.',
          textKind: 'quoted',
          summary: {
            en: 'For an adult, all three elements are needed: an act (recruiting, moving, harbouring or receiving a person), a means (force, threats, deception, abuse of vulnerability…) and an exploitative purpose.',
            ur: 'بالغ کے لیے تینوں عناصر ضروری ہیں: عمل (بھرتی، منتقلی، پناہ دینا یا وصول کرنا)، ذرائع (طاقت، دھمکی، دھوکا، کمزوری کا ناجائز فائدہ…) اور استحصال کا مقصد۔',
          },
          penalty: null,
          confirmed: true,
          source: UN_TREATY,
        },
        {
          id: 'TIP-3b',
          citation: 'Trafficking in Persons Protocol, art. 3(b)',
          title: { en: 'Consent is irrelevant once a means was used', ur: 'ذرائع استعمال ہوں تو رضامندی غیر متعلق ہے' },
          text:
            'The consent of a victim of trafficking in persons to the intended exploitation set forth in subparagraph (a) of this article shall be ' +
            'irrelevant where any of the means set forth in subparagraph (a) have been used.',
          textKind: 'quoted',
          summary: {
            en: 'A person who "agreed" is still a victim when force, deception or another means was used.',
            ur: 'اگر طاقت، دھوکا یا کوئی اور ذریعہ استعمال ہوا ہو تو "رضامند" شخص بھی متاثرہ ہے۔',
          },
          penalty: null,
          confirmed: true,
          source: UN_TREATY,
        },
        {
          id: 'TIP-3c',
          citation: 'Trafficking in Persons Protocol, art. 3(c)',
          title: { en: 'A child needs no means', ur: 'بچے کے لیے ذرائع ضروری نہیں' },
          text:
            'The recruitment, transportation, transfer, harbouring or receipt of a child for the purpose of exploitation shall be considered ' +
            '"trafficking in persons" even if this does not involve any of the means set forth in subparagraph (a) of this article.',
          textKind: 'quoted',
          summary: {
            en: 'For a child, the act and the exploitative purpose are enough.',
            ur: 'بچے کے معاملے میں عمل اور استحصال کا مقصد کافی ہیں۔',
          },
          penalty: null,
          confirmed: true,
          source: UN_TREATY,
        },
        {
          id: 'TIP-3d',
          citation: 'Trafficking in Persons Protocol, art. 3(d)',
          title: { en: 'Who is a child', ur: 'بچہ کون ہے' },
          text: '"Child" shall mean any person under eighteen years of age.',
          textKind: 'quoted',
          summary: { en: 'Under 18 years of age.', ur: '18 سال سے کم عمر۔' },
          penalty: null,
          confirmed: true,
          source: UN_TREATY,
        },
      ],
    },
    {
      id: 'UN-SOM',
      kind: 'som',
      level: 'international',
      title: { en: 'Smuggling of Migrants Protocol (2000)', ur: 'تارکینِ وطن کی اسمگلنگ سے متعلق پروٹوکول (2000)' },
      rule: { elements: SOM_ELEMENTS, childNeedsNoMeans: false },
      caveat: null,
      provisions: [
        {
          id: 'SOM-3a',
          citation: 'Smuggling of Migrants Protocol, art. 3(a)',
          title: { en: 'Smuggling of migrants', ur: 'تارکینِ وطن کی اسمگلنگ' },
          text:
            '"Smuggling of migrants" shall mean the procurement, in order to obtain, directly or indirectly, a financial or other material ' +
            'benefit, of the illegal entry of a person into a State Party of which the person is not a national or a permanent resident.',
          textKind: 'quoted',
          summary: {
            en: 'Someone arranged the illegal entry (facilitation) to gain money or another material benefit (benefit), into a country of which the person is not a national or resident (irregular entry).',
            ur: 'کسی نے پیسے یا کسی اور مادی فائدے کے لیے (فائدہ) ایسے ملک میں غیر قانونی داخلے کا انتظام کیا (سہولت کاری) جس کا وہ شخص شہری یا مستقل رہائشی نہیں (غیر قانونی داخلہ)۔',
          },
          penalty: null,
          confirmed: true,
          source: UN_TREATY,
        },
        {
          id: 'SOM-3b',
          citation: 'Smuggling of Migrants Protocol, art. 3(b)',
          title: { en: 'Illegal entry', ur: 'غیر قانونی داخلہ' },
          text: '"Illegal entry" shall mean crossing borders without complying with the necessary requirements for legal entry into the receiving State.',
          textKind: 'quoted',
          summary: {
            en: 'Crossing a border without meeting the requirements for legal entry (visa, valid documents, an official crossing point).',
            ur: 'قانونی داخلے کی شرائط (ویزا، درست دستاویزات، سرکاری راستہ) پوری کیے بغیر سرحد پار کرنا۔',
          },
          penalty: null,
          confirmed: true,
          source: UN_TREATY,
        },
        {
          id: 'SOM-6',
          citation: 'Smuggling of Migrants Protocol, art. 6',
          title: { en: 'Offences to be made crimes, and aggravating circumstances', ur: 'جرائم اور سنگین صورتیں' },
          text:
            'In our words: States make it a crime, when done intentionally and for a financial or other material benefit, to smuggle migrants; to ' +
            'make, procure, provide or possess a fraudulent travel or identity document to enable smuggling; and to enable a person to stay in a ' +
            "country illegally. Endangering the migrants' lives or safety, or inhuman or degrading treatment (including for exploitation), are " +
            'aggravating circumstances.',
          textKind: 'paraphrase',
          summary: {
            en: 'Smuggling is a crime of the facilitator, against the State; danger to the migrant or exploitation aggravates it.',
            ur: 'اسمگلنگ سہولت کار کا جرم ہے جو ریاست کے خلاف ہے؛ تارکِ وطن کی جان کو خطرہ یا استحصال اسے سنگین بناتا ہے۔',
          },
          penalty: null,
          confirmed: false,
          source: 'https://sherloc.unodc.org/cld/en/education/tertiary/tip-and-som/module-1/key-issues/offences-under-the-protocol.html',
        },
        {
          id: 'SOM-5',
          citation: 'Smuggling of Migrants Protocol, art. 5',
          title: { en: 'Migrants are not prosecuted for having been smuggled', ur: 'اسمگل ہونے پر تارکِ وطن کے خلاف مقدمہ نہیں' },
          text: 'In our words: a migrant does not become liable to criminal prosecution under the Protocol for the fact of having been smuggled.',
          textKind: 'paraphrase',
          summary: {
            en: 'The smuggled person is not the offender: treat them as a person with rights and needs.',
            ur: 'اسمگل ہونے والا شخص مجرم نہیں: اس سے حقوق اور ضروریات رکھنے والے فرد کی طرح پیش آئیں۔',
          },
          penalty: null,
          confirmed: false,
          source: 'https://sherloc.unodc.org/cld/en/education/tertiary/tip-and-som/module-1/key-issues/offences-under-the-protocol.html',
        },
      ],
    },
  ],
  agencies: [
    {
      scope: 'tip_internal',
      name: {
        en: 'The police, or the authority the country designates for trafficking in persons',
        ur: 'پولیس، یا وہ ادارہ جسے ملک نے انسانی تجارت کے لیے نامزد کیا ہو',
      },
      note: {
        en: 'No national rules are loaded for this country: ask the national referral mechanism which authority is competent.',
        ur: 'اس ملک کے قومی قواعد موجود نہیں: قومی ریفرل نظام سے معلوم کریں کہ کون سا ادارہ مجاز ہے۔',
      },
      confirmed: false,
      source: null,
    },
    {
      scope: 'tip_cross_border',
      name: { en: 'The authority the country designates for cross-border trafficking', ur: 'وہ ادارہ جسے ملک نے سرحد پار انسانی تجارت کے لیے نامزد کیا ہو' },
      note: {
        en: 'No national rules are loaded for this country: ask the national referral mechanism which authority is competent.',
        ur: 'اس ملک کے قومی قواعد موجود نہیں: قومی ریفرل نظام سے معلوم کریں کہ کون سا ادارہ مجاز ہے۔',
      },
      confirmed: false,
      source: null,
    },
    {
      scope: 'som',
      name: { en: 'The authority the country designates for migrant smuggling', ur: 'وہ ادارہ جسے ملک نے تارکینِ وطن کی اسمگلنگ کے لیے نامزد کیا ہو' },
      note: {
        en: 'No national rules are loaded for this country: ask the national referral mechanism which authority is competent.',
        ur: 'اس ملک کے قومی قواعد موجود نہیں: قومی ریفرل نظام سے معلوم کریں کہ کون سا ادارہ مجاز ہے۔',
      },
      confirmed: false,
      source: null,
    },
  ],
};

const PTPA_SOURCE = 'https://thecatchline.com/identifying-human-trafficking-victims-major-challenges-and-some-solutions-to-it';
const FIA_AHTC = { en: 'FIA — Anti-Human Trafficking Circle', ur: 'ایف آئی اے — اینٹی ہیومن ٹریفکنگ سرکل' };
const JURISDICTION_SOURCE = 'https://www.pakistantoday.com.pk/2018/05/23/na-unanimously-passes-prevention-of-trafficking-in-persons-bill/';

const PAKISTAN = {
  internationalVersion: 'INTL-2000.1',
  instruments: [
    {
      id: 'PK-PTPA',
      kind: 'tip',
      level: 'national',
      title: { en: 'Prevention of Trafficking in Persons Act 2018 (Pakistan)', ur: 'انسدادِ انسانی تجارت ایکٹ 2018 (پاکستان)' },
      rule: {
        elements: {
          // "recruits, harbours, transports, provides or obtains"
          act: ALL_ACTS,
          // "force, fraud or coercion": abuse of vulnerability and payments to a person in control are not named.
          means: ['means_force', 'means_threats', 'means_deception', 'means_abduction', 'means_debt_documents'],
          // "compelled labor or commercial sex acts": begging or crime, marriage and organ removal are not named.
          purpose: ['purpose_sexual', 'purpose_labour', 'purpose_servitude'],
        },
        childNeedsNoMeans: false,
      },
      caveat: {
        en:
          'Section 3 as quoted in public sources names force, fraud or coercion as the means and compelled labour or commercial sex acts as the ' +
          'purposes. Whether the Act treats a child as a victim without any means (for example in commercial sex), and how section 2 defines ' +
          "these terms, are not confirmed from the Act's text: this reading requires means for a child too. Check the Act before relying on it.",
        ur:
          'عوامی ذرائع میں نقل کی گئی دفعہ 3 میں ذرائع کے طور پر طاقت، فریب یا جبر اور مقاصد کے طور پر جبری مشقت یا تجارتی جنسی عمل کا ذکر ہے۔ ' +
          'آیا ایکٹ بچے کو ذرائع کے بغیر بھی متاثرہ مانتا ہے، اور دفعہ 2 ان الفاظ کی تعریف کیسے کرتی ہے، ایکٹ کے متن سے تصدیق شدہ نہیں: ' +
          'یہ تشریح بچے کے لیے بھی ذرائع مانگتی ہے۔ اس پر انحصار سے پہلے ایکٹ دیکھیں۔',
      },
      provisions: [
        {
          id: 'PTPA-3-1',
          citation: 'Prevention of Trafficking in Persons Act 2018, s. 3(1)',
          title: { en: 'Offence of trafficking in persons', ur: 'انسانی تجارت کا جرم' },
          text:
            'Any person who recruits, harbours, transports, provides or obtains another person, or attempts to do so, for compelled labor or ' +
            'commercial sex acts through the use of force, fraud or coercion, commits an offence of trafficking in persons and shall be punished ' +
            'with imprisonment which may extend to seven years or with fine which may extend to one million rupees or with both.',
          textKind: 'quoted',
          summary: {
            en: 'Act, means (force, fraud or coercion) and purpose (compelled labour or commercial sex) — narrower than the Protocol.',
            ur: 'عمل، ذرائع (طاقت، فریب یا جبر) اور مقصد (جبری مشقت یا تجارتی جنسی عمل) — پروٹوکول سے محدود۔',
          },
          penalty: {
            en: 'Imprisonment up to 7 years, or a fine up to PKR 1 million, or both.',
            ur: 'سات سال تک قید، یا دس لاکھ روپے تک جرمانہ، یا دونوں۔',
          },
          confirmed: false,
          source: PTPA_SOURCE,
        },
        {
          id: 'PTPA-3-2',
          citation: 'Prevention of Trafficking in Persons Act 2018, s. 3(2)',
          title: { en: 'Against a child or a woman', ur: 'بچے یا عورت کے خلاف' },
          text: 'In our words: when the offence is committed against a child or a woman, the punishment is heavier (see the penalty).',
          textKind: 'paraphrase',
          summary: {
            en: 'A child or a woman as victim raises the penalty band.',
            ur: 'متاثرہ بچہ یا عورت ہو تو سزا بڑھ جاتی ہے۔',
          },
          penalty: {
            en: 'Imprisonment of 2 to 10 years, or a fine up to PKR 1 million, or both.',
            ur: 'دو سے دس سال قید، یا دس لاکھ روپے تک جرمانہ، یا دونوں۔',
          },
          confirmed: false,
          source: PTPA_SOURCE,
        },
        {
          id: 'PTPA-aggravated',
          citation: 'Prevention of Trafficking in Persons Act 2018, aggravated offence (section number unconfirmed)',
          title: { en: 'Aggravated trafficking', ur: 'سنگین انسانی تجارت' },
          text:
            'In our words: press reports of the Act describe an aggravated offence, punished more heavily according to the nature of the crime; ' +
            'offences under the Act are reported to be cognizable and non-bailable.',
          textKind: 'paraphrase',
          summary: {
            en: 'Which circumstances aggravate the offence is not confirmed.',
            ur: 'کون سی صورتیں جرم کو سنگین بناتی ہیں، تصدیق شدہ نہیں۔',
          },
          penalty: {
            en: 'Imprisonment of 7 to 14 years and a fine up to PKR 2 million (as reported).',
            ur: 'سات سے چودہ سال قید اور بیس لاکھ روپے تک جرمانہ (جیسا کہ رپورٹ ہوا)۔',
          },
          confirmed: false,
          source: 'https://pakobserver.net/na-passes-prevention-of-trafficking-in-persons-bills-2018/',
        },
      ],
    },
    {
      id: 'PK-PSMA',
      kind: 'som',
      level: 'national',
      title: { en: 'Prevention of Smuggling of Migrants Act 2018 (Pakistan)', ur: 'انسدادِ اسمگلنگ تارکینِ وطن ایکٹ 2018 (پاکستان)' },
      rule: { elements: SOM_ELEMENTS, childNeedsNoMeans: false },
      caveat: {
        en: "The Act's definition is reported to follow the Smuggling Protocol; whether it also covers arranging an illegal exit from Pakistan, and its section numbers, are not confirmed.",
        ur: 'رپورٹ کے مطابق ایکٹ کی تعریف پروٹوکول کے مطابق ہے؛ آیا یہ پاکستان سے غیر قانونی روانگی کے انتظام پر بھی لاگو ہوتی ہے، اور اس کی دفعات کے نمبر، تصدیق شدہ نہیں۔',
      },
      provisions: [
        {
          id: 'PSMA-definition',
          citation: 'Prevention of Smuggling of Migrants Act 2018, definition (section number unconfirmed)',
          title: { en: 'Smuggling of migrants', ur: 'تارکینِ وطن کی اسمگلنگ' },
          text:
            'In our words: arranging, for a financial or other material benefit, the illegal entry of a person into a country of which they are ' +
            'not a national or a permanent resident (as in the Smuggling Protocol).',
          textKind: 'paraphrase',
          summary: {
            en: 'The same three elements as the Protocol: irregular entry, facilitation, benefit.',
            ur: 'پروٹوکول والے تین عناصر: غیر قانونی داخلہ، سہولت کاری، فائدہ۔',
          },
          penalty: null,
          confirmed: false,
          source: 'https://journals.umt.edu.pk/index.php/lpr/article/view/6975',
        },
        {
          id: 'PSMA-offence',
          citation: 'Prevention of Smuggling of Migrants Act 2018, offence of smuggling (section number unconfirmed)',
          title: { en: 'Offence of smuggling of migrants', ur: 'تارکینِ وطن کی اسمگلنگ کا جرم' },
          text:
            'whosoever intentionally engages in or attempts to engage in the smuggling of migrants shall be punished with imprisonment which may ' +
            'extend to five years but which shall not be less than three years and with fine up to one million rupees',
          textKind: 'quoted',
          summary: {
            en: 'As quoted in the press; all offences under the Act are reported to be cognizable, non-bailable and non-compoundable.',
            ur: 'جیسا کہ اخبار میں نقل ہوا؛ رپورٹ کے مطابق ایکٹ کے تمام جرائم قابلِ دست اندازی، ناقابلِ ضمانت اور ناقابلِ راضی نامہ ہیں۔',
          },
          penalty: {
            en: 'Imprisonment of 3 to 5 years and a fine up to PKR 1 million.',
            ur: 'تین سے پانچ سال قید اور دس لاکھ روپے تک جرمانہ۔',
          },
          confirmed: false,
          source: 'https://pakobserver.net/na-passes-act-to-prevent-smuggling-of-migrants/',
        },
        {
          id: 'PSMA-aggravated',
          citation: 'Prevention of Smuggling of Migrants Act 2018, aggravated smuggling (section number unconfirmed)',
          title: { en: 'Aggravated smuggling', ur: 'سنگین اسمگلنگ' },
          text: 'In our words: heavier punishment where the smuggling endangers the migrant — death, injury or inhuman treatment (as reported).',
          textKind: 'paraphrase',
          summary: {
            en: 'Danger to the migrant raises the penalty.',
            ur: 'تارکِ وطن کی جان کو خطرہ سزا بڑھا دیتا ہے۔',
          },
          penalty: {
            en: 'Imprisonment up to 14 years and a fine up to PKR 2 million (as reported).',
            ur: 'چودہ سال تک قید اور بیس لاکھ روپے تک جرمانہ (جیسا کہ رپورٹ ہوا)۔',
          },
          confirmed: false,
          source: 'https://mofa.gov.pk/policy-of-zero-tolerance-towards-illegal-migration/',
        },
      ],
    },
  ],
  agencies: [
    {
      scope: 'tip_internal',
      name: { en: 'Provincial police', ur: 'صوبائی پولیس' },
      note: {
        en: 'Trafficking within Pakistan is investigated by the police; the provincial social welfare department for protection and shelter.',
        ur: 'پاکستان کے اندر انسانی تجارت کی تفتیش پولیس کرتی ہے؛ تحفظ اور پناہ کے لیے صوبائی محکمۂ سماجی بہبود۔',
      },
      confirmed: false,
      source: JURISDICTION_SOURCE,
    },
    {
      scope: 'tip_cross_border',
      name: FIA_AHTC,
      note: {
        en: 'Trafficking across a border is investigated by the Federal Investigation Agency.',
        ur: 'سرحد پار انسانی تجارت کی تفتیش وفاقی تحقیقاتی ادارہ (ایف آئی اے) کرتا ہے۔',
      },
      confirmed: false,
      source: JURISDICTION_SOURCE,
    },
    {
      scope: 'som',
      name: FIA_AHTC,
      note: {
        en: 'The FIA (or another agency the Government notifies) investigates smuggling of migrants.',
        ur: 'تارکینِ وطن کی اسمگلنگ کی تفتیش ایف آئی اے (یا حکومت کا نامزد کردہ کوئی اور ادارہ) کرتا ہے۔',
      },
      confirmed: false,
      source: 'https://pakobserver.net/na-passes-act-to-prevent-smuggling-of-migrants/',
    },
  ],
};
