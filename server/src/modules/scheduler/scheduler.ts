// Scheduled jobs: what a job is, how one slot of it runs (claimed in job_runs first, so it runs
// once across restarts and processes), and which runner drives them — an in-process timer on
// the embedded SQLite database, pg-boss on PostgreSQL.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import { notFound } from '../../common/errors';
import { lastSlot, type Schedule, type Slot } from './schedule';
import { claimRun, finishRun } from './scheduler.repository';

export interface JobDefinition {
  name: string;
  description: string;
  schedule: Schedule;
  /** How late a missed slot may still be run (after downtime); later ones are skipped. */
  graceMinutes: number;
  run(ctx: AppContext, slot: Slot): Promise<Record<string, unknown>>;
}

export interface RunResult {
  job: string;
  runKey: string;
  /** false: the slot was already claimed (by another process or an earlier run). */
  ran: boolean;
  outcome?: 'ok' | 'failed';
  summary?: Record<string, unknown> | string;
}

export interface Scheduler {
  readonly kind: 'in-process' | 'pg-boss';
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const workerId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Runs one slot of a job unless it has been claimed; failures are recorded, not thrown. */
export async function runSlot(
  ctx: AppContext,
  job: JobDefinition,
  slot: Slot,
  worker: string,
  onError: (error: unknown) => void = () => undefined,
): Promise<RunResult> {
  const runKey = `${job.name}:${slot.key}`;
  const id = await claimRun(ctx.db, {
    job: job.name,
    run_key: runKey,
    started_at: new Date().toISOString(),
    worker,
  });
  if (id === null) return { job: job.name, runKey, ran: false };
  try {
    const summary = await job.run(ctx, slot);
    await finishRun(ctx.db, id, 'ok', JSON.stringify(summary));
    return { job: job.name, runKey, ran: true, outcome: 'ok', summary };
  } catch (error) {
    onError(error);
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(ctx.db, id, 'failed', message);
    return { job: job.name, runKey, ran: true, outcome: 'failed', summary: message };
  }
}

/** The slot a job should run at `now`, or null when its last slot is past the grace period. */
export function dueSlot(job: JobDefinition, now: Date): Slot | null {
  const slot = lastSlot(job.schedule, now);
  return now.getTime() - slot.at.getTime() <= job.graceMinutes * 60_000 ? slot : null;
}

/**
 * Runs a job at once, outside its schedule (CLI, tests): its own run key, so the scheduled
 * slot still runs as planned.
 */
export async function runJobOnce(
  ctx: AppContext,
  name: string,
  jobs: JobDefinition[],
  now = new Date(),
): Promise<RunResult> {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw notFound('JOB_NOT_FOUND', `没有名为“${name}”的定时任务`);
  const slot = { key: `manual-${now.toISOString()}`, at: now };
  return runSlot(ctx, job, slot, `manual:${workerId()}`);
}

/** MINSHENG_SCHEDULER=off turns the scheduler off (e.g. for extra web-only processes). */
export function schedulerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', 'false', '0', 'no'].includes((env.MINSHENG_SCHEDULER ?? '').toLowerCase());
}
