// Awareness campaigns' vocabularies and limits, without zod (the web imports them as values; see vocabulary.ts).

/** What a campaign produced and put out, besides its sessions. */
export const campaignOutputKinds = ['banner', 'poster', 'pamphlet', 'radio_psa', 'tv_psa', 'sms', 'social_media_post', 'other'] as const;

/** Who a campaign means to reach; `other` with the campaign's own words (`targetGroupsOther`). */
export const campaignTargetGroups = [
  'general_public',
  'women',
  'youth',
  'students',
  'parents',
  'migrants',
  'workers',
  'police',
  'religious_leaders',
  'media',
  'officials',
  'other',
] as const;

/**
 * The languages a campaign or one of its outputs is in (ISO 639 codes): Pakistan's national and
 * provincial languages, those of Gilgit-Baltistan and Chitral, and the region's neighbours'.
 */
export const campaignLanguages = [
  'ur',
  'en',
  'pa',
  'sd',
  'ps',
  'bal',
  'skr',
  'scn', // Shina
  'bft', // Balti
  'bsk', // Burushaski
  'wbl', // Wakhi
  'khw', // Khowar
  'prs', // Dari
  'fa',
  'ar',
] as const;

/** Largest evidence file accepted (a photo, a scan, a broadcast log). */
export const MAX_CAMPAIGN_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** Evidence files: images and PDFs, told by their bytes. */
export const campaignEvidenceTypes = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;

/** What the web's file picker offers (a phone offers its camera for image/*). */
export const CAMPAIGN_EVIDENCE_ACCEPT = 'image/*,application/pdf';
