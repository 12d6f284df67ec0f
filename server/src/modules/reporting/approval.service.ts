// Submission workflow per (form, unit, period): submit, approve, return, reopen, the
// reviewer's inbox and bulk approval. Every transition is checked against the form's
// approval chain and the actor's scope, recorded in the submission's trail and the audit
// log, mirrored onto data_values.status, and notified to the unit concerned.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { can, type Actor } from '../../common/policy';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import {
  approverLevel,
  deadlinesOf,
  isExpired,
  isOnTime,
  mayReopen,
  mayReview,
  nextState,
  type ApprovalAction,
  type Level,
  type SubmissionState,
} from '../../../../core/reporting';
import { parsePeriod } from '../../../../core/periods/periods';
import {
  actorLevel,
  loadCatalog,
  reporterUnits,
  reportersUnder,
  rollUpUnits,
  unitLevel,
  type Catalog,
  type FormInfo,
} from './catalog';
import { evaluateForm } from './evaluation';
import { deliverInBackground, newOutbox, notify, type Outbox } from './notifications.service';
import * as repo from './values.repository';

export interface SubmissionKey {
  formCode: string;
  unitCode: string;
  period: string;
}

export interface TransitionOptions {
  reason?: string;
  /** Submission time to record (an upload's time); defaults to now. */
  at?: string;
  ip?: string | null;
}

const STATE_ZH: Record<SubmissionState, string> = {
  draft: '草稿',
  submitted: '已上报',
  approved: '已审核通过',
  returned: '已退回',
};

const ACTION_ZH: Record<ApprovalAction, string> = {
  submit: '上报',
  approve: '审核通过',
  return: '退回',
  reopen: '重新打开',
};

/** One transition in its own transaction; webhooks go out after commit. */
export async function transition(
  ctx: AppContext,
  actor: Actor,
  action: ApprovalAction,
  key: SubmissionKey,
  options: TransitionOptions = {},
): Promise<repo.Submission> {
  const catalog = await loadCatalog(ctx.db);
  const outbox = newOutbox();
  const result = await guarded(ctx, actor, key, options, () =>
    ctx.db
      .transaction()
      .execute((trx) => transitionInTx(trx, ctx, catalog, actor, action, key, options, outbox)),
  );
  deliverInBackground(ctx.db, outbox);
  return result;
}

/** Audits a refusal for lack of scope (403) outside the rolled-back transaction. */
async function guarded<T>(
  ctx: AppContext,
  actor: Actor,
  key: SubmissionKey,
  options: TransitionOptions,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.status === 403)
      await recordAudit(ctx.db, {
        action: 'reporting.transition',
        outcome: 'denied',
        actor,
        ip: options.ip ?? null,
        unitCode: key.unitCode,
        details: { ...key, reason: error.userMessage },
      });
    throw error;
  }
}

export function resolveKey(
  ctx: AppContext,
  catalog: Catalog,
  key: SubmissionKey,
): { form: FormInfo; rollUp: boolean; level: Level } {
  const form = catalog.forms.get(key.formCode);
  if (!form) throw notFound('FORM_NOT_FOUND', `报表 ${key.formCode} 不存在`);
  const unit = ctx.orgs.get(key.unitCode);
  if (!unit)
    throw badRequest('UNIT_UNKNOWN', `单位代码 ${key.unitCode} 不存在`, [
      { field: 'unitCode', message: `单位代码 ${key.unitCode} 不存在` },
    ]);
  const p = parsePeriod(key.period);
  if (!p || p.type !== form.periodType)
    throw badRequest('PERIOD_INVALID', periodMessage(form, key.period), [
      { field: 'period', message: periodMessage(form, key.period) },
    ]);
  const rollUp = rollUpUnits(ctx.orgs, form).includes(key.unitCode);
  if (!rollUp && !reporterUnits(ctx.orgs, form).includes(key.unitCode))
    throw badRequest('UNIT_NOT_EXPECTED', `${unit.name}不填报「${form.name}」`, [
      { field: 'unitCode', message: `${unit.name}不填报「${form.name}」` },
    ]);
  return { form, rollUp, level: unitLevel(ctx.orgs, key.unitCode)! };
}

const PERIOD_EXAMPLE = { month: '2025-07', quarter: '2025Q3', year: '2025' } as const;
const PERIOD_TYPE_ZH = { month: '按月', quarter: '按季', year: '按年' } as const;

export function periodMessage(form: FormInfo, period: string): string {
  return `期间 ${period} 无效：「${form.name}」${PERIOD_TYPE_ZH[form.periodType]}填报，期间应形如 ${PERIOD_EXAMPLE[form.periodType]}`;
}

export async function transitionInTx(
  trx: Kysely<DB>,
  ctx: AppContext,
  catalog: Catalog,
  actor: Actor,
  action: ApprovalAction,
  key: SubmissionKey,
  options: TransitionOptions,
  outbox: Outbox,
): Promise<repo.Submission> {
  const { form, rollUp, level } = resolveKey(ctx, catalog, key);
  const resource = { unitCode: key.unitCode, domainCode: form.domainCode };
  const reason = options.reason?.trim() || null;
  const actorAt = actorLevel(actor);
  if (action === 'submit') {
    if (!can(actor, 'data.write', resource)) throw forbidden('无权上报该单位或领域的数据');
  } else {
    const allowed =
      can(actor, 'data.approve', resource) &&
      actorAt !== null &&
      (action === 'reopen'
        ? mayReopen(form.approvalLevels, level, actorAt)
        : mayReview(form.approvalLevels, level, actorAt));
    if (!allowed) throw forbidden(reviewerMessage(form, level, action));
    if ((action === 'return' || action === 'reopen') && !reason)
      throw badRequest('REASON_REQUIRED', `${ACTION_ZH[action]}须填写原因`, [
        { field: 'reason', message: `${ACTION_ZH[action]}须填写原因` },
      ]);
  }
  const at = options.at ?? new Date().toISOString();
  const sub = await repo.ensureSubmission(trx, key, new Date().toISOString());
  const to = nextState(sub.state, action);
  if (!to)
    throw conflict(
      'SUBMISSION_STATE',
      `「${form.name}」${unitName(ctx, key.unitCode)} ${key.period} 当前为「${STATE_ZH[sub.state]}」，不能${ACTION_ZH[action]}`,
    );
  if (action === 'submit')
    await checkSubmittable(trx, ctx, catalog, form, key, rollUp, sub.state, at);
  if (action === 'reopen') await checkParentOpen(trx, ctx, form, key);

  const set: Partial<repo.Submission> = { state: to, updated_at: new Date().toISOString() };
  if (action === 'submit')
    Object.assign(set, {
      submitted_at: at,
      first_submitted_at: sub.first_submitted_at ?? at,
      submitted_by: actor.username,
      reason: null,
    });
  else Object.assign(set, { reviewed_at: at, reviewed_by: actor.username });
  if (reason) set.reason = reason;
  if (!(await repo.transitionSubmission(trx, sub.id, sub.state, set)))
    throw conflict('SUBMISSION_CHANGED', '该报表的状态刚被他人更改，请刷新后重试');
  await repo.insertSubmissionEvent(trx, {
    submission_id: sub.id,
    action,
    from_state: sub.state,
    to_state: to,
    reason,
    at: new Date().toISOString(),
    by_user: actor.username,
  });
  await repo.setValueStatus(
    trx,
    { elementCodes: form.elements.map((e) => e.code), ...key },
    to === 'approved' ? 'approved' : to === 'submitted' ? 'submitted' : 'draft',
  );
  await recordAudit(trx, {
    action: `reporting.${action}`,
    actor,
    ip: options.ip ?? null,
    unitCode: key.unitCode,
    targetType: 'report_submission',
    targetId: sub.id,
    details: { ...key, from: sub.state, to, reason, at },
  });
  await notifyTransition(trx, ctx, form, level, key, action, reason, actor, outbox);
  return { ...sub, ...set };
}

function unitName(ctx: AppContext, code: string): string {
  return ctx.orgs.get(code)?.name ?? code;
}

const LEVEL_ZH: Record<Level, string> = {
  county: '县区',
  city: '地市',
  department: '牵头部门',
  province: '省政府督查室',
};

function reviewerMessage(form: FormInfo, level: Level, action: ApprovalAction): string {
  const approver = approverLevel(form.approvalLevels, level);
  if (!approver) return `「${form.name}」在该层级无需审核`;
  return action === 'reopen'
    ? `只有${LEVEL_ZH[approver]}或更高层级可以重新打开该报表`
    : `该报表应由${LEVEL_ZH[approver]}审核，且须在您的管辖范围内`;
}

async function checkSubmittable(
  trx: Kysely<DB>,
  ctx: AppContext,
  catalog: Catalog,
  form: FormInfo,
  key: SubmissionKey,
  rollUp: boolean,
  state: SubmissionState,
  at: string,
): Promise<void> {
  const { expiryDate } = deadlinesOf(key.period, form.dueDays, form.expiryDays);
  if (state === 'draft' && isExpired(expiryDate, new Date(at)))
    throw new AppError(
      423,
      'ENTRY_EXPIRED',
      `「${form.name}」${key.period} 已于 ${expiryDate} 截止录入，请联系上级退回后再上报`,
    );
  if (rollUp) {
    const children = reportersUnder(ctx.orgs, form, key.unitCode);
    const subs = await repo.findSubmissions(trx, {
      formCodes: [form.code],
      periods: [key.period],
      unitCodes: children,
    });
    const approved = new Set(subs.filter((s) => s.state === 'approved').map((s) => s.unit_code));
    const missing = children.filter((c) => !approved.has(c));
    if (missing.length)
      throw new AppError(
        409,
        'CHILDREN_NOT_APPROVED',
        `下级单位尚未全部审核通过（${missing.length} 个）：${missing
          .slice(0, 10)
          .map((c) => unitName(ctx, c))
          .join('、')}${missing.length > 10 ? ' 等' : ''}`,
        missing.map((c) => ({ field: 'unitCode', message: `${unitName(ctx, c)} 未审核通过` })),
      );
    return;
  }
  const evaluation = await evaluateForm(trx, catalog, form, key.unitCode, key.period);
  if (evaluation.filled === 0)
    throw badRequest('SUBMISSION_EMPTY', `「${form.name}」${key.period} 尚未填报任何数据`);
  if (evaluation.blocking.length)
    throw badRequest(
      'SUBMISSION_INVALID',
      `有 ${evaluation.blocking.length} 处数据未通过校验：${evaluation.blocking[0]!.message}`,
      evaluation.blocking.map((i) => ({ field: i.elementCode, message: i.message })),
    );
  if (evaluation.uncommented.length)
    throw badRequest(
      'COMMENT_REQUIRED',
      `有 ${evaluation.uncommented.length} 个数据被标记为异常，请填写说明后再上报`,
      evaluation.uncommented.map((c) => ({
        field: c.element.code,
        message: c.issues.find((i) => i.severity === 'warning')?.message ?? '请填写说明',
      })),
    );
}

/** A county may not be reopened under a city roll-up that is already submitted or approved. */
async function checkParentOpen(
  trx: Kysely<DB>,
  ctx: AppContext,
  form: FormInfo,
  key: SubmissionKey,
): Promise<void> {
  const parent = ctx.orgs.get(key.unitCode)?.parent_code;
  if (!parent || !rollUpUnits(ctx.orgs, form).includes(parent)) return;
  const sub = await repo.findSubmission(trx, { ...key, unitCode: parent });
  if (sub && (sub.state === 'submitted' || sub.state === 'approved'))
    throw conflict(
      'PARENT_LOCKED',
      `${unitName(ctx, parent)}的汇总${STATE_ZH[sub.state]}，请先重新打开或退回${unitName(ctx, parent)}的汇总`,
    );
}

async function notifyTransition(
  trx: Kysely<DB>,
  ctx: AppContext,
  form: FormInfo,
  level: Level,
  key: SubmissionKey,
  action: ApprovalAction,
  reason: string | null,
  actor: Actor,
  outbox: Outbox,
): Promise<void> {
  const what = `「${form.name}」${unitName(ctx, key.unitCode)} ${key.period}`;
  const recipients =
    action === 'submit' ? await reviewerUnits(trx, ctx, form, level, key.unitCode) : [key.unitCode];
  for (const unitCode of recipients)
    await notify(trx, outbox, {
      unitCode,
      kind: `submission.${action}`,
      title: action === 'submit' ? `待审核：${what}` : `${what} ${ACTION_ZH[action]}`,
      body: `${actor.username} ${ACTION_ZH[action]}了${what}${reason ? `，原因：${reason}` : ''}`,
      link: key,
    });
}

/** The units whose accounts review a submission made at `level`. */
async function reviewerUnits(
  db: Kysely<DB>,
  ctx: AppContext,
  form: FormInfo,
  level: Level,
  unitCode: string,
): Promise<string[]> {
  const approver = approverLevel(form.approvalLevels, level);
  if (approver === 'city') {
    const parent = ctx.orgs.get(unitCode)?.parent_code;
    return parent ? [parent] : [];
  }
  if (approver === 'department') {
    const plan = (await ctx.plans.current())?.plan;
    return plan?.domains.find((d) => d.code === form.domainCode)?.leadUnits ?? [];
  }
  if (approver === 'province') {
    const rows = await db
      .selectFrom('users')
      .select('unit_code')
      .distinct()
      .where('role', '=', 'supervisor')
      .where('unit_code', 'is not', null)
      .execute();
    return rows.map((r) => r.unit_code!);
  }
  return [];
}

export interface InboxItem extends SubmissionKey {
  id: number;
  formName: string;
  unitName: string;
  submittedAt: string | null;
  submittedBy: string | null;
  dueDate: string;
  onTime: boolean | null;
  rollUp: boolean;
}

/** Submitted submissions the actor may approve or return, oldest period first. */
export async function inbox(ctx: AppContext, actor: Actor): Promise<InboxItem[]> {
  const level = actorLevel(actor);
  if (!level || !can(actor, 'data.approve')) return [];
  const catalog = await loadCatalog(ctx.db);
  const subs = await repo.findSubmissions(ctx.db, { states: ['submitted'] });
  const items: InboxItem[] = [];
  for (const s of subs) {
    const form = catalog.forms.get(s.form_code);
    const unitAt = unitLevel(ctx.orgs, s.unit_code);
    if (!form || !unitAt) continue;
    if (!can(actor, 'data.approve', { unitCode: s.unit_code, domainCode: form.domainCode }))
      continue;
    if (!mayReview(form.approvalLevels, unitAt, level)) continue;
    const { dueDate } = deadlinesOf(s.period, form.dueDays, form.expiryDays);
    items.push({
      id: s.id,
      formCode: s.form_code,
      unitCode: s.unit_code,
      period: s.period,
      formName: form.name,
      unitName: unitName(ctx, s.unit_code),
      submittedAt: s.submitted_at,
      submittedBy: s.submitted_by,
      dueDate,
      onTime: s.first_submitted_at ? isOnTime(s.first_submitted_at, dueDate) : null,
      rollUp: rollUpUnits(ctx.orgs, form).includes(s.unit_code),
    });
  }
  return items;
}

export interface BulkResult {
  approved: SubmissionKey[];
  skipped: Array<SubmissionKey & { code: string; message: string }>;
}

/**
 * Approves the listed submissions, or the actor's whole inbox, in one transaction. Items that
 * cannot be approved are skipped with their reason; the others commit together. Roll-ups come
 * last, so a city's counties approved in the same call count for the city.
 */
export async function bulkApprove(
  ctx: AppContext,
  actor: Actor,
  items: SubmissionKey[] | undefined,
  ip: string | null,
): Promise<BulkResult> {
  const list = items ?? (await inbox(ctx, actor));
  const catalog = await loadCatalog(ctx.db);
  const ordered = [...list].sort(
    (a, b) =>
      (ctx.orgs.get(b.unitCode)?.level === 'county' ? 1 : 0) -
      (ctx.orgs.get(a.unitCode)?.level === 'county' ? 1 : 0),
  );
  const outbox = newOutbox();
  const result: BulkResult = { approved: [], skipped: [] };
  await ctx.db.transaction().execute(async (trx) => {
    for (const item of ordered) {
      const key = { formCode: item.formCode, unitCode: item.unitCode, period: item.period };
      try {
        await transitionInTx(trx, ctx, catalog, actor, 'approve', key, { ip }, outbox);
        result.approved.push(key);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ ...key, code: error.code, message: error.userMessage });
      }
    }
    await recordAudit(trx, {
      action: 'reporting.bulk-approve',
      actor,
      ip,
      details: { approved: result.approved.length, skipped: result.skipped.length },
    });
  });
  deliverInBackground(ctx.db, outbox);
  return result;
}

/** A submission with its trail, for the grid and the reviewer. */
export async function submissionTrail(db: Kysely<DB>, id: number) {
  return (await repo.listSubmissionEvents(db, id)).map((e) => ({
    action: e.action,
    from: e.from_state,
    to: e.to_state,
    reason: e.reason,
    at: e.at,
    by: e.by_user,
  }));
}
