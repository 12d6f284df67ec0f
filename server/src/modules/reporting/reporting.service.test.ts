// The service contract other modules build on (saveValues / exportValues for imports), the
// reminder producer, and the demo data's submissions — through real databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import type { Actor } from '../../common/policy';
import type { Role } from '../../db/schema';
import { AppError } from '../../common/errors';
import { buildActor } from '../auth/auth.service';
import { seedDemo } from '../demo/demo.service';
import { deadlinesOf, todayCst } from '../../../../core/reporting';
import { exportValues, saveValues } from './values.service';
import { produceDueReminders } from './timeliness.service';

const MONTH = todayCst(new Date()).slice(0, 7);
const FORM = 'D01-county-month';

describe.each(testDialects())('reporting services on $name', (dialect) => {
  let t: TestApp;
  const actors = new Map<Role, Actor>();
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of ['county', 'city', 'department'] as Role[]) {
      const u = await t.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', t.users[role].username)
        .executeTakeFirstOrThrow();
      actors.set(
        role,
        await buildActor(t.ctx, {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role,
          unitCode: u.unit_code,
          unitName: null,
        }),
      );
    }
  });
  afterAll(() => t.close());

  const value = (elementCode: string, v: number | null, unitCode = '441403') => ({
    elementCode,
    unitCode,
    period: MONTH,
    value: v,
  });

  it('imports with submit: the upload time counts as submission time', async () => {
    const uploadedAt = new Date(Date.now() - 3_600_000).toISOString();
    const result = await saveValues(t.ctx, actors.get('county')!, {
      formCode: FORM,
      values: [value('emp.urban-new-jobs', 10), value('emp.reemployed', 4)],
      source: 'xlsx',
      submit: true,
      submittedAt: uploadedAt,
    });
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(result.submitted).toEqual([{ formCode: FORM, unitCode: '441403', period: MONTH }]);
    const sub = await t.ctx.db
      .selectFrom('report_submissions')
      .selectAll()
      .where('form_code', '=', FORM)
      .where('unit_code', '=', '441403')
      .executeTakeFirstOrThrow();
    expect(sub.state).toBe('submitted');
    expect(new Date(sub.first_submitted_at!).toISOString()).toBe(uploadedAt);
    const history = await t.ctx.db.selectFrom('data_value_history').select('source').execute();
    expect(history.every((h) => h.source === 'xlsx')).toBe(true);
  });

  it('counts unchanged values and reports rejections by index in a dry run', async () => {
    const dry = await saveValues(t.ctx, actors.get('city')!, {
      values: [
        value('emp.urban-new-jobs', 11, '441402'),
        value('emp.reemployed', -1, '441402'),
        value('x.y', 1),
      ],
      source: 'csv',
      dryRun: true,
    });
    expect(dry.created).toBe(1);
    expect(dry.rejected.map((r) => [r.index, r.field])).toEqual([
      [1, 'value'],
      [2, 'elementCode'],
    ]);
    const stored = await t.ctx.db
      .selectFrom('data_values')
      .select('unit_code')
      .where('unit_code', '=', '441402')
      .execute();
    expect(stored).toHaveLength(0);
    await expect(
      saveValues(t.ctx, actors.get('city')!, {
        values: [value('emp.reemployed', -1, '441402')],
        source: 'csv',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'VALUES_INVALID' });
    const same = await saveValues(t.ctx, actors.get('city')!, {
      values: [value('emp.urban-new-jobs', 11, '441402')],
      source: 'json',
    });
    expect(same.created).toBe(1);
    const again = await saveValues(t.ctx, actors.get('city')!, {
      values: [value('emp.urban-new-jobs', 11, '441402')],
      source: 'json',
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('refuses values outside the actor’s unit or domain with 403', async () => {
    const err = await saveValues(t.ctx, actors.get('county')!, {
      values: [value('emp.urban-new-jobs', 1, '441402')],
      source: 'csv',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(403);
    const dept = await saveValues(t.ctx, actors.get('department')!, {
      values: [
        {
          elementCode: 'edu.kindergarten-pupils',
          unitCode: '441403',
          period: MONTH.slice(0, 4),
          value: 5,
        },
      ],
      source: 'dhis2',
    }).catch((e: unknown) => e);
    expect((dept as AppError).status).toBe(403);
  });

  it('exports values in the actor’s scope', async () => {
    const rows = await exportValues(t.ctx, actors.get('county')!, {
      unitCodes: ['441403', '441402'],
      periods: [MONTH],
    });
    expect(rows.map((r) => r.unitCode)).toEqual(['441403', '441403']);
    expect(rows[0]).toMatchObject({ status: 'submitted', period: MONTH });
  });

  it('produces due reminders once: before the due date and on it', async () => {
    const period = '2026-03';
    const { dueDate } = deadlinesOf(period, 10, 30);
    const before = new Date(`${dueDate}T02:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 2);
    const first = await produceDueReminders(t.ctx, before);
    expect(first).toBeGreaterThan(100);
    expect(await produceDueReminders(t.ctx, before)).toBe(0);
    const onDay = await produceDueReminders(t.ctx, new Date(`${dueDate}T02:00:00Z`));
    expect(onDay).toBeGreaterThan(100);
    const mine = await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('unit_code', '=', '441403')
      .where('kind', 'like', 'reminder.%')
      .execute();
    const forJobs = mine.filter((n) => n.link.includes(FORM) && n.link.includes(period));
    expect(forJobs.map((n) => n.kind).sort()).toEqual(['reminder.before', 'reminder.due']);
  });

  it('seeds demo submissions matching the demo values', async () => {
    const plan = (await t.ctx.plans.current())!.plan;
    const now = new Date('2026-11-15T00:00:00Z');
    await seedDemo(t.ctx.db, plan, t.ctx.orgs, { seed: 3, now, label: 'test' });
    const subs = await t.ctx.db.selectFrom('report_submissions').selectAll().execute();
    expect(subs.length).toBeGreaterThan(1000);
    const approvedValue = await t.ctx.db
      .selectFrom('data_values')
      .select(['element_code', 'unit_code', 'period'])
      .where('status', '=', 'approved')
      .where('element_code', '=', 'emp.urban-new-jobs')
      .where('unit_code', '=', '441403')
      .orderBy('period')
      .executeTakeFirstOrThrow();
    const sub = subs.find(
      (s) => s.form_code === FORM && s.unit_code === '441403' && s.period === approvedValue.period,
    );
    expect(sub?.state).toBe('approved');
    // 梅州's roll-up is approved where all its counties are.
    expect(
      subs.find(
        (s) =>
          s.form_code === FORM && s.unit_code === '441400' && s.period === approvedValue.period,
      )?.state,
    ).toBe('approved');
    const recent = subs.filter((s) => s.form_code === FORM && s.period === '2026-10');
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((s) => s.state === 'submitted')).toBe(true);
  });
});
