// Browser suite for 工作台账: the lead department (省人力资源社会保障厅) creates a ledger item with
// one milestone through the form (a milestone outside the item's window is refused first), sees
// it in the list, edits it, reports 50% progress with a PNG photo as evidence, and the drawer
// shows the report and a working link to the evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { tinyPng } from '../server/src/modules/ledgers/ledgers.test-files';
import { todayCst } from '../core/reporting/deadlines';
import { browserAvailability, launchBrowser, saveScreenshot, signIn } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '工作台账 ledgers'
  : `工作台账 ledgers (skipped: ${availability.skipReason})`;

/** A calendar day `days` after today in Beijing time, so the item is current whenever this runs. */
function dayFromToday(days: number): string {
  const [y, m, d] = todayCst(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const title = '梅州市零工市场建设';
  const start = dayFromToday(0);
  const due = dayFromToday(365);
  const milestoneDue = dayFromToday(90);
  const png = tinyPng();

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1500, height: 1000 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
    await signIn(page, server.url, server.users.department);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const drawer = () => page.getByTestId('ledger-drawer');

  /** Types into an antd select's search box and takes the first match. */
  async function choose(scope: Locator, label: string, text: string) {
    const box = scope.getByLabel(label, { exact: true });
    await box.click();
    await box.fill(text);
    await page.keyboard.press('Enter');
  }

  it('creates an item with one milestone through the form', async () => {
    await page.goto(new URL('/supervision?tab=ledgers', server.url).toString());
    await page.getByTestId('ledger-table').waitFor();
    await page.getByTestId('ledger-new').click();
    const dialog = page.getByRole('dialog', { name: '新增工作台账事项' });
    await dialog.waitFor();

    // The department keeps the ledger of its own domain only, and is the default lead unit.
    await dialog.getByLabel('所属任务', { exact: true }).click();
    const options = await page.locator('.ant-select-item-option').allInnerTexts();
    expect(options).toEqual([
      '1. 实施就业岗位扩容提质行动',
      '2. 实施就业服务能级提升行动',
      '3. 实施技能人才产业支撑行动',
    ]);
    await page.keyboard.press('Escape');
    await choose(dialog, '所属任务', '就业岗位扩容');
    expect(await dialog.locator('.ant-form-item', { hasText: '牵头单位' }).innerText()).toContain(
      '省人力资源社会保障厅',
    );

    await dialog.getByLabel('工作事项', { exact: true }).fill(title);
    await dialog
      .getByLabel('具体内容', { exact: true })
      .fill('建成市县两级零工市场，提供岗位对接服务');
    await choose(dialog, '地市（可选）', '梅州');
    await choose(dialog, '配合单位', '梅县');
    await page.keyboard.press('Escape');
    await dialog.getByLabel('开始日期', { exact: true }).fill(start);
    await dialog.getByLabel('完成时限', { exact: true }).fill(due);
    await dialog.getByLabel('预算（万元）', { exact: true }).fill('120');
    await choose(dialog, '关联指标', 'T01.1');
    await page.keyboard.press('Escape');

    await dialog.getByRole('button', { name: '添加阶段节点' }).click();
    await dialog.getByLabel('第1个节点名称').fill('完成选址');
    await dialog.getByLabel('第1个节点完成标准').fill('选址报告经市政府审定');
    // A milestone after the item's due date is caught before anything is sent.
    await dialog.getByLabel('第1个节点完成日期').fill(dayFromToday(400));
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(`节点日期须在事项起止期间（${start} 至 ${due}）内`).waitFor();
    await saveScreenshot(page, 'ledgers-01-form-window-error');

    await dialog.getByLabel('第1个节点完成日期').fill(milestoneDue);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已新增事项 T01-001').waitFor();
  });

  it('shows the new item in the list', async () => {
    const row = page.getByTestId('ledger-table').locator('tr.ant-table-row', { hasText: title });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('T01-001');
    expect(text).toContain('省人力资源社会保障厅');
    expect(text).toContain('梅州市');
    expect(text).toContain(`${milestoneDue} 完成选址`);
    expect(text).toContain(due);
    await saveScreenshot(page, 'ledgers-02-list');
  });

  it('edits the item from the drawer', async () => {
    await page.getByTestId('ledger-table').getByText(title).click();
    await drawer().getByText(`${milestoneDue} 完成选址`).waitFor();
    await drawer().getByTestId('ledger-edit').click();
    const dialog = page.getByRole('dialog', { name: '编辑工作台账事项' });
    const field = dialog.getByLabel('工作事项', { exact: true });
    await field.waitFor();
    expect(await field.inputValue()).toBe(title);
    expect(await dialog.getByLabel('第1个节点名称').inputValue()).toBe('完成选址');
    await dialog.getByLabel('预算（万元）', { exact: true }).fill('150');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('事项已保存').waitFor();
    const budget = drawer().getByRole('row', { name: /^预算（万元）/ });
    await expect.poll(() => budget.innerText()).toContain('150');
  });

  it('reports 50% progress with a PNG photo; the drawer shows the report and its evidence', async () => {
    const form = drawer().getByTestId('ledger-report-form');
    await form.getByLabel('完成进度（%）', { exact: true }).fill('50');
    await form.getByLabel('进展情况', { exact: true }).fill('已完成选址踏勘，方案报市政府审定');
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png });
    await form.getByRole('button', { name: /提交报送/ }).click();

    const history = drawer().getByTestId('ledger-history');
    await history.waitFor();
    const entry = await history.innerText();
    expect(entry).toContain('50%');
    expect(entry).toContain('已完成选址踏勘，方案报市政府审定');
    expect(entry).toContain(server.users.department.username);
    const link = history.getByRole('link', { name: /现场照片\.png/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/evidence\/\d+$/);
    // The link serves the very bytes uploaded, to the signed-in user.
    const res = await page.request.get(new URL(href!, server.url).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/png');
    expect(Buffer.from(await res.body()).equals(png)).toBe(true);

    const percent = drawer().getByRole('row', { name: /^完成进度/ });
    await expect.poll(() => percent.innerText()).toContain('50%');
    await saveScreenshot(page, 'ledgers-03-drawer-report');
  });
});
