// Browser suite for 动态调整 (plan revisions): the department responsible for 就业 proposes
// lowering one target and raising another in the 目标调整 tab, the supervisor approves it there
// and sees the revision and its diff, and the dashboard judges the current period by the new
// targets and an earlier period by the old ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { resolve } from 'node:path';
import {
  browserAvailability,
  launchBrowser,
  saveScreenshot,
  screenshotDir,
  signIn as signInAs,
} from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
type Role = keyof TestServer['users'];

const availability = browserAvailability();
const suiteName = availability.available
  ? '动态调整 plan revisions'
  : `动态调整 plan revisions (skipped: ${availability.skipReason})`;

const REASON = '受外部环境影响，城镇新增就业目标下调，失业人员再就业目标上调';
// In force from the start of this year: the current year shows the new targets, last year the old.
const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const EFFECTIVE = `${thisYear}-01-01`;

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function signIn(role: Role): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1500, height: 1000 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await signInAs(page, server.url, server.users[role]);
    return page;
  }

  async function pickTarget(page: Page, row: number, code: string) {
    const select = page.getByTestId(`change-row-${row}`).getByRole('combobox');
    await select.click();
    await select.fill(code);
    // Enter picks the highlighted option: clicking it raced the dropdown's animation on a
    // loaded machine (the option moved, then the dropdown closed under the pointer).
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
      .filter({ hasText: code })
      .waitFor();
    await select.press('Enter');
    await expect.poll(() => page.getByTestId(`change-row-${row}`).innerText()).toContain('现行：');
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('the department proposes lowering T01.1 and raising T01.2', async () => {
    const page = await signIn('department');
    await page.goto(new URL('/midterm-evaluation?tab=plan-changes', server.url).toString());
    await page.getByRole('button', { name: /提出调整/ }).click();
    await pickTarget(page, 0, 'T01.1');
    await expect
      .poll(() => page.getByTestId('change-row-0').innerText())
      .toContain('现行：550万人');
    await page.getByTestId('change-row-0').getByLabel('新目标值').fill('500');
    await page.getByRole('button', { name: /再调整一项指标/ }).click();
    await pickTarget(page, 1, 'T01.2');
    await page.getByTestId('change-row-1').getByLabel('新目标值').fill('220');
    await page.getByLabel('调整理由').fill(REASON);
    await page.getByLabel('生效日期').fill(EFFECTIVE);
    await page.getByRole('button', { name: /提交申请/ }).click();
    const row = page.getByTestId('change-requests').locator('tr[data-request]').first();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('待审批');
    const text = await row.innerText();
    expect(text).toMatch(/T01\.1[\s\S]*550[\s\S]*500/);
    expect(text).toMatch(/T01\.2[\s\S]*200[\s\S]*220/);
    await saveScreenshot(page, 'plan-revisions-proposed');
  }, 120_000);

  it('the supervisor approves and sees the new revision and its diff', async () => {
    const page = await signIn('supervisor');
    await page.goto(new URL('/midterm-evaluation?tab=plan-changes', server.url).toString());
    const row = page.getByTestId('change-requests').locator('tr[data-request]').first();
    await row.getByRole('button', { name: /批\s*准/ }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('已批准');
    expect(await row.innerText()).toContain('第2版');
    const revisions = page.getByTestId('revision-list');
    await expect.poll(() => revisions.innerText()).toContain('第2版');
    expect(await revisions.locator('[data-revision="2"]').innerText()).toContain('现行');
    expect(await revisions.locator('[data-revision="2"]').innerText()).toContain(REASON);
    const diff = page.getByTestId('revision-diff');
    await expect.poll(() => diff.innerText()).toMatch(/T01\.1[\s\S]*550[\s\S]*500/);
    await saveScreenshot(page, 'plan-revisions-approved');
  }, 120_000);

  it('the dashboard shows the new targets from the date and the old ones before it', async () => {
    const page = await signIn('supervisor');
    const goal = (code: string) =>
      page.getByTestId('target-table').locator(`tr[data-target="${code}"]`).innerText();
    await page.goto(new URL(`/dashboard?period=${thisYear}&target=T01.1`, server.url).toString());
    await expect
      .poll(() => page.getByTestId('plan-revision').innerText(), { timeout: 30_000 })
      .toContain(`第2版（${EFFECTIVE}起）`);
    expect(await goal('T01.1')).toContain('500万人');
    expect(await goal('T01.2')).toContain('220万人');
    await saveScreenshot(page, 'plan-revisions-dashboard-new');
    // The top of the page (period, revision tag) and the trend with the revision's mark.
    await page.screenshot({ path: resolve(screenshotDir, 'plan-revisions-dashboard-top.png') });
    await page.getByTestId('trend').screenshot({
      path: resolve(screenshotDir, 'plan-revisions-trend.png'),
    });

    await page.goto(
      new URL(`/dashboard?period=${thisYear - 1}&target=T01.1`, server.url).toString(),
    );
    await expect
      .poll(() => page.getByTestId('plan-revision').innerText(), { timeout: 30_000 })
      .toContain('第1版');
    expect(await goal('T01.1')).toContain('550万人');
    expect(await goal('T01.2')).toContain('200万人');
    await saveScreenshot(page, 'plan-revisions-dashboard-old');
  }, 120_000);
});
