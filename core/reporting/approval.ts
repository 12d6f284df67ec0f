// The approval state machine of a submission (form × unit × period) and who reviews it.
// draft → submitted → approved; submitted → returned (with a reason) → submitted again;
// approved → returned when a higher level reopens it (with a reason).

export type SubmissionState = 'draft' | 'submitted' | 'approved' | 'returned';
export type ApprovalAction = 'submit' | 'approve' | 'return' | 'reopen';
/** Levels of the hierarchy, lowest first; 'province' is the supervision office. */
export type Level = 'county' | 'city' | 'department' | 'province';

export const LEVEL_RANK: Record<Level, number> = { county: 0, city: 1, department: 2, province: 3 };

const TRANSITIONS: Record<ApprovalAction, Partial<Record<SubmissionState, SubmissionState>>> = {
  submit: { draft: 'submitted', returned: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
  reopen: { approved: 'returned' },
};

/** The next state, or null when the action is not allowed from this state. */
export function nextState(state: SubmissionState, action: ApprovalAction): SubmissionState | null {
  return TRANSITIONS[action][state] ?? null;
}

/** Values may be written only while the reporting unit holds the submission. */
export function isEditable(state: SubmissionState): boolean {
  return state === 'draft' || state === 'returned';
}

/**
 * The level that approves a submission made at `unitLevel`: the first level of the form's
 * approval chain above it. Null when nobody above it is in the chain.
 */
export function approverLevel(chain: readonly Level[], unitLevel: Level): Level | null {
  return chain.find((l) => LEVEL_RANK[l] > LEVEL_RANK[unitLevel]) ?? null;
}

/** May an actor at `actorLevel` approve or return a submission made at `unitLevel`? */
export function mayReview(chain: readonly Level[], unitLevel: Level, actorLevel: Level): boolean {
  const approver = approverLevel(chain, unitLevel);
  if (!approver) return false;
  // The supervision office stands above every chain and may act for any level.
  return actorLevel === approver || actorLevel === 'province';
}

/** Reopening is for the approving level or any level above it. */
export function mayReopen(chain: readonly Level[], unitLevel: Level, actorLevel: Level): boolean {
  const approver = approverLevel(chain, unitLevel);
  return approver !== null && LEVEL_RANK[actorLevel] >= LEVEL_RANK[approver];
}

/**
 * Levels whose units submit a roll-up of the level below once all of it is approved: every
 * chain level that itself has an approver above it (a city submits to the department).
 */
export function rollUpLevels(chain: readonly Level[]): Level[] {
  return chain.filter((l) => approverLevel(chain, l) !== null);
}
