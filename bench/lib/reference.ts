/** Shapes of the synthetic register: Pakistani names, provinces, cities, agencies and topics. */

export const MALE_FIRST = [
  'Ali', 'Ahmed', 'Hassan', 'Hussain', 'Usman', 'Bilal', 'Imran', 'Kamran', 'Faisal', 'Asif', 'Tariq', 'Naveed', 'Shahid', 'Zahid', 'Khalid',
  'Waqas', 'Adnan', 'Farhan', 'Irfan', 'Junaid', 'Nadeem', 'Rizwan', 'Sajid', 'Saleem', 'Tahir', 'Umar', 'Yasir', 'Zubair', 'Aamir', 'Abdullah',
  'Arshad', 'Asad', 'Atif', 'Babar', 'Fahad', 'Haris', 'Ijaz', 'Iqbal', 'Jawad', 'Kashif', 'Mansoor', 'Mohsin', 'Nasir', 'Noman', 'Owais',
  'Qasim', 'Rashid', 'Saad', 'Sami', 'Shakeel', 'Sohail', 'Talha', 'Waseem', 'Zeeshan', 'Akbar', 'Aslam', 'Azhar', 'Ghulam', 'Javed', 'Sher',
];
export const FEMALE_FIRST = [
  'Ayesha', 'Fatima', 'Sana', 'Saima', 'Nadia', 'Rabia', 'Amina', 'Hina', 'Sadia', 'Asma', 'Bushra', 'Farah', 'Huma', 'Iqra', 'Kiran',
  'Maryam', 'Mehwish', 'Nazia', 'Rubina', 'Samina', 'Shazia', 'Sumaira', 'Tahira', 'Uzma', 'Zainab', 'Zara', 'Aliya', 'Fouzia', 'Nighat', 'Shabana',
];
export const LAST = [
  'Khan', 'Ahmed', 'Ali', 'Hussain', 'Shah', 'Malik', 'Butt', 'Chaudhry', 'Qureshi', 'Siddiqui', 'Sheikh', 'Raza', 'Iqbal', 'Akhtar', 'Mirza',
  'Baig', 'Javed', 'Aslam', 'Anwar', 'Bhatti', 'Khattak', 'Yousafzai', 'Afridi', 'Durrani', 'Marwat', 'Baloch', 'Bugti', 'Mengal', 'Jamali', 'Magsi',
  'Memon', 'Soomro', 'Jatoi', 'Abbasi', 'Kazmi', 'Naqvi', 'Rizvi', 'Gillani', 'Cheema', 'Gondal', 'Warraich', 'Awan', 'Tiwana', 'Niazi', 'Lodhi',
  'Rajput', 'Jutt', 'Arain', 'Dogar', 'Khokhar', 'Hashmi', 'Ansari', 'Farooqi', 'Zaidi', 'Bukhari', 'Paracha', 'Sethi', 'Kakar', 'Achakzai', 'Tareen',
];
/** Third names that never appear in the generated register: imported people are new people. */
export const MIDDLE = [
  'Nawaz', 'Rehman', 'Ullah', 'Din', 'Bakhsh', 'Hayat', 'Gul', 'Jan', 'Zaman', 'Sarwar', 'Latif', 'Hameed', 'Majeed', 'Rauf', 'Qadir',
  'Ghafoor', 'Shakoor', 'Sattar', 'Jabbar', 'Wahid', 'Karim', 'Rahim', 'Haleem', 'Saeed', 'Rasheed', 'Waheed', 'Fareed', 'Mumtaz', 'Nazir', 'Bashir',
];

export const PROVINCES = {
  Punjab: { weight: 40, cities: ['Lahore', 'Faisalabad', 'Rawalpindi', 'Multan', 'Gujranwala', 'Sialkot', 'Bahawalpur', 'Sargodha', 'Sahiwal', 'Dera Ghazi Khan'] },
  Sindh: { weight: 22, cities: ['Karachi', 'Hyderabad', 'Sukkur', 'Larkana', 'Mirpurkhas', 'Nawabshah', 'Thatta'] },
  'Khyber Pakhtunkhwa': { weight: 18, cities: ['Peshawar', 'Mardan', 'Abbottabad', 'Swat', 'Kohat', 'Dera Ismail Khan', 'Bannu'] },
  Balochistan: { weight: 8, cities: ['Quetta', 'Gwadar', 'Turbat', 'Khuzdar', 'Chaman', 'Sibi'] },
  'Islamabad Capital Territory': { weight: 7, cities: ['Islamabad'] },
  'Gilgit-Baltistan': { weight: 3, cities: ['Gilgit', 'Skardu', 'Hunza'] },
  'Azad Jammu and Kashmir': { weight: 2, cities: ['Muzaffarabad', 'Mirpur', 'Kotli'] },
} as const;
export type Province = keyof typeof PROVINCES;
export const PROVINCE_NAMES = Object.keys(PROVINCES) as Province[];
export const PROVINCE_WEIGHTS = Object.fromEntries(PROVINCE_NAMES.map((p) => [p, PROVINCES[p].weight])) as Record<Province, number>;

export const ORG_TYPES = {
  law_enforcement: 35,
  prosecution: 10,
  judiciary: 8,
  government: 20,
  civil_society: 15,
  academia: 4,
  media: 3,
  international: 2,
  donor: 1,
  other: 2,
} as const;
export type OrgType = keyof typeof ORG_TYPES;

export const ORG_NAMES: Record<OrgType, Array<[string, string | null]>> = {
  law_enforcement: [['Federal Investigation Agency', 'FIA'], ['Punjab Police', null], ['Sindh Police', null], ['Khyber Pakhtunkhwa Police', null], ['Balochistan Levies', null], ['Anti Human Trafficking Circle', 'AHTC'], ['Frontier Corps', 'FC'], ['Maritime Security Agency', 'MSA']],
  prosecution: [['Public Prosecution Department', 'PPD'], ['District Public Prosecutor Office', 'DPP']],
  judiciary: [['District and Sessions Court', null], ['Judicial Academy', null]],
  government: [['Labour Department', null], ['Social Welfare Department', null], ['Bureau of Emigration and Overseas Employment', 'BEOE'], ['Overseas Employment Promoters', 'OEP'], ['Women Development Department', 'WDD']],
  civil_society: [['Legal Aid Society', 'LAS'], ['Human Rights Forum', 'HRF'], ['Women Protection Network', null], ['Child Rights Movement', 'CRM']],
  academia: [['University of the Punjab', 'PU'], ['University of Peshawar', 'UoP'], ['Quaid-i-Azam University', 'QAU']],
  media: [['Press Club', null], ['Journalists Association', null]],
  international: [['International Organization for Migration', 'IOM'], ['United Nations Office on Drugs and Crime', 'UNODC']],
  donor: [['Development Partner Office', null]],
  other: [['Community Council', null]],
};

export const DESIGNATIONS: Record<OrgType, string[]> = {
  law_enforcement: ['Inspector', 'Sub-Inspector', 'Assistant Sub-Inspector', 'Deputy Director', 'Assistant Director', 'Head Constable', 'Superintendent'],
  prosecution: ['Deputy Prosecutor', 'Assistant District Public Prosecutor', 'District Public Prosecutor'],
  judiciary: ['Civil Judge', 'Additional Sessions Judge', 'Magistrate'],
  government: ['Section Officer', 'Deputy Secretary', 'Protector of Emigrants', 'Labour Officer'],
  civil_society: ['Programme Officer', 'Coordinator', 'Social Worker', 'Lawyer'],
  academia: ['Lecturer', 'Assistant Professor', 'Researcher'],
  media: ['Reporter', 'Editor'],
  international: ['Project Officer', 'National Officer'],
  donor: ['Programme Manager'],
  other: ['Member', 'Volunteer'],
};

export const TOPICS = [
  'Victim identification', 'Referral mechanism', 'Trafficking in persons law', 'Smuggling of migrants', 'Investigation techniques',
  'Financial investigation', 'Prosecution of trafficking cases', 'Victim protection', 'Border management', 'Labour exploitation',
  'Child trafficking', 'Document fraud', 'Gender and trafficking', 'International cooperation', 'Digital evidence', 'Safe migration',
];

export const EVENT_TITLES: Record<string, string> = {
  training: 'Training on',
  training_of_trainers: 'Training of trainers on',
  workshop: 'Workshop on',
  awareness_session: 'Awareness session on',
  meeting: 'Coordination meeting on',
};
