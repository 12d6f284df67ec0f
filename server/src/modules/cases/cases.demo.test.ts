import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { seedCasesDemo } from './cases.demo';

describe.each(testDialects())('cases demo on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('seeds one open call with three cases, and re-seeding replaces it', async () => {
    const plan = (await t.ctx.plans.current())!.plan;
    for (let i = 0; i < 2; i++)
      await t.ctx.db
        .transaction()
        .execute((trx) => seedCasesDemo(trx, plan, { now: new Date(), label: 'demo' }));
    const city = await t.login('city');
    const calls = (
      await t.app.inject({
        method: 'GET',
        url: '/api/cases/calls',
        headers: { cookie: city.cookie },
      })
    ).json<{ calls: Array<{ id: number }> }>().calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 'open', submissions: 3, canSubmit: true });
    const sup = await t.login('supervisor');
    const detail = (
      await t.app.inject({
        method: 'GET',
        url: `/api/cases/calls/${calls[0]!.id}`,
        headers: { cookie: sup.cookie },
      })
    ).json<{ submissions: Array<{ unitName: string }> }>();
    expect(detail.submissions.map((s) => s.unitName).sort()).toEqual(
      ['广州市', '梅州市', '省人力资源社会保障厅'].sort(),
    );
  });
});
