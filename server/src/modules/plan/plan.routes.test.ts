import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import type { Plan } from '../../../../core/plan/schema';

describe.each(testDialects())('plan API on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('serves the imported Guangdong plan: 10 domains, tasks 1–27, every target', async () => {
    const { cookie } = await t.login('county');
    const res = await t.app.inject({ url: '/api/plan', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const { plan, revision } = res.json<{ plan: Plan; revision: { number: number } }>();
    expect(revision.number).toBe(1);
    expect(plan.domains).toHaveLength(10);
    const taskNumbers = plan.domains.flatMap((d) => d.tasks.map((task) => task.number));
    expect(taskNumbers).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    const texts = plan.domains
      .flatMap((d) => [...(d.targets ?? []), ...d.tasks.flatMap((task) => task.targets)])
      .map((x) => x.text);
    expect(texts.length).toBeGreaterThanOrEqual(70);
    expect(texts.some((x) => x.includes('550万人以上'))).toBe(true);
    expect(texts.some((x) => x.includes('98%以上') && x.includes('12345'))).toBe(true);
  });

  it('stores the targets of the revision as rows for later modules', async () => {
    const rows = await t.ctx.db
      .selectFrom('plan_targets')
      .select(['code', 'domain_code', 'task_number'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(70);
    expect(new Set(rows.map((r) => r.domain_code)).size).toBe(10);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ url: '/api/plan' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'AUTH_REQUIRED', message: '请先登录' });
  });
});
