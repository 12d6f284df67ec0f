// 十件民生实事: the year's list with each target's status (the analytics machinery, province,
// approved values, as of the year end or today), and the supervision office's edits — checked
// against the plan and the year's other matters, each write audited in its transaction.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import { evaluateTargetsAt, type TargetRow } from '../analytics/analytics.service';
import { todayCst } from '../../../../core/reporting/deadlines';
import { STATUS_LABELS } from '../../../../core/status';
import { tableToXlsx } from '../analytics/analytics.export';
import type { Plan, Target } from '../../../../core/plan/schema';
import {
  evaluableTargets,
  matterAsOf,
  matterJudgedAt,
  matterIssues,
  matterStatus,
  planYears,
  type MatterInput,
  type MatterStatus,
  type TaskRef,
} from '../../../../core/practical-matters';
import type { MatterBodyT, MatterDto, MatterListDto } from './practical-matters.schema';
import * as repo from './practical-matters.repository';
import type { MatterRow } from './practical-matters.repository';

export interface By {
  actor: Actor;
  ip: string | null;
}

const STATUSES: MatterStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];

async function planOf(ctx: AppContext): Promise<Plan> {
  const current = await ctx.plans.current();
  if (!current)
    throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
  return current.plan;
}

const refsOf = (row: MatterRow) => JSON.parse(row.task_refs) as TaskRef[];
const targetsOf = (row: MatterRow) => JSON.parse(row.targets) as Target[];

/** The year a list opens on: this year while the plan runs, else the plan's nearest year. */
export function defaultYear(plan: Plan, today: string): number {
  const years = planYears(plan);
  const y = Number(today.slice(0, 4));
  return Math.min(Math.max(y, years[0]!), years.at(-1)!);
}

function toDto(ctx: AppContext, plan: Plan, row: MatterRow, rows: TargetRow[]): MatterDto {
  const domains = new Map(plan.domains.map((d) => [d.code, d]));
  return {
    id: row.id,
    year: row.year,
    seq: row.seq,
    title: row.title,
    description: row.description,
    leadUnit: row.lead_unit,
    leadUnitName:
      ctx.orgs.get(row.lead_unit)?.name ??
      plan.units.find((u) => u.code === row.lead_unit)?.name ??
      row.lead_unit,
    taskRefs: refsOf(row).map((r) => {
      const d = domains.get(r.domainCode);
      return {
        ...r,
        domainName: d?.name ?? r.domainCode,
        title: d?.tasks.find((t) => t.number === r.taskNumber)?.title ?? '（计划中已无此任务）',
      };
    }),
    targets: targetsOf(row),
    rows,
    status: matterStatus(rows.map((x) => x.status)),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

async function withStatus(
  ctx: AppContext,
  plan: Plan,
  rows: MatterRow[],
  asOf: string,
): Promise<MatterDto[]> {
  return Promise.all(
    rows.map(async (row) => {
      const targets = evaluableTargets({
        year: row.year,
        taskRefs: refsOf(row),
        targets: targetsOf(row),
      });
      return toDto(ctx, plan, row, await evaluateTargetsAt(ctx, targets, asOf));
    }),
  );
}

/** A year's matters with their status; `today` is a parameter for bulletins and tests. */
export async function yearStatus(
  ctx: AppContext,
  year: number | undefined,
  today = todayCst(new Date()),
) {
  const plan = await planOf(ctx);
  const y = year ?? defaultYear(plan, today);
  if (!planYears(plan).includes(y))
    throw badRequest(
      'MATTER_YEAR_OUTSIDE_PLAN',
      `年度 ${y} 不在计划期（${plan.start.slice(0, 4)}—${plan.end.slice(0, 4)}年）之内`,
      [{ field: 'year', message: `年度 ${y} 不在计划期之内` }],
    );
  const asOf = matterAsOf(y, today);
  const matters = await withStatus(
    ctx,
    plan,
    await repo.listYear(ctx.db, y),
    matterJudgedAt(y, today),
  );
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<MatterStatus, number>;
  for (const m of matters) counts[m.status] += 1;
  return { plan, year: y, asOf, years: planYears(plan), counts, matters };
}

export async function listMatters(
  ctx: AppContext,
  actor: Actor,
  year: number | undefined,
): Promise<MatterListDto> {
  const { plan: _plan, ...rest } = await yearStatus(ctx, year);
  return { ...rest, canManage: can(actor, 'matters.manage') };
}

async function load(db: Kysely<DB>, id: number): Promise<MatterRow> {
  const row = await repo.find(db, id);
  if (!row) throw notFound('MATTER_NOT_FOUND', `民生实事不存在（编号 ${id}）`);
  return row;
}

export async function getMatter(ctx: AppContext, id: number) {
  const plan = await planOf(ctx);
  const row = await load(ctx.db, id);
  const today = todayCst(new Date());
  const asOf = matterAsOf(row.year, today);
  const [matter] = await withStatus(ctx, plan, [row], matterJudgedAt(row.year, today));
  return { asOf, matter: matter! };
}

const inputOf = (b: MatterBodyT): MatterInput => ({
  year: b.year,
  seq: b.seq,
  title: b.title.trim(),
  description: b.description.trim(),
  leadUnit: b.leadUnit.trim(),
  taskRefs: b.taskRefs,
  targets: b.targets as Target[],
});

/** Checks the matter against the plan and its year's other matters, inside the transaction. */
async function check(trx: Kysely<DB>, plan: Plan, m: MatterInput, selfId?: number): Promise<void> {
  const siblings = (await repo.listYear(trx, m.year)).map((r) => ({
    id: r.id,
    seq: r.seq,
    targetCodes: targetsOf(r).map((t) => t.code),
  }));
  const issues = matterIssues(plan, m, siblings, selfId);
  if (issues.length) throw badRequest('MATTER_INVALID', issues[0]!.message, issues);
}

const columns = (m: MatterInput) => ({
  year: m.year,
  seq: m.seq,
  title: m.title,
  description: m.description,
  lead_unit: m.leadUnit,
  task_refs: JSON.stringify(
    m.taskRefs.map((r) => ({ domainCode: r.domainCode, taskNumber: r.taskNumber })),
  ),
  targets: JSON.stringify(m.targets),
});

/** A concurrent insert of the same year and number trips the unique index: a 409, not a 500. */
function duplicateSeq(e: unknown, m: MatterInput): never {
  const text = String((e as { code?: string; message?: string })?.code ?? '') + String(e);
  if (/23505|UNIQUE/i.test(text))
    throw conflict('MATTER_SEQ_TAKEN', `${m.year}年第${m.seq}件民生实事已存在，请换一个序号`);
  throw e;
}

export async function createMatter(ctx: AppContext, body: MatterBodyT, by: By) {
  const plan = await planOf(ctx);
  const m = inputOf(body);
  const at = new Date().toISOString();
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await check(trx, plan, m);
      const id = await repo.insert(trx, {
        ...columns(m),
        created_at: at,
        created_by: by.actor.username,
        updated_at: at,
        updated_by: by.actor.username,
        version: 1,
      });
      await recordAudit(trx, {
        action: 'matters.create',
        actor: by.actor,
        ip: by.ip,
        targetType: 'practical_matter',
        targetId: id,
        details: { after: m },
      });
      return id;
    })
    .catch((e: unknown) => duplicateSeq(e, m));
  return getMatter(ctx, id);
}

export async function updateMatter(
  ctx: AppContext,
  id: number,
  body: MatterBodyT & { version: number },
  by: By,
) {
  const plan = await planOf(ctx);
  const m = inputOf(body);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const before = await load(trx, id);
      await check(trx, plan, m, id);
      const ok = await repo.update(trx, id, body.version, {
        ...columns(m),
        updated_at: new Date().toISOString(),
        updated_by: by.actor.username,
      });
      if (!ok) throw conflict('MATTER_VERSION_CONFLICT', '该事项已被他人修改，请刷新后重新编辑');
      await recordAudit(trx, {
        action: 'matters.update',
        actor: by.actor,
        ip: by.ip,
        targetType: 'practical_matter',
        targetId: id,
        details: {
          before: { ...before, task_refs: refsOf(before), targets: targetsOf(before) },
          after: m,
        },
      });
    })
    .catch((e: unknown) => duplicateSeq(e, m));
  return getMatter(ctx, id);
}

export async function deleteMatter(ctx: AppContext, id: number, version: number, by: By) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    if (!(await repo.remove(trx, id, version)))
      throw conflict('MATTER_VERSION_CONFLICT', '该事项已被他人修改，请刷新后再删除');
    await recordAudit(trx, {
      action: 'matters.delete',
      actor: by.actor,
      ip: by.ip,
      targetType: 'practical_matter',
      targetId: id,
      details: { before: { ...before, task_refs: refsOf(before), targets: targetsOf(before) } },
    });
  });
}

/** The year's list as a workbook: one row per target, as the cards show it. */
export async function exportYear(ctx: AppContext, year: number | undefined) {
  const { year: y, asOf, matters } = await yearStatus(ctx, year);
  const rows = matters.flatMap((m) =>
    m.rows.map((r) => [
      m.seq,
      m.title,
      m.leadUnitName,
      m.taskRefs.map((x) => `${x.taskNumber}. ${x.title}`).join('；'),
      STATUS_LABELS[m.status],
      r.code,
      r.text,
      r.value,
      r.target,
      r.unit,
      r.progress === null ? null : Math.round(r.progress * 10) / 10,
      STATUS_LABELS[r.status],
      r.reason,
    ]),
  );
  const title = `${y}年十件民生实事（截至${asOf}）`;
  const file = await tableToXlsx({
    title,
    columns: [
      '序号',
      '民生实事',
      '牵头单位',
      '关联计划任务',
      '事项进展',
      '指标编码',
      '年度目标',
      '当前值',
      '目标值',
      '单位',
      '完成率（%）',
      '指标进展',
      '说明',
    ],
    rows,
  });
  return { file, name: `${y}年十件民生实事.xlsx` };
}
