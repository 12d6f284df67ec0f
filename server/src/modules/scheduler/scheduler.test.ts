import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../context';
import { openPostgres, openSqlite, type Database } from '../../db/database';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { InProcessScheduler } from './in-process';
import { PgBossScheduler } from './pg-boss';
import { runJobNow } from './jobs';
import { runsOf } from './scheduler.repository';
import type { JobDefinition } from './scheduler';

function countingJob(name: string, counter: { n: number }, delayMs = 50): JobDefinition {
  return {
    name,
    description: 'test',
    schedule: { every: 15 },
    graceMinutes: 15,
    run: async () => {
      counter.n += 1;
      await new Promise((r) => setTimeout(r, delayMs));
      return { n: counter.n };
    },
  };
}

const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
};

describe.each(testDialects())('scheduler on $name', (dialect) => {
  let t: TestApp;
  let second: Database;
  let ctx2: AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // A second app process on the same database.
    second =
      dialect.name === 'sqlite'
        ? openSqlite(t.database.location)
        : openPostgres(t.database.location, 3);
    ctx2 = await createContext(t.ctx.config, second);
  });
  afterAll(async () => {
    await second.destroy();
    await t.close();
  });

  it('runs a slot once across two schedulers on the same database, and again after a restart', async () => {
    const counter = { n: 0 };
    const job = countingJob('test-once', counter);
    const a = new InProcessScheduler(t.ctx, [job]);
    const b = new InProcessScheduler(ctx2, [job]);
    const now = new Date('2026-11-28T23:07:00Z');
    const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
    expect(counter.n).toBe(1);
    expect([...ra, ...rb].filter((r) => r.ran)).toHaveLength(1);
    // A restarted process (a new scheduler) finds the slot taken.
    const restarted = new InProcessScheduler(ctx2, [job]);
    expect(await restarted.tick(new Date('2026-11-28T23:14:59Z'))).toMatchObject([{ ran: false }]);
    // The next slot runs.
    await restarted.tick(new Date('2026-11-28T23:15:00Z'));
    expect(counter.n).toBe(2);
    const runs = await runsOf(t.ctx.db, 'test-once');
    expect(runs.map((r) => [r.run_key, r.outcome])).toEqual([
      ['test-once:2026-11-29T07:00', 'ok'],
      ['test-once:2026-11-29T07:15', 'ok'],
    ]);
  });

  it('skips a slot past its grace period and records a failure without throwing', async () => {
    const counter = { n: 0 };
    const late = { ...countingJob('test-late', counter), graceMinutes: 5 };
    const failing: JobDefinition = {
      ...countingJob('test-fail', counter),
      run: () => Promise.reject(new Error('数据库不可用')),
    };
    const errors: unknown[] = [];
    const s = new InProcessScheduler(t.ctx, [late, failing], (e) => errors.push(e));
    const results = await s.tick(new Date('2026-11-28T23:07:00Z'));
    expect(counter.n).toBe(0);
    expect(results).toMatchObject([
      { job: 'test-fail', outcome: 'failed', summary: '数据库不可用' },
    ]);
    expect(errors).toHaveLength(1);
    expect((await runsOf(t.ctx.db, 'test-fail'))[0]).toMatchObject({ outcome: 'failed' });
  });

  it('runs the platform jobs on demand: rules, ledger statuses, the Monday bulletin', async () => {
    for (const name of ['supervision-rules', 'ledger-statuses', 'reporting-reminders'])
      expect(await runJobNow(t.ctx, name)).toMatchObject({ ran: true, outcome: 'ok' });
    const weekly = await runJobNow(t.ctx, 'bulletin-weekly', new Date('2026-11-29T23:30:00Z'));
    expect(weekly).toMatchObject({ ran: true, outcome: 'ok', summary: { asOf: '2026-11-29' } });
    const draft = await t.ctx.db
      .selectFrom('bulletins')
      .selectAll()
      .where('id', '=', (weekly.summary as { bulletinId: number }).bulletinId)
      .executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ kind: 'adhoc', status: 'draft', as_of: '2026-11-29' });
    expect(draft.title).toBe('全省民生十大工程推进情况周通报（截至2026年11月29日）');
    await expect(runJobNow(t.ctx, 'no-such-job')).rejects.toMatchObject({ status: 404 });
  });

  // Registered only on PostgreSQL: in CI a skipped test counts as a failure.
  if (dialect.name === 'postgres')
    it('on PostgreSQL two pg-boss schedulers run a due slot exactly once', async () => {
      const counter = { n: 0 };
      const job = countingJob('test-boss', counter, 300);
      const a = new PgBossScheduler(t.ctx, [job], undefined, { pollingIntervalSeconds: 0.5 });
      const b = new PgBossScheduler(ctx2, [job], undefined, { pollingIntervalSeconds: 0.5 });
      await a.start();
      await b.start();
      try {
        // Both processes see the slot due and queue it.
        await Promise.all([
          a.send('test-boss', '2026-11-29T07:00'),
          b.send('test-boss', '2026-11-29T07:00'),
        ]);
        await waitFor(async () => (await runsOf(t.ctx.db, 'test-boss')).some((r) => r.outcome));
        // Give the other worker time to (wrongly) run it too.
        await new Promise((r) => setTimeout(r, 2000));
        expect(counter.n).toBe(1);
        expect(a.results.filter((r) => r.ran).length + b.results.filter((r) => r.ran).length).toBe(
          1,
        );
        const runs = await runsOf(t.ctx.db, 'test-boss');
        expect(runs.map((r) => [r.run_key, r.outcome])).toEqual([
          ['test-boss:2026-11-29T07:00', 'ok'],
        ]);
        // pg-boss keeps its tables in its own schema.
        const schemas = await t.ctx.db
          .selectFrom('information_schema.schemata' as never)
          .select('schema_name' as never)
          .where('schema_name' as never, '=', 'pgboss' as never)
          .execute();
        expect(schemas).toHaveLength(1);
      } finally {
        await a.stop();
        await b.stop();
      }
    }, 20_000);
});
