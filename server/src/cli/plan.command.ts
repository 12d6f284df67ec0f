import fs from 'node:fs';
import type { Command } from 'commander';
import { exportPlanYaml, loadPlanFile, countTargets } from '../../../core/plan';
import { AppError } from '../common/errors';
import { importPlan, loadCurrentPlan } from '../modules/plan/plan.service';
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
    .action(async (opts: { out?: string }) => {
      const current = await withDatabase((database) => loadCurrentPlan(database.db));
      if (!current) throw new AppError(404, 'PLAN_NOT_IMPORTED', '尚未导入计划');
      const yaml = exportPlanYaml(current.plan);
      if (opts.out) fs.writeFileSync(opts.out, yaml);
      else process.stdout.write(yaml);
    });
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
