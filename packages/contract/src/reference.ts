/**
 * Reference lists the forms suggest. They are suggestions, not constraints: places and topics
 * differ by country, and an administrator's own lists come later.
 */
export const PAKISTAN_PROVINCES = [
  'Punjab',
  'Sindh',
  'Khyber Pakhtunkhwa',
  'Balochistan',
  'Gilgit-Baltistan',
  'Azad Jammu and Kashmir',
  'Islamabad Capital Territory',
] as const;

export const SUGGESTED_TOPICS = [
  'victim identification',
  'protection and referral',
  'financial investigation',
  'asset recovery',
  'money laundering',
  'TIP/SOM legislation',
  'data collection and analysis',
  'gender',
  'human rights',
  'cross-border cooperation',
  'investigation techniques',
  'prosecution',
] as const;
