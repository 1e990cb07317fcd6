import { roleMay, type Event, type FeedbackTemplate, type Permission, type PersonParticipation, type Question, type User } from '@hifazat/contract';

/** Whether the user's role has the permission the route behind a control declares (the contract's table). */
const may = (user: User | null, permission: Permission) => !!user && roleMay(user.role, permission);
const manager = (user: User | null) => may(user, 'events.delete');

/**
 * A record of a shared bank (a question, a questionnaire template): managers change any they see,
 * trainers those they wrote; one shared by every country only a user of every country.
 */
const changesShared = (user: User | null, record: { createdBy: string | null; countryCode: string | null }) =>
  !!user && may(user, 'questions.write') && !(record.countryCode === null && user.countries !== null) && (manager(user) || record.createdBy === user.id);

/**
 * What the interface offers to each role. The server decides; these only hide controls that would fail.
 * admin and programme_manager: everything (users: admin only); trainer: adds people and
 * organisations, changes the events they train (deletes none) and the people on them; viewer: read only.
 */
export const can = {
  /** The training register (events, people, reports…): not the case roles, which see none of it. */
  readRegister: (user: User | null) => may(user, 'signed_in'),
  createEvent: (user: User | null) => may(user, 'events.create'),
  editEvent: (user: User | null, event: Pick<Event, 'trainerUserIds'>) =>
    !!user && (user.role === 'admin' || user.role === 'programme_manager' || (user.role === 'trainer' && event.trainerUserIds.includes(user.id))),
  deleteEvent: (user: User | null) => may(user, 'events.delete'),
  createPeople: (user: User | null) => may(user, 'people.create'),
  /** A trainer changes only people of their own events: on events they train and no others (`youTrain`). */
  editPerson: (user: User | null, participations: Array<Pick<PersonParticipation, 'youTrain'>> | undefined) =>
    manager(user) || (!!user && user.role === 'trainer' && (participations ?? []).length > 0 && (participations ?? []).every((p) => p.youTrain)),
  mergePeople: (user: User | null) => may(user, 'people.merge'),
  deletePeople: (user: User | null) => may(user, 'records.delete'),
  createOrganizations: (user: User | null) => may(user, 'organizations.create'),
  editOrganizations: (user: User | null) => may(user, 'organizations.write'),
  deleteOrganizations: (user: User | null) => may(user, 'records.delete'),
  editProgrammes: (user: User | null) => may(user, 'programmes.write'),
  manageUsers: (user: User | null) => may(user, 'users.manage'),
  /** Backups hold every country's records: the System page is for administrators of every country. */
  manageSystem: (user: User | null) => may(user, 'system.manage') && user?.countries === null,
  /** A new version of the screening aid's legal rules (administrators). */
  editScreeningRules: (user: User | null) => may(user, 'screening.rules'),
  exportReports: (user: User | null) => !!user,
  /** The question bank: viewers read it; trainers add questions and change their own; managers change any they see. */
  writeQuestions: (user: User | null) => may(user, 'questions.write'),
  /** A question shared by every country is changed only by a user of every country. */
  editQuestion: (user: User | null, question: Pick<Question, 'createdBy' | 'countryCode'>) => changesShared(user, question),
  /** Questionnaire templates follow the question bank: viewers read them, trainers add them and change their own. */
  writeFeedbackTemplates: (user: User | null) => may(user, 'questions.write'),
  /** Every cascade in figures (GET /api/cascades/summary declares the permission GET /api/cascades does). */
  readCascades: (user: User | null) => may(user, 'signed_in'),
  /** The year's campaigns in figures (GET /api/campaigns/summary declares the permission GET /api/campaigns does). */
  readCampaigns: (user: User | null) => may(user, 'signed_in'),
  /** Awareness campaigns and needs assessments: programme managers (and administrators) keep them. */
  writeCampaigns: (user: User | null) => may(user, 'campaigns.write'),
  editFeedbackTemplate: (user: User | null, template: Pick<FeedbackTemplate, 'createdBy' | 'countryCode'>) => changesShared(user, template),
  /** Case files in figures, small cells withheld: analysts and supervisors. */
  readCaseStatistics: (user: User | null) => may(user, 'cases.statistics'),
  /** Possible duplicates across agencies: supervisors dismiss or merge them. */
  reviewCaseDuplicates: (user: User | null) => may(user, 'cases.duplicates'),
};
