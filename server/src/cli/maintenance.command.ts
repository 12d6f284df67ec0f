import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { pruneAudit, verifyAuditChain } from '../modules/audit/audit.service';
import { backup, restore } from '../modules/backup/backup.service';
import { seedDemo } from '../modules/demo/demo.service';
import { seedScale, type ScalePhase } from '../modules/demo/scale.service';
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
    .option(
      '--scale <scale>',
      'demo: every module, values in their own periods; full: plus the volume (5 years monthly × every element × every county-level unit, 10M survey responses, 1M 12345 tickets)',
      'demo',
    )
    .option('--years <n>', 'with --scale full: years from the plan start (default 5)')
    .option('--responses <n>', 'with --scale full: survey responses (default 10000000)')
    .option('--tickets <n>', 'with --scale full: 12345 tickets (default 1000000)')
    .action(async (opts: SeedOptions) => {
      if (opts.scale !== 'demo' && opts.scale !== 'full')
        throw new AppError(
          400,
          'SCALE_INVALID',
          `--scale 只能是 demo 或 full，而不是“${opts.scale}”`,
        );
      const started = performance.now();
      await withDatabase(async (database) => {
        const current = await loadCurrentPlan(database.db);
        if (!current)
          throw new AppError(
            404,
            'PLAN_NOT_IMPORTED',
            '尚未导入计划，请先执行 minsheng plan import',
          );
        const orgs = await OrgDirectory.load(database.db);
        const seed = Number(opts.seed);
        if (opts.scale === 'demo') {
          const result = await seedDemo(database.db, current.plan, orgs, {
            seed,
            label: operatorLabel(),
          });
          console.log(`Loaded ${result.values} demo values.`);
          return;
        }
        const result = await seedScale(database, current.plan, orgs, {
          seed,
          label: operatorLabel(),
          years: count(opts.years, '--years'),
          responses: count(opts.responses, '--responses'),
          tickets: count(opts.tickets, '--tickets'),
          onProgress: progressPrinter(started),
        });
        const s = result.seconds;
        console.log(
          `Loaded the full scale (seed ${seed}) in ${elapsed(started)}: ` +
            `${fmt(result.values)} values (${s.values} s), ${fmt(result.responses)} survey responses and ${fmt(result.aggregates)} aggregates (${s.responses} s), ` +
            `${fmt(result.tickets)} 12345 tickets (${s.tickets} s); the demo of every module first (${s.demo} s).`,
        );
      });
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

interface SeedOptions {
  seed: string;
  scale: string;
  years?: string;
  responses?: string;
  tickets?: string;
}

function count(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new AppError(400, 'SCALE_COUNT_INVALID', `${flag} 应为非负整数，而不是“${text}”`);
  return n;
}

const fmt = (n: number) => n.toLocaleString('en');
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** One line per reported step, at most one per phase and 10 %. */
function progressPrinter(started: number) {
  const last = new Map<ScalePhase, number>();
  return (phase: ScalePhase, done: number, total: number) => {
    const step = total ? Math.floor((done / total) * 10) : 10;
    if (last.get(phase) === step) return;
    last.set(phase, step);
    console.log(
      `  ${phase.padEnd(9)} ${fmt(done).padStart(12)} / ${fmt(total)}  (${elapsed(started)})`,
    );
  };
}
