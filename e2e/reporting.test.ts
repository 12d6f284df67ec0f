// Browser suite for 数据报送: the county reporter fills the employment form with the keyboard,
// saves a draft and submits; an Excel upload with a bad cell shows the dry-run errors; the city
// reviewer finds the submission in the inbox and approves it — on the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatPeriod, periodContaining } from '../core/periods/periods';
import { editWorkbook } from '../core/reporting-io/test-files';
import { DATA_SHEET } from '../core/reporting-io/xlsx-layout';
import { startTestServer } from '../server/src/testing/server';
import { browserAvailability, launchBrowser, saveScreenshot } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '数据报送 reporting'
  : `数据报送 reporting (skipped: ${availability.skipReason})`;

const FORM = 'D01-county-month';
const month = formatPeriod(periodContaining('month', new Date()));

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const at = (path: string) => new URL(path, server.url).toString();
  const stateTag = () => page.getByTestId('submission-state');

  async function signIn(role: 'county' | 'city') {
    await page.goto(at('/login'));
    await page.getByLabel('用户名', { exact: true }).fill(server.users[role].username);
    await page.getByLabel('密码', { exact: true }).fill(server.users[role].password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan/);
  }

  it('opens 数据报送 for the county’s own unit with last period beside each cell', async () => {
    await signIn('county');
    await page.goto(at(`/reporting?form=${FORM}&period=${month}`));
    await page.getByTestId('entry-panel').waitFor();
    const title = await page.getByTestId('entry-panel').locator('.ant-card-head-title').innerText();
    expect(title).toContain('梅县区');
    expect(title).toContain(month);
    expect(await stateTag().innerText()).toBe('草稿');
    const header = await page.getByTestId('value-grid').locator('thead').innerText();
    for (const column of ['指标', '上期值', '本期值', '备注（异常说明）', '校验'])
      expect(header).toContain(column);
    expect(
      await page.getByRole('link', { name: /下载 Excel 模板/ }).getAttribute('href'),
    ).toContain(`formCode=${FORM}`);
  });

  it('lists the errors of an uploaded workbook in a dry run, storing nothing', async () => {
    const template = await page.request.get(
      at(`/api/reporting-io/template?formCode=${FORM}&from=${month}`),
    );
    expect(template.status()).toBe(200);
    const filled = await editWorkbook(Buffer.from(await template.body()), (wb) => {
      const sheet = wb.getWorksheet(DATA_SHEET)!;
      sheet.getCell('J2').value = '一千二';
      sheet.getCell('J3').value = 5;
    });
    await page.locator('input[type=file]').setInputFiles({
      name: '就业月报.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    });
    const dryRun = page.getByTestId('import-dry-run');
    await dryRun.waitFor();
    const text = await dryRun.innerText();
    expect(text).toContain('有误 1');
    expect(text).toContain('工作表“数据填报”第 2 行 J 列（本期值）：“一千二”不是数字');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'reporting-02-excel-dry-run');
    await page.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('moves down with Enter like a spreadsheet, saves a draft and submits', async () => {
    const first = page.locator('#reporting-cell-value-0');
    await first.click();
    await first.fill('1250');
    await first.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reporting-cell-value-1');
    await page.keyboard.type('310');
    await page.keyboard.press('Enter');
    await page.keyboard.type('88');
    await page.locator('#reporting-cell-comment-0').fill('含返乡创业带动就业');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await page.getByText(/已保存：新增 3 项/).waitFor();
    expect(await page.locator('#reporting-cell-value-0').inputValue()).toBe('1250');

    await page.getByRole('button', { name: /^上\s*报$/ }).click();
    await expect.poll(() => stateTag().innerText()).toBe('已上报');
    expect(await page.locator('#reporting-cell-value-0').isDisabled()).toBe(true);
    await saveScreenshot(page, 'reporting-01-county-submitted');
  });

  it('shows both values when someone else saved the same cell first', async () => {
    const year = formatPeriod(periodContaining('year', new Date()));
    const yearly = `/reporting?form=D02-county-year&period=${year}`;
    await page.goto(at(yearly));
    await page.getByTestId('entry-panel').waitFor();
    // A colleague, signed in elsewhere, saves the first cell meanwhile.
    const other = await browser.newContext({ locale: 'zh-CN' });
    try {
      const colleague = await other.newPage();
      await colleague.goto(at('/login'));
      await colleague.getByLabel('用户名', { exact: true }).fill(server.users.county.username);
      await colleague.getByLabel('密码', { exact: true }).fill(server.users.county.password);
      await colleague.getByRole('button', { name: /登\s*录/ }).click();
      await colleague.waitForURL(/\/plan/);
      await colleague.goto(at(yearly));
      await colleague.locator('#reporting-cell-value-0').fill('5000');
      await colleague.getByRole('button', { name: /保存草稿/ }).click();
      await colleague.getByText(/已保存/).waitFor();
    } finally {
      await other.close();
    }
    await page.locator('#reporting-cell-value-0').fill('6000');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    const conflict = page.getByTestId('conflict-table');
    await conflict.waitFor();
    const text = await conflict.innerText();
    expect(text).toContain('6,000');
    expect(text).toContain('5,000');
    await saveScreenshot(page, 'reporting-03-conflict');
    await page.getByRole('button', { name: '仍用我的值覆盖' }).click();
    await page.getByText(/已保存：新增 0 项，修改 1 项/).waitFor();
    expect(await page.locator('#reporting-cell-value-0').inputValue()).toBe('6000');
  });

  it('lets the city approve the submission from its inbox', async () => {
    await page
      .getByRole('button', { name: '退出登录' })
      .click()
      .catch(() => undefined);
    await context.clearCookies();
    await signIn('city');
    await page.goto(at('/reporting?tab=inbox'));
    const inbox = page.getByTestId('inbox-table');
    await inbox.waitFor();
    const row = inbox.getByRole('row', { name: /梅县区/ });
    expect(await row.innerText()).toContain(month);
    await row.getByRole('button', { name: '查看' }).click();
    await page.getByTestId('entry-panel').waitFor();
    expect(await page.locator('#reporting-cell-value-0').inputValue()).toBe('1250');
    await page.getByRole('button', { name: /审核通过/ }).click();
    await expect.poll(() => stateTag().innerText()).toBe('已审核');
    await saveScreenshot(page, 'reporting-04-city-approved');
  });
});
