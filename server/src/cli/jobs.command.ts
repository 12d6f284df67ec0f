// `minsheng jobs list` / `minsheng jobs run <name>`: the scheduled jobs, their schedules and
// last runs; run one now (recorded in job_runs like a scheduled run, under its own key).
import type { Command } from 'commander';
import { withDatabase } from './output';

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('scheduled jobs (定时任务)');
  jobs
    .command('list')
    .description('list the scheduled jobs with their schedule and last run')
    .action(async () => {
      // Loaded on use: the jobs pull in the bulletin renderer (echarts, docx).
      const { JOBS } = await import('../modules/scheduler/jobs');
      const { describeSchedule } = await import('../modules/scheduler/schedule');
      const { lastRuns } = await import('../modules/scheduler/scheduler.repository');
      const runs = await withDatabase((database) => lastRuns(database.db, 500));
      for (const job of JOBS) {
        const last = runs.find((r) => r.job === job.name);
        console.log(
          `${job.name.padEnd(22)} ${describeSchedule(job.schedule).padEnd(24)} ${job.description}`,
        );
        console.log(
          `${''.padEnd(22)} 上次运行：${last ? `${last.started_at} ${last.outcome ?? '运行中'}（${last.worker}）` : '无'}`,
        );
      }
    });
  jobs
    .command('run <name>')
    .description('run one job now, whatever its schedule')
    .action(async (name: string) => {
      const { createContext } = await import('../context');
      const { loadConfig } = await import('../config');
      const { runJobNow } = await import('../modules/scheduler/jobs');
      const result = await withDatabase(async (database) =>
        runJobNow(await createContext(loadConfig(), database), name),
      );
      const summary =
        typeof result.summary === 'string' ? result.summary : JSON.stringify(result.summary);
      console.log(`${result.job}：${result.outcome === 'ok' ? '完成' : '失败'} ${summary}`);
      if (result.outcome !== 'ok') process.exitCode = 1;
    });
}
