// The embedded default: a timer in the app process checks every job once a minute and runs
// the due slot. Runs are claimed in job_runs, so a restart (or a second process on the same
// SQLite file) never runs a slot twice.
import type { AppContext } from '../../context';
import {
  dueSlot,
  runSlot,
  workerId,
  type JobDefinition,
  type RunResult,
  type Scheduler,
} from './scheduler';

export class InProcessScheduler implements Scheduler {
  readonly kind = 'in-process';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RunResult[]> | null = null;
  private readonly worker = workerId();

  constructor(
    private readonly ctx: AppContext,
    private readonly jobs: JobDefinition[],
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly intervalMs = 60_000,
  ) {}

  start(): Promise<void> {
    void this.tick().catch(this.onError);
    this.timer = setInterval(() => void this.tick().catch(this.onError), this.intervalMs);
    this.timer.unref();
    return Promise.resolve();
  }

  /** Runs every job whose slot is due at `now`, one after another; overlapping ticks wait. */
  async tick(now = new Date()): Promise<RunResult[]> {
    if (this.running) return this.running;
    this.running = (async () => {
      const results: RunResult[] = [];
      for (const job of this.jobs) {
        const slot = dueSlot(job, now);
        if (slot) results.push(await runSlot(this.ctx, job, slot, this.worker, this.onError));
      }
      return results;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
