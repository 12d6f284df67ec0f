// Browser suite for 情况展示: the supervision office opens the dashboard on the full demo data
// set — the Guangdong map with all 21 cities, every target with a status and its reason, a
// drill-down to a county — and a value approved a second ago is already counted.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../server/src/testing/app';
import { testDialects } from '../server/src/testing/databases';
import { REPO_ROOT } from '../server/src/config';
import { seedDemo } from '../server/src/modules/demo/demo.service';
import { browserAvailability, launchBrowser, saveScreenshot } from './browser';

const availability = browserAvailability();
const suiteName = availability.available
  ? '情况展示 dashboard'
  : `情况展示 dashboard (skipped: ${availability.skipReason})`;

describe.skipIf(!availability.available)(suiteName, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
    t = await createTestApp(sqlite, {}, { webDistDir: path.join(REPO_ROOT, 'web', 'dist') });
    const current = await t.ctx.plans.current();
    await seedDemo(t.ctx.db, current!.plan, t.ctx.orgs, { seed: 7, label: 'e2e' });
    url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1600, height: 1000 },
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const at = (p: string) => new URL(p, url).toString();
  const breadcrumb = () => page.getByTestId('unit-breadcrumb');

  it('shows the province: status counts, the map of 21 cities, a target with its reason', async () => {
    await page.goto(at('/login'));
    await page.getByLabel('用户名', { exact: true }).fill(t.users.supervisor.username);
    await page.getByLabel('密码', { exact: true }).fill(t.users.supervisor.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan/);
    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: /情况展示/ })
      .click();
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('status-counts').waitFor();
    expect(await breadcrumb().innerText()).toContain('广东省');

    // Every target has a status and a reason in words.
    const table = page.getByTestId('target-table');
    await table.waitFor();
    const rows = table.locator('tbody tr[data-target]');
    expect(await rows.count()).toBeGreaterThan(70);
    const statuses = await table.locator('[data-status]').allInnerTexts();
    expect(statuses.length).toBe(await rows.count());
    const reasons = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.lastElementChild?.textContent ?? ''),
    );
    expect(reasons.every((r) => r.length > 8)).toBe(true);

    // T01.1's reason is the plan's own question, answered in words.
    await page.getByRole('combobox', { name: '选择指标' }).click();
    await page.keyboard.type('T01.1');
    await page.keyboard.press('Enter');
    const reason = page.getByTestId('selected-reason');
    await expect
      .poll(() => reason.innerText())
      .toMatch(/按当前增速，2027年预计达到[\d.]+万人，(低于|达到)目标550万人/);

    // The map: all 21 cities, from the real boundaries (echarts 4.9 guangdong.json).
    const geo = await page.evaluate(async () => {
      const r = await fetch('/api/geo/guangdong');
      return ((await r.json()) as { features: unknown[] }).features.length;
    });
    expect(geo).toBe(21);
    const map = page.getByTestId('dashboard-map');
    await map.locator('canvas').first().waitFor();
    const ranking = page.getByTestId('ranking');
    await expect.poll(() => ranking.locator('[data-unit]').count()).toBe(21);
    await saveScreenshot(page, 'dashboard-01-province');

    // The map's table view lists the same 21 cities.
    await map.getByText('表格', { exact: true }).click();
    await expect.poll(() => map.locator('tbody tr.ant-table-row').count()).toBe(21);
    await map.getByText('图表', { exact: true }).click();
  });

  it('drills down from the province to a city and its county', async () => {
    await page.getByTestId('ranking').locator('[data-unit="441400"] a').click();
    await expect.poll(() => breadcrumb().innerText()).toContain('梅州市');
    await expect.poll(() => page.getByTestId('ranking').locator('[data-unit]').count()).toBe(8);
    await saveScreenshot(page, 'dashboard-02-city');
    await page.getByTestId('ranking').locator('[data-unit="441403"] a').click();
    await expect.poll(() => breadcrumb().innerText()).toContain('梅县区');
    await page.getByTestId('trend').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('selected-reason').innerText()).toContain('截至');
  });

  it('counts a value approved a second ago on the next request', async () => {
    const reason = page.getByTestId('selected-reason');
    const before = await reason.innerText();
    const submitted = await t.ctx.db
      .selectFrom('data_values')
      .select(['period', 'value'])
      .where('element_code', '=', 'emp.urban-new-jobs')
      .where('unit_code', '=', '441403')
      .where('status', '=', 'submitted')
      .orderBy('period')
      .execute();
    expect(submitted.length).toBeGreaterThan(0);
    const latest = submitted.at(-1)!.period; // e.g. 2026-10
    expect(before).not.toContain(`${Number(latest.slice(0, 4))}年${Number(latest.slice(5))}月累计`);

    // The city approves (what the reporting module writes to data_values).
    await t.ctx.db
      .updateTable('data_values')
      .set({ status: 'approved', updated_at: new Date().toISOString() })
      .where('element_code', '=', 'emp.urban-new-jobs')
      .where('unit_code', '=', '441403')
      .where('status', '=', 'submitted')
      .execute();

    await page.reload();
    const after = page.getByTestId('selected-reason');
    await expect
      .poll(() => after.innerText())
      .toContain(`截至${Number(latest.slice(0, 4))}年${Number(latest.slice(5))}月累计`);
    expect(await after.innerText()).not.toBe(before);
    await saveScreenshot(page, 'dashboard-03-county-after-approval');
  });

  it('opens the large-screen mode', async () => {
    await page.goto(at('/dashboard'));
    await page.getByRole('button', { name: /大屏模式/ }).click();
    await page.getByTestId('big-screen').waitFor();
    await page.getByTestId('dashboard-map').locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'dashboard-04-big-screen');
    await page.getByRole('button', { name: /退出大屏/ }).click();
  });

  it('analyses regions and the cities’ composite (业务分析)', async () => {
    await page.goto(at('/analytics?target=T04.2'));
    await page.getByTestId('region-values').locator('canvas').first().waitFor();
    await page.getByTestId('dispersion').locator('canvas').first().waitFor();
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toMatch(/变异系数由[\d.]+(降至|升至)[\d.]+/);
    await saveScreenshot(page, 'dashboard-06-regions');
    await page.getByRole('tab', { name: '地市综合' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(21);
    await page.getByRole('cell', { name: '梅州市', exact: true }).click();
    await expect.poll(() => page.getByText(/梅州市 · 全部指标/).count()).toBe(1);
    await saveScreenshot(page, 'dashboard-07-cities');
  });

  it('shows published targets on the public page without login', async () => {
    const res = await page.evaluate(async () => {
      const me = await fetch('/api/auth/me');
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const r = await fetch('/api/analytics/published/T04.2', {
        method: 'PUT',
        headers: { 'x-csrf-token': csrfToken },
      });
      return r.status;
    });
    expect(res).toBe(204);
    const phone = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
    });
    try {
      const p = await phone.newPage();
      const scripts: string[] = [];
      p.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.push(r.url());
      });
      await p.goto(at('/public/progress'));
      await p.locator('[data-target="T04.2"]').waitFor();
      expect(await p.locator('article').count()).toBe(1);
      expect(await p.locator('article').innerText()).toContain('公办园在园幼儿占比');
      await p.getByRole('heading', { name: '12345消费投诉信息公示' }).waitFor();
      // The portal is the light page: a few KB of its own script, never the staff app's bundle.
      const scriptBytes = await p.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.endsWith('.js'))
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).decodedBodySize, 0),
      );
      expect(scripts.length).toBeGreaterThan(0);
      expect(scriptBytes).toBeLessThan(20_000);
      await saveScreenshot(p, 'dashboard-05-public-phone');
    } finally {
      await phone.close();
    }
  });
});
