/**
 * One reliability check: whether it passed and the figures it measured. `npm run test:reliability`
 * prints every check's figures, then one closing line counting the checks that passed and failed.
 */
export type CheckResult = {
  name: string;
  passed: boolean;
  /** What was measured, e.g. { kills: 60, whole: 31, none: 29, partial: 0 }. */
  figures: Record<string, number | string>;
  /** Why it failed, or anything a reader needs to understand the figures. */
  detail?: string;
};

export type CheckContext = {
  log: (line: string) => void;
  /** postgres://… of a server where scratch databases may be created; absent when there is none. */
  postgresUrl: string | undefined;
  /** A shorter run (fewer iterations) for a quick local try; CI runs the full one. */
  quick: boolean;
};

export type ReliabilitySuite = (context: CheckContext) => Promise<CheckResult[]>;
