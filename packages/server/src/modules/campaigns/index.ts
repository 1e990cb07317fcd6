/**
 * Awareness campaigns (issue 11): campaigns of a programme with their sessions (events of the
 * register, or gatherings with an estimated audience), media outputs, evidence files and reach
 * (counted and estimated, never added together); needs assessments.
 */
export { registerCampaignRoutes } from './campaigns.routes.js';
export { campaignFigures, type CampaignFigures } from './campaigns.figures.js';
export { EVIDENCE_FOLDER, EVIDENCE_FILE_NAME } from './campaigns.files.js';
// The demo loader (cli/demo.ts) records a campaign through the same rules as the API.
export { addOutput, addSession, createCampaign } from './campaigns.service.js';
export { createNeedsAssessment } from './campaigns.needs.js';
