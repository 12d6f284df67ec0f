import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { pruneAudit, verifyAuditChain } from '../modules/audit/audit.service';
import { backup, restore } from '../modules/backup/backup.service';
import { seedDemo } from '../modules/demo/demo.service';
import { OrgDirectory } from '../modules/org-units/org-units.service';
import { loadCurrentPlan } from '../modules/plan/plan.service';
import { AppError } from '../common/errors';
import { operatorLabel, withDatabase } from './output';

export function registerMaintenance(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const applied = await withDatabase((database) => migrateToLatest(database));
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    });

  program
    .command('seed-demo')
    .description('replace reported values with a reproducible demo data set')
    .option('--seed <n>', 'random seed', '2027')
    .action(async (opts: { seed: string }) => {
      const result = await withDatabase(async (database) => {
        const current = await loadCurrentPlan(database.db);
        if (!current)
          throw new AppError(
            404,
            'PLAN_NOT_IMPORTED',
            '尚未导入计划，请先执行 minsheng plan import',
          );
        const orgs = await OrgDirectory.load(database.db);
        return seedDemo(database.db, current.plan, orgs, {
          seed: Number(opts.seed),
          label: operatorLabel(),
        });
      });
      console.log(`Loaded ${result.values} demo values.`);
    });

  program
    .command('backup <file>')
    .description('online backup (SQLite VACUUM INTO, or pg_dump on PostgreSQL)')
    .action(async (file: string) => {
      await withDatabase((database) => backup(database, file, operatorLabel()));
      console.log(`Backup written to ${file}.`);
    });

  program
    .command('restore <file>')
    .description('restore a backup (stop the server first)')
    .action(async (file: string) => {
      const database = openDatabase(loadConfig());
      await restore(database, file);
      if (database.dialect === 'postgres') await database.destroy();
      console.log(`Restored from ${file}.`);
    });

  const audit = program.command('audit').description('audit log');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; exits 1 if any row was altered')
    .action(async () => {
      const result = await withDatabase((database) => verifyAuditChain(database.db));
      if (result.ok)
        console.log(
          `Audit chain OK: ${result.events} events verified` +
            (result.anchorSeq > 0 ? ` (after the pruned events 1–${result.anchorSeq}).` : '.'),
        );
      else {
        console.error(
          `Audit chain BROKEN at event ${result.broken.seq} (${result.broken.reason}); ${result.events} events verified before it.`,
        );
        process.exitCode = 1;
      }
    });

  audit
    .command('prune')
    .description('delete audit events older than N days (N ≥ 180: the retention period)')
    .requiredOption('--older-than-days <n>', 'age in days, at least 180')
    .action(async (opts: { olderThanDays: string }) => {
      const result = await withDatabase((database) =>
        pruneAudit(database.db, Number(opts.olderThanDays), operatorLabel()),
      );
      console.log(
        result.deleted > 0
          ? `Pruned ${result.deleted} audit events (through event ${result.throughSeq}); the chain stays verifiable from there.`
          : 'No audit events old enough to prune.',
      );
    });
}
