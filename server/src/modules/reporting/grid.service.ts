// The data-entry grid of one form for one unit and period: every element with its current
// and last period's value, version, comment and issues; the submission's state, deadlines and
// trail; and what the actor may do next. Also a cell's value history.
import type { AppContext } from '../../context';
import { can, type Actor } from '../../common/policy';
import { forbidden } from '../../common/errors';
import {
  deadlinesOf,
  isEditable,
  isExpired,
  isOnTime,
  mayReopen,
  mayReview,
  nextState,
} from '../../../../core/reporting';
import { actorLevel, loadCatalog, reportersUnder } from './catalog';
import { evaluateForm } from './evaluation';
import { resolveKey, submissionTrail, type SubmissionKey } from './approval.service';
import * as repo from './values.repository';

export async function getGrid(ctx: AppContext, actor: Actor, key: SubmissionKey, now = new Date()) {
  const catalog = await loadCatalog(ctx.db);
  const { form, rollUp, level } = resolveKey(ctx, catalog, key);
  const resource = { unitCode: key.unitCode, domainCode: form.domainCode };
  if (!can(actor, 'data.read', resource)) throw forbidden('无权查看该单位或领域的数据');
  const sub = await repo.findSubmission(ctx.db, key);
  const state = sub?.state ?? 'draft';
  const deadlines = deadlinesOf(key.period, form.dueDays, form.expiryDays);
  const expired = state !== 'returned' && isExpired(deadlines.expiryDate, now);
  const evaluation = rollUp
    ? null
    : await evaluateForm(ctx.db, catalog, form, key.unitCode, key.period);
  const actorAt = actorLevel(actor);
  const reviewer =
    actorAt !== null &&
    can(actor, 'data.approve', resource) &&
    mayReview(form.approvalLevels, level, actorAt);
  const writer = can(actor, 'data.write', resource);
  return {
    form: {
      code: form.code,
      name: form.name,
      periodType: form.periodType,
      domainCode: form.domainCode,
    },
    unit: { code: key.unitCode, name: ctx.orgs.get(key.unitCode)?.name ?? key.unitCode, level },
    period: key.period,
    rollUp,
    submission: {
      id: sub?.id ?? null,
      state,
      submittedAt: sub?.submitted_at ?? null,
      firstSubmittedAt: sub?.first_submitted_at ?? null,
      submittedBy: sub?.submitted_by ?? null,
      reviewedAt: sub?.reviewed_at ?? null,
      reviewedBy: sub?.reviewed_by ?? null,
      reason: sub?.reason ?? null,
      onTime: sub?.first_submitted_at ? isOnTime(sub.first_submitted_at, deadlines.dueDate) : null,
      trail: sub ? await submissionTrail(ctx.db, sub.id) : [],
    },
    deadlines: { ...deadlines, expired },
    permissions: {
      edit: !rollUp && writer && isEditable(state) && !expired,
      submit: writer && nextState(state, 'submit') !== null && !expired,
      approve: reviewer && nextState(state, 'approve') !== null,
      return: reviewer && nextState(state, 'return') !== null,
      reopen:
        actorAt !== null &&
        can(actor, 'data.approve', resource) &&
        mayReopen(form.approvalLevels, level, actorAt) &&
        nextState(state, 'reopen') !== null,
    },
    filled: evaluation?.filled ?? 0,
    total: rollUp ? 0 : form.elements.length,
    cells: (evaluation?.cells ?? []).map((c) => ({
      elementCode: c.element.code,
      name: c.element.name,
      unit: c.element.unit,
      valueType: c.element.valueType,
      aggregation: c.element.aggregation,
      min: c.element.min,
      max: c.element.max,
      value: c.value,
      version: c.version,
      comment: c.comment,
      previousValue: c.previousValue,
      updatedAt: c.updatedAt,
      updatedBy: c.updatedBy,
      issues: c.issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message })),
      needsComment: c.needsComment,
    })),
    children: rollUp ? await childStates(ctx, form.code, key) : [],
  };
}

async function childStates(ctx: AppContext, formCode: string, key: SubmissionKey) {
  const catalog = await loadCatalog(ctx.db);
  const form = catalog.forms.get(formCode)!;
  const children = reportersUnder(ctx.orgs, form, key.unitCode);
  const subs = new Map(
    (
      await repo.findSubmissions(ctx.db, {
        formCodes: [formCode],
        periods: [key.period],
        unitCodes: children,
      })
    ).map((s) => [s.unit_code, s]),
  );
  return children.map((code) => ({
    unitCode: code,
    unitName: ctx.orgs.get(code)?.name ?? code,
    state: subs.get(code)?.state ?? 'draft',
    submittedAt: subs.get(code)?.submitted_at ?? null,
  }));
}

export async function valueHistory(
  ctx: AppContext,
  actor: Actor,
  key: { elementCode: string; unitCode: string; period: string },
) {
  const catalog = await loadCatalog(ctx.db);
  const element = catalog.elements.get(key.elementCode);
  const domainCode = element ? catalog.forms.get(element.formCode)?.domainCode : undefined;
  if (!can(actor, 'data.read', { unitCode: key.unitCode, domainCode }))
    throw forbidden('无权查看该单位或领域的数据');
  return (await repo.listHistory(ctx.db, key)).map((h) => ({
    oldValue: h.old_value,
    newValue: h.new_value,
    version: h.version,
    comment: h.comment,
    source: h.source,
    changedAt: h.changed_at,
    changedBy: h.changed_by,
  }));
}
