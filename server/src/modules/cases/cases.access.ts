// Who sees which case: the supervision office every case; a submitting unit its own (a city
// also its counties'); an assigned reviewer, once the review has started, every case except
// those of their own unit or units within it (回避); everyone the published winners.
import type { AppContext } from '../../context';
import { can, type Actor } from '../../common/policy';
import { isConflicted } from '../../../../core/cases';
import type { CallRow, SubmissionRow } from './cases.repository';

export interface Viewer {
  actor: Actor;
  /** The caller is an assigned reviewer of the call in question. */
  reviewer: boolean;
}

export const REVIEW_STARTED = new Set(['reviewing', 'closed', 'published']);

/** The reviewer's own unit and the units within it, or null when they belong to none. */
export function conflictUnits(ctx: AppContext, actor: Actor): ReadonlySet<string> | null {
  return actor.unitCode ? ctx.orgs.subtree(actor.unitCode) : null;
}

export function ownsSubmission(actor: Actor, s: Pick<SubmissionRow, 'unit_code'>): boolean {
  if (!can(actor, 'case.submit')) return false;
  if (actor.unitCode === s.unit_code) return true;
  return actor.unitScope !== 'all' && actor.unitScope.has(s.unit_code);
}

export function canSeeSubmission(
  ctx: AppContext,
  v: Viewer,
  call: CallRow,
  s: SubmissionRow,
): boolean {
  if (can(v.actor, 'case.manage')) return true;
  if (ownsSubmission(v.actor, s)) return true;
  if (call.status === 'published' && s.winner === 1) return true;
  return (
    v.reviewer &&
    REVIEW_STARTED.has(call.status) &&
    !isConflicted(conflictUnits(ctx, v.actor), s.unit_code)
  );
}
