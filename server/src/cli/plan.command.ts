import fs from 'node:fs';
import type { Command } from 'commander';
import { exportPlanYaml, loadPlanFile, countTargets } from '../../../core/plan';
import { AppError } from '../common/errors';
import { importPlan, loadCurrentPlan, loadRevisions } from '../modules/plan/plan.service';
import { diffRevisions, revisionSummary } from '../modules/plan/plan-changes.service';
import { revisionInForce } from '../../../core/plan/revisions';
import { withDatabase, operatorLabel } from './output';

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description('validate, import and export plan files');

  plan
    .command('validate <file>')
    .description('check a plan file; errors name the path and line')
    .action((file: string) => {
      const parsed = readPlan(file);
      console.log(
        `${file}: OK — ${parsed.domains.length} domains, ${parsed.domains.reduce((n, d) => n + d.tasks.length, 0)} tasks, ${countTargets(parsed)} targets`,
      );
    });

  plan
    .command('import <file>')
    .description('import a plan file as a new revision')
    .option('--reason <text>', 'why this revision is made', '导入计划文件')
    .action(async (file: string, opts: { reason: string }) => {
      const parsed = readPlan(file);
      const result = await withDatabase((database) =>
        importPlan(database.db, parsed, { label: operatorLabel(), reason: opts.reason }),
      );
      console.log(
        `Imported ${parsed.id} as revision ${result.number} with ${result.targets} targets.`,
      );
    });

  plan
    .command('export')
    .description('write the plan revision in force as YAML')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .option('--at <date>', 'the revision in force on this date (YYYY-MM-DD) instead of today')
    .action(async (opts: { out?: string; at?: string }) => {
      const plan = await withDatabase(async (database) => {
        if (!opts.at) return (await loadCurrentPlan(database.db))?.plan;
        return revisionInForce(await loadRevisions(database.db), opts.at)?.plan;
      });
      if (!plan) throw new AppError(404, 'PLAN_NOT_IMPORTED', '尚未导入计划');
      const yaml = exportPlanYaml(plan);
      if (opts.out) fs.writeFileSync(opts.out, yaml);
      else process.stdout.write(yaml);
    });

  plan
    .command('revisions')
    .description('list the revisions of the plan: number, in force from, targets, reason')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const revisions = await withDatabase(async (database) => {
        const all = await loadRevisions(database.db);
        return all.map((r) => revisionSummary(r, all));
      });
      if (revisions.length === 0) throw new AppError(404, 'PLAN_NOT_IMPORTED', '尚未导入计划');
      if (opts.json) return printJson(revisions);
      console.log(
        table(['版本', '生效日期', '指标数', '修订人', '理由'], revisions.map(revisionCells)),
      );
    });

  plan
    .command('diff <fromRevision> <toRevision>')
    .description('which targets changed between two revisions, from what to what, and why')
    .option('--json', 'print JSON')
    .action(async (from: string, to: string, opts: { json?: boolean }) => {
      const diff = await withDatabase((database) =>
        diffRevisions(
          database.db,
          revisionNumber(from, 'fromRevision'),
          revisionNumber(to, 'toRevision'),
        ),
      );
      if (opts.json) return printJson(diff);
      console.log(
        `第${diff.from.number}版（${diff.from.effectiveFrom}起） → 第${diff.to.number}版（${diff.to.effectiveFrom}起）`,
      );
      for (const step of diff.steps)
        console.log(`  第${step.number}版 ${step.effectiveFrom}起：${step.reason}`);
      if (diff.targets.length === 0) return console.log('两版之间指标没有变化。');
      console.log(
        table(['指标', '名称', '变化', '字段', '原值', '新值'], diff.targets.flatMap(diffCells)),
      );
    });
}

const FIELD_ZH: Record<string, string> = {
  value: '目标值',
  deadline: '截止日期',
  band: '允许偏差',
  milestones: '阶段目标',
  allocations: '分解指标',
  text: '原文表述',
  comparator: '比较方式',
  start: '起算日期',
  location: '所属任务',
};
const CHANGE_ZH = { added: '新增', removed: '删除', changed: '修改' } as const;

function revisionNumber(text: string, field: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError(400, 'REVISION_INVALID', `版本号“${text}”无效，应为正整数`, [
      { field, message: '应为 1、2、3 …' },
    ]);
  return n;
}

function revisionCells(r: ReturnType<typeof revisionSummary>): string[] {
  return [
    `${r.inForce ? '*' : ' '}${r.number}`,
    r.effectiveFrom,
    String(r.targets),
    r.createdBy,
    r.reason,
  ];
}

function diffCells(d: Awaited<ReturnType<typeof diffRevisions>>['targets'][number]): string[][] {
  const head = [d.code, d.indicator, CHANGE_ZH[d.change]];
  if (d.fields.length === 0) return [[...head, '', '', '']];
  return d.fields.map((f, i) => [
    ...(i === 0 ? head : ['', '', '']),
    FIELD_ZH[f.field] ?? f.field,
    shown(f.from),
    shown(f.to),
  ]);
}

function shown(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Columns padded by display width (a CJK character takes two cells). */
function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all
    .map((r) =>
      r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  '),
    )
    .join('\n');
}

function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

function readPlan(file: string) {
  const { plan, errors } = loadPlanFile(file);
  if (!plan || errors.length > 0)
    throw new AppError(
      400,
      'PLAN_INVALID',
      `${file}：计划文件有${errors.length}处错误`,
      errors.map((e) => ({ field: e.path, line: e.line, message: e.messageZh })),
    );
  return plan;
}
