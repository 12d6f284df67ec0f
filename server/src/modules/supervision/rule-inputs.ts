// Loads the rows the supervision rules evaluate, once per run: open overdue milestones (one
// query), every target's province status at the latest quarter ends (the analytics element
// store, as the overview computes it), and the reporting submissions that are late.
import type { AppContext } from '../../context';
import type { Actor } from '../../common/policy';
import { allTargets, type PlanTargetRef } from '../../../../core/plan';
import type { Plan } from '../../../../core/plan/schema';
import { targetStatus, type StatusSeries } from '../../../../core/status';
import type { LateSubmissionRow, MilestoneRow, TargetStatusRow } from '../../../../core/tasking';
import { addDeadlineDays } from '../../../../core/tasking';
import { storeOf } from '../analytics/analytics.service';
import { reportedSeries } from '../analytics/analytics.series';
import { computedSeries, hasProvider } from '../analytics/analytics.computed';
import { statusConfigFromEnv } from '../analytics/analytics.config';
import { lateOverview } from '../reporting/timeliness.service';
import { loadCatalog } from '../reporting/catalog';
import * as repo from './supervision.repository';

const PROVINCE = '440000';

export async function milestoneRows(
  ctx: AppContext,
  today: string,
  minDays: number,
): Promise<MilestoneRow[]> {
  const rows = await repo.openMilestonesDueBefore(ctx.db, addDeadlineDays(today, -minDays));
  return rows.map((r) => ({
    milestoneId: r.milestone_id,
    title: r.title,
    dueDate: r.due_date,
    doneOn: r.done_on,
    itemId: r.item_id,
    itemCode: r.item_code,
    itemTitle: r.item_title,
    ownerUnitCode: r.owner_unit_code,
    cityCode: r.city_code,
    domainCode: r.domain_code,
    taskNumber: r.task_number,
  }));
}

/** The last `count` quarter ends strictly before today, oldest first (`2026Q2` → 2026-06-30). */
export function lastQuarterEnds(today: string, count: number) {
  const ends: Array<{ period: string; date: string }> = [];
  let year = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // the quarter before today's
  while (ends.length < count) {
    if (q === 0) {
      year -= 1;
      q = 4;
    }
    const month = q * 3;
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    ends.unshift({ period: `${year}Q${q}`, date: last });
    q -= 1;
  }
  return ends;
}

async function provinceSeries(
  ctx: AppContext,
  plan: Plan,
  target: PlanTargetRef,
  asOf: string,
): Promise<StatusSeries | null> {
  const m = target.measure;
  if ('computed' in m)
    return hasProvider(m.computed)
      ? computedSeries(ctx.db, m.computed, PROVINCE, plan.start, asOf)
      : null;
  const scope = { key: PROVINCE, units: ctx.orgs.subtree(PROVINCE) };
  const result = await reportedSeries(storeOf(ctx), plan, target, scope, 'approved');
  return 'series' in result ? result.series : null;
}

/** Each target's province status at the latest quarter ends (approved data, as published). */
export async function targetRows(
  ctx: AppContext,
  today: string,
  periods: number,
): Promise<TargetStatusRow[]> {
  const current = await ctx.plans.current();
  if (!current) return [];
  const plan = current.plan;
  await storeOf(ctx).refresh();
  const config = statusConfigFromEnv();
  const ends = lastQuarterEnds(today, periods).filter((e) => e.date >= plan.start);
  const rows: TargetStatusRow[] = [];
  for (const target of allTargets(plan)) {
    const domain = plan.domains.find((d) => d.code === target.domainCode);
    if (!domain) continue;
    const statuses = [];
    for (const end of ends) {
      const series = await provinceSeries(ctx, plan, target, end.date);
      const s = series
        ? targetStatus({ ...target, start: target.start ?? plan.start }, series, end.date, config)
        : null;
      statuses.push({ period: end.period, status: s?.status ?? 'no_data', reason: s?.reason });
    }
    rows.push({
      targetCode: target.code,
      indicator: target.indicator,
      domainCode: target.domainCode,
      taskNumber: target.taskNumber,
      leadUnitCode: domain.leadUnits[0]!,
      statuses,
    });
  }
  return rows;
}

/** Submissions still missing after their due date (the reviewers' late overview, province-wide). */
export async function lateSubmissionRows(ctx: AppContext, now: Date): Promise<LateSubmissionRow[]> {
  const system: Actor = {
    userId: 0,
    username: 'system:rules',
    role: 'supervisor',
    unitCode: null,
    unitScope: 'all',
    domainScope: 'all',
  };
  const [late, catalog] = await Promise.all([lateOverview(ctx, system, now), loadCatalog(ctx.db)]);
  return late.map((l) => ({
    formCode: l.formCode,
    formName: l.formName,
    period: l.period,
    dueDate: l.dueDate,
    unitCode: l.unitCode,
    unitName: l.unitName,
    domainCode: catalog.forms.get(l.formCode)?.domainCode ?? null,
  }));
}
