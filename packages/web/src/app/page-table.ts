// Which page module draws which address: read by routes.tsx (the app) and by the build, which writes
// dist/page-preloads.json so that the server can name a page's files in the HTML it sends (a round
// trip saved on a slow link: the browser fetches them with the app's entry, not after it has run).
// Plain data, without React, so that vite.config.ts can import it.

export type PageEntry = {
  readonly path: string;
  readonly module: string;
  /**
   * API addresses the page asks for as it first draws, exactly as it asks: fetched with its code. A
   * ':name' segment stands for the page address's segment of that name ('/api/take/:token').
   */
  readonly data?: readonly string[];
};

export const SIGN_IN_PAGE: PageEntry = { path: '/login', module: 'src/features/auth/LoginPage.tsx' };

/** The signed-in frame (menu, header) drawn around every page but sign-in. */
export const SIGNED_IN_FRAME = 'src/app/SignedIn.tsx';

/** The signed-in pages by address (':id' is one segment); the first that matches is drawn. */
export const SIGNED_IN_PAGES: readonly PageEntry[] = [
  // The dashboard's figures and its latest events (DashboardPage.tsx).
  { path: '/', module: 'src/features/dashboard/DashboardPage.tsx', data: ['/api/reports/dashboard', '/api/events?limit=5'] },
  { path: '/events', module: 'src/features/events/EventsListPage.tsx' },
  { path: '/events/new', module: 'src/features/events/EventFormPage.tsx' },
  { path: '/events/:id', module: 'src/features/events/EventPage.tsx' },
  { path: '/events/:id/edit', module: 'src/features/events/EventFormPage.tsx' },
  { path: '/people', module: 'src/features/people/PeopleListPage.tsx' },
  { path: '/people/new', module: 'src/features/people/PersonCreatePage.tsx' },
  { path: '/people/:id', module: 'src/features/people/PersonPage.tsx' },
  { path: '/organizations', module: 'src/features/organizations/OrganizationsPage.tsx' },
  { path: '/organizations/:id', module: 'src/features/organizations/OrganizationPage.tsx' },
  { path: '/programmes', module: 'src/features/programmes/ProgrammesPage.tsx' },
  // A programme's logframe: results, indicators and their values per period, locks (LogframePage.tsx).
  { path: '/programmes/:id/logframe', module: 'src/features/indicators/LogframePage.tsx' },
  // The donor report of a period: indicator table, charts, narrative, exports (DonorReportPage.tsx).
  { path: '/programmes/:id/donor-report', module: 'src/features/indicators/DonorReportPage.tsx' },
  { path: '/reports', module: 'src/features/reports/ProgrammeReportPage.tsx' },
  // Learning evidence across events: tests and questionnaires of a programme, series and period (LearningPage.tsx).
  { path: '/learning', module: 'src/features/reports/LearningPage.tsx' },
  // Training cascades: every training of trainers' reach, and one cascade down its generations.
  { path: '/cascades', module: 'src/features/cascades/CascadesPage.tsx' },
  { path: '/cascades/:id', module: 'src/features/cascades/CascadePage.tsx', data: ['/api/cascades/:id'] },
  { path: '/users', module: 'src/features/users/UsersPage.tsx' },
  { path: '/system', module: 'src/features/system/SystemPage.tsx' },
  { path: '/questions', module: 'src/features/assessments/QuestionsPage.tsx' },
  // Feedback questionnaire templates, beside the question bank (QuestionnairesPage.tsx).
  { path: '/questionnaires', module: 'src/features/feedback/QuestionnairesPage.tsx' },
  // Awareness campaigns: the list, one campaign (sessions, outputs, evidence, reach), needs assessments.
  { path: '/campaigns', module: 'src/features/campaigns/CampaignsPage.tsx' },
  { path: '/campaigns/:id', module: 'src/features/campaigns/CampaignPage.tsx' },
  { path: '/needs-assessments', module: 'src/features/campaigns/NeedsAssessmentsPage.tsx' },
  // The screening aid: questions by legal element, the suggestion on top (nothing stored); its rules' versions.
  { path: '/screening-aid', module: 'src/features/screening/ScreeningAidPage.tsx' },
  { path: '/screening-aid/rules', module: 'src/features/screening/ScreeningRulesPage.tsx' },
  // A new version of the rules as an edited copy of another (?from=PK-2018.1; administrators).
  { path: '/screening-aid/rules/new', module: 'src/features/screening/ScreeningRulesEditorPage.tsx' },
  // Case files in figures for analysts and supervisors: counts by sex, age group, status, place; small cells withheld.
  { path: '/case-statistics', module: 'src/features/case-statistics/CaseStatisticsPage.tsx' },
  // Possible duplicates across agencies: a supervisor dismisses or merges them (CaseDuplicatesPage.tsx).
  { path: '/case-duplicates', module: 'src/features/case-duplicates/CaseDuplicatesPage.tsx' },
  // Victims' case files (issue 12): the list and search, a new case, one case (screenings, history), its correction.
  { path: '/cases', module: 'src/features/cases/CasesPage.tsx' },
  { path: '/cases/new', module: 'src/features/cases/CaseCreatePage.tsx' },
  // HTCDS exchange (issue 13): a data officer imports an HTCDS case sheet, checked first (dry run).
  { path: '/cases/import', module: 'src/features/cases/CaseImportPage.tsx' },
  // No data preloaded: each read of a case is audited, and a preload the page did not use would be a read too.
  { path: '/cases/:id', module: 'src/features/cases/CasePage.tsx' },
  { path: '/cases/:id/edit', module: 'src/features/cases/CaseEditPage.tsx' },
  // The service directory (issue 13): find a service for a case; a provider's own services (?mine=true) to update capacity.
  { path: '/services', module: 'src/features/services/ServicesPage.tsx' },
  { path: '/services/new', module: 'src/features/services/ServiceCreatePage.tsx' },
  { path: '/services/:id', module: 'src/features/services/ServicePage.tsx' },
  { path: '/services/:id/edit', module: 'src/features/services/ServiceEditPage.tsx' },
  // Referrals (issue 13): overdue answers and follow-ups for the case's agency; a provider's referrals to answer.
  { path: '/referrals', module: 'src/features/referrals/ReferralsPage.tsx' },
];

/**
 * Pages anyone may open without an account, drawn without the signed-in frame and never sent to
 * sign-in: a test taken, or a feedback questionnaire filled in, through its link on a participant's
 * phone, and a certificate checked by anyone (small first load, slow links).
 */
export const PUBLIC_PAGES: readonly PageEntry[] = [
  // The test's questions and the names to pick from (TakePage.tsx asks for them as it first draws).
  { path: '/take/:token', module: 'src/features/assessments/TakePage.tsx', data: ['/api/take/:token'] },
  // The questionnaire's items and the names to pick from (FeedbackPage.tsx asks for them as it first draws).
  { path: '/feedback/:token', module: 'src/features/feedback/FeedbackPage.tsx', data: ['/api/feedback/:token'] },
  // A certificate checked by its number (the QR code on the paper or a typed number): valid, revoked or unknown.
  { path: '/verify/:number', module: 'src/features/certificates/VerifyPage.tsx', data: ['/api/verify/:number'] },
  // The same page without a number: to type one, or paste a QR code's text.
  { path: '/verify', module: 'src/features/certificates/VerifyPage.tsx' },
];
