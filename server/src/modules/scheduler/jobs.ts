// The platform's scheduled jobs and how the scheduler is started: due-date reminders, ledger
// statuses, supervision rules, and the bulletin drafts (monthly, quarterly, the Monday one).
import type { AppContext } from '../../context';
import { todayCst } from '../../../../core/reporting/deadlines';
import { produceDueReminders } from '../reporting/timeliness.service';
import { refreshLedgerStatuses } from '../ledgers/ledgers.service';
import { runSupervisionRules } from '../supervision/rules.service';
import { draftBulletin } from '../bulletins/bulletins.service';
import { InProcessScheduler } from './in-process';
import { PgBossScheduler } from './pg-boss';
import { runJobOnce, type JobDefinition, type RunResult, type Scheduler } from './scheduler';
import type { Slot } from './schedule';

const SCHEDULER = { actor: null, ip: null, label: 'system:scheduler' };

/** The day before a slot in Beijing (the Monday bulletin reports as of Sunday). */
const dayBefore = (slot: Slot) => todayCst(new Date(slot.at.getTime() - 86_400_000));

export const JOBS: JobDefinition[] = [
  {
    name: 'reporting-reminders',
    description: '数据报送到期提醒',
    schedule: { every: 15 },
    graceMinutes: 15,
    run: async (ctx) => ({ reminders: await produceDueReminders(ctx) }),
  },
  {
    name: 'ledger-statuses',
    description: '按规则刷新台账事项状态（里程碑逾期→滞后等）',
    schedule: { every: 60 },
    graceMinutes: 60,
    run: async (ctx) => refreshLedgerStatuses(ctx),
  },
  {
    name: 'supervision-rules',
    description: '运行督办规则：自动立项、逾期答复升级',
    schedule: { every: 60 },
    graceMinutes: 60,
    run: async (ctx) => runSupervisionRules(ctx),
  },
  {
    name: 'bulletin-monthly',
    description: '起草上月通报（每月1日 08:00）',
    schedule: { at: '08:00', monthDay: 1 },
    graceMinutes: 3 * 24 * 60,
    run: async (ctx, slot) => {
      const b = await draftBulletin(ctx, { kind: 'monthly' }, SCHEDULER, slot.at);
      return { bulletinId: b.id, period: b.period };
    },
  },
  {
    name: 'bulletin-quarterly',
    description: '起草上季度通报（每季度首日 08:00）',
    schedule: { at: '08:00', monthDay: 1, months: [1, 4, 7, 10] },
    graceMinutes: 3 * 24 * 60,
    run: async (ctx, slot) => {
      const b = await draftBulletin(ctx, { kind: 'quarterly' }, SCHEDULER, slot.at);
      return { bulletinId: b.id, period: b.period };
    },
  },
  {
    name: 'bulletin-weekly',
    description: '周一通报：截至上周日的推进情况（每周一 07:30）',
    schedule: { at: '07:30', weekday: 1 },
    graceMinutes: 24 * 60,
    run: async (ctx, slot) => {
      const asOf = dayBefore(slot);
      const b = await draftBulletin(
        ctx,
        {
          kind: 'adhoc',
          asOf,
          title: `全省民生十大工程推进情况周通报（截至${asOf.slice(0, 4)}年${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8))}日）`,
        },
        SCHEDULER,
        slot.at,
      );
      return { bulletinId: b.id, asOf };
    },
  },
];

/** Runs one job at once (CLI `minsheng jobs run`, tests), whatever its schedule. */
export function runJobNow(ctx: AppContext, name: string, now = new Date()): Promise<RunResult> {
  return runJobOnce(ctx, name, JOBS, now);
}

/** The scheduler for the configured database: pg-boss on PostgreSQL, a timer on SQLite. */
export function createScheduler(
  ctx: AppContext,
  onError: (error: unknown) => void,
  jobs: JobDefinition[] = JOBS,
): Scheduler {
  return ctx.database.dialect === 'postgres'
    ? new PgBossScheduler(ctx, jobs, onError)
    : new InProcessScheduler(ctx, jobs, onError);
}
