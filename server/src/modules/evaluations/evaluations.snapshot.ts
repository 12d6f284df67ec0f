// Takes the evaluation snapshot at an as-of date from the modules that own the figures: every
// target's status at the province (analytics), each task's ledger progress, the supervision
// items open at the end of that day, and the satisfaction index (as the bulletins gather it).
import type { AppContext } from '../../context';
import { endOfDayCst } from '../../../../core/reporting/deadlines';
import {
  ledgerProgressByTask,
  openSupervision,
  snapshotCounts,
  type EvaluationSnapshot,
  type TaskRef,
} from '../../../../core/evaluation';
import { provinceProgressAt } from '../analytics/analytics.service';
import { satisfactionFigures } from '../bulletins/bulletin-content';
import * as repo from './evaluations.repository';

const unitName = (ctx: AppContext, code: string) => ctx.orgs.get(code)?.name ?? code;

export async function takeSnapshot(
  ctx: AppContext,
  asOf: string,
  revision: { id: number; number: number },
  now: Date,
): Promise<EvaluationSnapshot> {
  const endTs = endOfDayCst(asOf).toISOString();
  const progress = await provinceProgressAt(ctx, asOf);
  const { plan } = progress;
  const tasks: TaskRef[] = plan.domains.flatMap((d) =>
    d.tasks.map((t) => ({ number: t.number, title: t.title, domainCode: d.code })),
  );
  const titles = new Map(tasks.map((t) => [t.number, t.title]));
  const [ledger, supervision, satisfaction] = await Promise.all([
    repo.ledgerRowsBefore(ctx.db, endTs),
    repo.supervisionOpenAt(ctx.db, endTs),
    satisfactionFigures(ctx, endTs),
  ]);
  const targets = progress.targets.map((t) => ({
    code: t.code,
    domainCode: t.domainCode,
    taskNumber: t.taskNumber,
    taskTitle: t.taskNumber === null ? null : (titles.get(t.taskNumber) ?? null),
    indicator: t.indicator,
    comparator: t.comparator,
    deadline: t.deadline,
    status: t.status,
    value: t.value,
    target: t.target,
    unit: t.unit,
    progress: t.progress,
    forecast: t.forecast,
    forecastYear: t.forecastYear,
    provisional: t.provisional,
    reason: t.reason,
  }));
  return {
    asOf,
    takenAt: now.toISOString(),
    plan: { id: plan.id, title: plan.title, start: plan.start, end: plan.end },
    planRevision: revision,
    domains: plan.domains.map((d) => ({
      code: d.code,
      number: d.number,
      name: d.name,
      leadUnits: d.leadUnits.map((u) => unitName(ctx, u)),
    })),
    targets,
    counts: snapshotCounts(targets),
    ledgers: ledgerProgressByTask(
      tasks,
      ledger.map((r) => ({
        taskNumber: r.task_number,
        status: r.status,
        percentDone: Number(r.percent_done),
      })),
    ),
    supervision: openSupervision(
      tasks,
      supervision.map((r) => ({
        id: r.id,
        title: r.title,
        level: r.level,
        status: r.status,
        targetName: unitName(ctx, r.target_unit_code),
        domainCode: r.domain_code,
        taskNumber: r.task_number,
        replyDue: r.reply_due,
        createdAt: r.created_at,
        closedAt: r.closed_at,
      })),
      asOf,
      endTs,
    ),
    satisfaction,
  };
}
