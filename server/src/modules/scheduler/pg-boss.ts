// On PostgreSQL the jobs run through pg-boss (its own schema `pgboss`): every process
// registers the same schedules and workers; pg-boss's cron monitor sends each due job once
// (one process wins the cron slot) and a fetch with SKIP LOCKED hands it to one worker. The
// run is also claimed in job_runs, which keeps the history and guards a slot against a
// retried or duplicated job.
import PgBoss from 'pg-boss';
import type { AppContext } from '../../context';
import { lastSlot, cronOf } from './schedule';
import { runSlot, workerId, type JobDefinition, type RunResult, type Scheduler } from './scheduler';

export const PGBOSS_SCHEMA = 'pgboss';
const TZ = 'Asia/Shanghai';

interface JobData {
  /** Set when a slot is sent by hand (tests, catch-up); otherwise the slot due now. */
  slot?: string;
}

export class PgBossScheduler implements Scheduler {
  readonly kind = 'pg-boss';
  private readonly boss: PgBoss;
  private readonly worker = workerId();
  /** Results of this process's runs, newest last (tests observe them). */
  readonly results: RunResult[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly jobs: JobDefinition[],
    private readonly onError: (error: unknown) => void = () => undefined,
    options: { pollingIntervalSeconds?: number } = {},
  ) {
    this.boss = new PgBoss({
      connectionString: ctx.database.location,
      schema: PGBOSS_SCHEMA,
      max: 3,
      application_name: 'minsheng-scheduler',
    });
    this.polling = options.pollingIntervalSeconds ?? 10;
    this.boss.on('error', (error) => this.onError(error));
  }

  private readonly polling: number;

  async start(): Promise<void> {
    await this.boss.start();
    for (const job of this.jobs) {
      // pg-boss 10: a queue must exist before it is scheduled or worked; creating is idempotent.
      await this.boss.createQueue(job.name, { name: job.name, policy: 'short', retryLimit: 0 });
      await this.boss.schedule(job.name, cronOf(job.schedule), {}, { tz: TZ });
      await this.boss.work<JobData>(
        job.name,
        { pollingIntervalSeconds: this.polling },
        async (batch) => {
          for (const item of batch) await this.handle(job, item.data);
        },
      );
    }
  }

  private async handle(job: JobDefinition, data: JobData | undefined): Promise<void> {
    const now = new Date();
    const slot = data?.slot ? { key: data.slot, at: now } : lastSlot(job.schedule, now);
    this.results.push(await runSlot(this.ctx, job, slot, this.worker, this.onError));
  }

  /** Queues one slot of a job; the same slot sent twice while queued is one job (policy short). */
  async send(name: string, slot: string): Promise<string | null> {
    return this.boss.send(name, { slot }, { singletonKey: slot });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
