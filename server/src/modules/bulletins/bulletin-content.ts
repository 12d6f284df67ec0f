// Gathers a bulletin's figures at its as-of date from the modules that own them: target
// statuses and the cities' ranking (analytics), late ledger items, supervision items, the
// latest satisfaction wave (surveys) and the 12345 on-time closure rate (hotline).
import type { AppContext } from '../../context';
import type { Actor } from '../../common/policy';
import { endOfDayCst } from '../../../../core/reporting/deadlines';
import type {
  BulletinFigures,
  BulletinHotline,
  BulletinKind,
  BulletinLevel,
  BulletinPracticalMatters,
  BulletinSatisfaction,
  BulletinSupervision,
  ResolvedBulletinPeriod,
} from '../../../../core/tasking/bulletin';
import { provinceProgressAt, PROVINCE } from '../analytics/analytics.service';
import { indexTable } from '../surveys/satisfaction.service';
import { yearStatus } from '../practical-matters/practical-matters.service';
import { planYears } from '../../../../core/practical-matters';
import { closureReport } from '../hotline/hotline.service';
import { latestMonth } from '../hotline/hotline.repository';
import * as repo from './bulletins.repository';

/** The longest lists a bulletin prints; the sentences give the full counts. */
const MAX_LEDGER_ROWS = 60;
const MAX_SUPERVISION_ROWS = 60;

/** Reads province-wide figures on the bulletin's behalf (scheduled drafts have no user). */
const READER: Actor = {
  userId: 0,
  username: 'system:bulletin',
  role: 'supervisor',
  unitCode: PROVINCE,
  unitScope: 'all',
  domainScope: 'all',
};

const unitName = (ctx: AppContext, code: string | null) =>
  code ? (ctx.orgs.get(code)?.name ?? code) : null;

export async function gatherFigures(
  ctx: AppContext,
  kind: BulletinKind,
  p: ResolvedBulletinPeriod,
): Promise<BulletinFigures> {
  const endTs = endOfDayCst(p.asOf).toISOString();
  const startTs = endOfDayCst(p.from).getTime() - 86_400_000;
  const progress = await provinceProgressAt(ctx, p.asOf);
  const tasks = new Map(
    progress.plan.domains.flatMap((d) => d.tasks.map((t) => [t.number, t.title] as const)),
  );
  const [ledger, supervision, satisfaction, hotline] = await Promise.all([
    ledgerFigures(ctx, p.asOf, endTs),
    supervisionFigures(ctx, new Date(startTs).toISOString(), endTs, p.asOf),
    satisfactionFigures(ctx, endTs),
    hotlineFigures(ctx, p.asOf),
  ]);
  return {
    kind,
    ...p,
    domains: progress.plan.domains.map((d) => ({
      code: d.code,
      number: d.number,
      name: d.name,
      leadUnits: d.leadUnits.map((u) => unitName(ctx, u)!),
    })),
    targets: progress.targets.map((t) => ({
      code: t.code,
      domainCode: t.domainCode,
      taskNumber: t.taskNumber,
      taskTitle: t.taskNumber === null ? null : (tasks.get(t.taskNumber) ?? null),
      indicator: t.indicator,
      status: t.status,
      value: t.value,
      target: t.target,
      unit: t.unit,
      progress: t.progress,
      reason: t.reason,
    })),
    ...ledger,
    supervision,
    cities: progress.cities.map((c) => ({
      code: c.code,
      name: c.name,
      rank: c.rank,
      onTrackShare: c.onTrackShare,
      assessed: c.assessed,
      counts: c.counts,
    })),
    satisfaction,
    hotline,
    practicalMatters: await practicalMatterFigures(ctx, p.asOf),
  };
}

/** The as-of year's 十件民生实事, judged at the bulletin's date; null outside the plan. */
async function practicalMatterFigures(
  ctx: AppContext,
  asOf: string,
): Promise<BulletinPracticalMatters | null> {
  const year = Number(asOf.slice(0, 4));
  const plan = (await ctx.plans.current())?.plan;
  if (!plan || !planYears(plan).includes(year)) return null;
  const { matters } = await yearStatus(ctx, year, asOf);
  return {
    year,
    matters: matters.map((m) => ({
      seq: m.seq,
      title: m.title,
      leadUnitName: m.leadUnitName,
      status: m.status,
      targets: m.rows.map((r) => ({
        indicator: r.indicator,
        status: r.status,
        value: r.value,
        target: r.target,
        unit: r.unit,
        progress: r.progress,
      })),
    })),
  };
}

async function ledgerFigures(ctx: AppContext, asOf: string, endTs: string) {
  const [total, late] = await Promise.all([
    repo.countLedgerItems(ctx.db, endTs),
    repo.lateLedgerItems(ctx.db, asOf, endTs),
  ]);
  const shown = late.slice(0, MAX_LEDGER_ROWS);
  const milestones = await repo.overdueMilestones(
    ctx.db,
    shown.map((x) => x.id),
    asOf,
  );
  return {
    ledgerTotal: total,
    ledgerLateCount: late.length,
    ledgerLate: shown.map((x) => {
      const m = milestones.get(x.id);
      return {
        code: x.code,
        title: x.title,
        ownerName: unitName(ctx, x.owner_unit_code)!,
        cityName: unitName(ctx, x.city_code),
        dueDate: x.due_date,
        percentDone: Number(x.percent_done),
        status: x.status,
        overdueMilestone: m ? { title: m.title, dueDate: m.due_date } : null,
      };
    }),
  };
}

async function supervisionFigures(
  ctx: AppContext,
  fromTs: string,
  toTs: string,
  asOf: string,
): Promise<BulletinSupervision> {
  const rows = await repo.supervisionInRange(ctx.db, fromTs, toTs);
  const zero = (): Record<BulletinLevel, number> => ({ general: 0, key: 0, listed: 0 });
  const openedByLevel = zero();
  const closedByLevel = zero();
  let opened = 0;
  let closed = 0;
  let stillOpen = 0;
  const overdue = [];
  for (const r of rows) {
    if (r.created_at >= fromTs) {
      opened += 1;
      openedByLevel[r.level] += 1;
    }
    if (r.closed_at && r.closed_at < toTs) {
      closed += 1;
      closedByLevel[r.level] += 1;
      continue;
    }
    stillOpen += 1;
    if (r.reply_due < asOf && (r.status === 'open' || r.status === 'returned'))
      overdue.push({
        id: r.id,
        title: r.title,
        level: r.level,
        targetName: unitName(ctx, r.target_unit_code)!,
        replyDue: r.reply_due,
      });
  }
  return {
    opened,
    closed,
    openedByLevel,
    closedByLevel,
    stillOpen,
    openOverdueCount: overdue.length,
    openOverdue: overdue.slice(0, MAX_SUPERVISION_ROWS),
  };
}

/** The satisfaction index per domain at the province, from the latest wave opened by then. */
export async function satisfactionFigures(
  ctx: AppContext,
  endTs: string,
): Promise<BulletinSatisfaction | null> {
  const wave = await repo.latestWave(ctx.db, endTs);
  if (!wave) return null;
  const table = await indexTable(ctx.db, ctx.orgs, READER, {
    surveyId: wave.survey_id,
    wave: wave.code,
    level: 'province',
  });
  return {
    wave: wave.code,
    cells: table.cells.map((c) => ({
      domainCode: c.domainCode,
      index: c.index,
      label: c.label,
      n: c.n,
    })),
  };
}

/** Consumer complaints' on-time closure in the as-of month (or the latest month before it). */
async function hotlineFigures(ctx: AppContext, asOf: string): Promise<BulletinHotline | null> {
  const latest = await latestMonth(ctx.db);
  if (!latest) return null;
  const month = latest < asOf.slice(0, 7) ? latest : asOf.slice(0, 7);
  const report = await closureReport(ctx.db, ctx.orgs, READER, {
    from: month,
    to: month,
    level: 'city',
  });
  const sum = { closedOnTime: 0, decided: 0 };
  for (const r of report.consumer) {
    sum.closedOnTime += r.closedOnTime;
    sum.decided += r.decided;
  }
  return {
    month,
    rate: sum.decided ? Math.round((sum.closedOnTime / sum.decided) * 10000) / 10000 : null,
    target: report.target,
    belowTarget: report.belowTarget.map((r) => r.placeName),
  };
}
