// Forms: generated from the plan (only ever adding what is missing, so an administrator's
// adjustments survive a plan re-import), listed, and adjusted by an administrator.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Plan } from '../../../../core/plan/schema';
import { generateForms, isOperator, LEVEL_RANK, type Level } from '../../../../core/reporting';
import type { Actor } from '../../common/policy';
import { badRequest, notFound, type ErrorDetail } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { invalidateCatalog, loadCatalog, type FormInfo } from './catalog';
import * as repo from './forms.repository';

/** Adds the forms, element memberships and ratio rules a plan implies; returns what it added. */
export async function syncFormsWithPlan(
  db: Kysely<DB>,
  plan: Plan,
  label: string,
): Promise<{ elementsAdded: number }> {
  const { forms, rules } = generateForms(plan);
  const at = new Date().toISOString();
  let elementsAdded = 0;
  for (const f of forms) {
    await repo.insertFormIfMissing(db, {
      code: f.code,
      name: f.name,
      domain_code: f.domainCode,
      period_type: f.periodType,
      reporter_level: f.reporterLevel,
      approval_levels: JSON.stringify(f.approvalLevels),
      due_days: f.dueDays,
      expiry_days: f.expiryDays,
      reminder_days_before: f.reminderDaysBefore,
      active: 1,
      updated_at: at,
      updated_by: label,
    });
    for (const [i, element] of f.elements.entries()) {
      const added = await repo.insertElementIfUnassigned(db, {
        form_code: f.code,
        element_code: element,
        sort_order: i + 1,
        min_value: null,
        max_value: null,
      });
      if (added) elementsAdded += 1;
    }
  }
  for (const r of rules) {
    const { formCode, left, right, ...rest } = r;
    await repo.insertRuleIfMissing(db, {
      ...rest,
      form_code: formCode,
      left_element: left,
      right_element: right,
      origin: 'plan',
    });
  }
  invalidateCatalog();
  return { elementsAdded };
}

export async function listForms(db: Kysely<DB>): Promise<FormInfo[]> {
  return [...(await loadCatalog(db)).forms.values()];
}

export async function getForm(db: Kysely<DB>, code: string): Promise<FormInfo> {
  const form = (await loadCatalog(db)).forms.get(code);
  if (!form) throw notFound('FORM_NOT_FOUND', `报表 ${code} 不存在`);
  return form;
}

export interface FormPatch {
  name?: string;
  dueDays?: number;
  expiryDays?: number;
  reminderDaysBefore?: number;
  approvalLevels?: Level[];
  active?: boolean;
  elements?: Array<{ code: string; min: number | null; max: number | null }>;
  rules?: Array<{
    code: string;
    left: string;
    operator: string;
    right: string;
    severity: 'blocking' | 'warning';
    message?: string;
  }>;
}

export async function updateForm(
  db: Kysely<DB>,
  code: string,
  patch: FormPatch,
  by: { actor: Actor; ip: string },
): Promise<FormInfo> {
  const catalog = await loadCatalog(db);
  const form = catalog.forms.get(code);
  if (!form) throw notFound('FORM_NOT_FOUND', `报表 ${code} 不存在`);
  checkPatch(form, patch, new Set(catalog.elements.keys()));
  await db.transaction().execute(async (trx) => {
    await repo.updateForm(trx, code, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.dueDays !== undefined && { due_days: patch.dueDays }),
      ...(patch.expiryDays !== undefined && { expiry_days: patch.expiryDays }),
      ...(patch.reminderDaysBefore !== undefined && {
        reminder_days_before: patch.reminderDaysBefore,
      }),
      ...(patch.approvalLevels !== undefined && {
        approval_levels: JSON.stringify(patch.approvalLevels),
      }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      updated_at: new Date().toISOString(),
      updated_by: by.actor.username,
    });
    for (const e of patch.elements ?? [])
      await repo.setElementBounds(trx, code, e.code, { min_value: e.min, max_value: e.max });
    if (patch.rules)
      await repo.replaceAdminRules(
        trx,
        code,
        patch.rules.map((r) => ({
          form_code: code,
          code: r.code,
          left_element: r.left,
          operator: r.operator,
          right_element: r.right,
          severity: r.severity,
          message: r.message ?? '',
          origin: 'admin' as const,
        })),
      );
    await recordAudit(trx, {
      action: 'reporting.form.update',
      actor: by.actor,
      ip: by.ip,
      targetType: 'report_form',
      targetId: code,
      details: { patch },
    });
  });
  invalidateCatalog();
  return getForm(db, code);
}

function checkPatch(form: FormInfo, patch: FormPatch, known: Set<string>): void {
  const details: ErrorDetail[] = [];
  const due = patch.dueDays ?? form.dueDays;
  const expiry = patch.expiryDays ?? form.expiryDays;
  if (expiry < due)
    details.push({ field: 'expiryDays', message: '截止录入天数不能早于上报期限天数' });
  const chain = patch.approvalLevels;
  if (chain) {
    const ranks = chain.map((l) => LEVEL_RANK[l]);
    if (ranks.some((r, i) => i > 0 && r <= ranks[i - 1]!))
      details.push({ field: 'approvalLevels', message: '审核层级须自下而上排列且不重复' });
    if (!chain.some((l) => LEVEL_RANK[l] > LEVEL_RANK[form.reporterLevel]))
      details.push({ field: 'approvalLevels', message: '至少需要一个高于填报层级的审核层级' });
  }
  const members = new Set(form.elements.map((e) => e.code));
  (patch.elements ?? []).forEach((e, i) => {
    if (!members.has(e.code))
      details.push({ field: `elements/${i}/code`, message: `数据元 ${e.code} 不在本报表中` });
    if (e.min !== null && e.max !== null && e.min > e.max)
      details.push({ field: `elements/${i}/min`, message: '最小值不能大于最大值' });
  });
  const codes = new Set<string>();
  (patch.rules ?? []).forEach((r, i) => {
    if (codes.has(r.code) || form.rules.some((p) => p.origin === 'plan' && p.code === r.code))
      details.push({ field: `rules/${i}/code`, message: `规则编号 ${r.code} 重复` });
    codes.add(r.code);
    if (!isOperator(r.operator))
      details.push({ field: `rules/${i}/operator`, message: '比较符须为 <=、<、>=、> 或 ==' });
    for (const side of ['left', 'right'] as const)
      if (!known.has(r[side]))
        details.push({ field: `rules/${i}/${side}`, message: `数据元 ${r[side]} 不存在` });
  });
  if (details.length) throw badRequest('FORM_INVALID', details[0]!.message, details);
}
