// Browser suite for 十件民生实事: a viewer opens the 2025 list (ten cards with status tags and
// progress from reported values); the supervision office edits a matter in the form — a
// deadline outside the year is refused on its field first — and the card shows the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { seedPracticalMattersDemo } from '../server/src/modules/practical-matters/practical-matters.demo';
import { browserAvailability, launchBrowser, saveScreenshot, signIn } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '十件民生实事 practical matters'
  : `十件民生实事 practical matters (skipped: ${availability.skipReason})`;

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(role: 'viewer' | 'supervisor'): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1500, height: 1000 },
      deviceScaleFactor: 1,
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.url, server.users[role]);
    await page.goto(new URL('/practical-matters?year=2025', server.url).toString());
    await page.getByTestId('matter-card').first().waitFor();
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const plan = (await server.ctx.plans.current())!.plan;
    await server.ctx.db
      .transaction()
      .execute((trx) => seedPracticalMattersDemo(trx, plan, { now: new Date(), label: 'e2e' }));
    // 2025: 111 万 new jobs (achieved against 110 万), 6 万 hard-to-employ (short of 8 万).
    const at = new Date().toISOString();
    await server.ctx.db
      .insertInto('data_values')
      .values(
        [
          ['emp.urban-new-jobs', '2025-06', 1_110_000],
          ['emp.hard-to-employ-employed', '2025-06', 60_000],
        ].map(([element, period, value]) => ({
          element_code: element as string,
          unit_code: '441403',
          period: period as string,
          value: value as number,
          status: 'approved' as const,
          updated_at: at,
          updated_by: 'e2e',
        })),
      )
      .execute();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the year’s ten matters with statuses, progress and linked tasks', async () => {
    const page = await open('viewer');
    const cards = page.getByTestId('matter-card');
    expect(await cards.count()).toBe(10);
    const first = cards.first();
    await expect.poll(() => first.getAttribute('data-status')).toBe('off_track');
    expect(
      await first.locator('[data-target="SS2025-01-1"] [data-status]').getAttribute('data-status'),
    ).toBe('achieved');
    expect(
      await first.locator('[data-target="SS2025-01-2"] [data-status]').getAttribute('data-status'),
    ).toBe('off_track');
    expect(await first.getByRole('link', { name: /实施就业岗位扩容提质行动/ }).count()).toBe(1);
    expect(await page.getByTestId('matters-export').getAttribute('href')).toBe(
      '/api/practical-matters/export?year=2025',
    );
    // Readers get no editing buttons.
    expect(await page.getByTestId('matter-edit').count()).toBe(0);
    expect(await page.getByTestId('matters-add').count()).toBe(0);
    await saveScreenshot(page, 'practical-matters-list');
  });

  it('lets the supervision office edit a matter, with the server’s errors on the fields', async () => {
    const page = await open('supervisor');
    const card = page.locator('[data-testid="matter-card"][data-seq="2"]');
    await card.getByTestId('matter-edit').click();
    const form = page.getByTestId('matter-form');
    await form.waitFor();
    await page.getByTestId('matter-title').fill('实施“粤菜师傅”技能培训（调整）');
    const deadline = form.getByLabel('截止日期').first();
    await deadline.fill('2026-06-30');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('matter-form-error').waitFor();
    await form.getByText('不在 2025 年之内').first().waitFor();
    await saveScreenshot(page, 'practical-matters-form-error');
    await deadline.fill('2025-12-31');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'detached' });
    await card.getByText('实施“粤菜师傅”技能培训（调整）').waitFor();
    await saveScreenshot(page, 'practical-matters-edited');
  });
});
