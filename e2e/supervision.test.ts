// Browser suite for 任务督办, the "done means": the supervision office opens the 督办
// board and sees what is late, issues a 挂牌督办 to 梅州市, the city answers with an evidence
// file, and the office closes it (销号). Two browser contexts: the office and the city.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { insertItem } from '../server/src/modules/supervision/supervision.repository';
import { tinyPng } from '../server/src/modules/ledgers/ledgers.test-files';
import { browserAvailability, launchBrowser, saveScreenshot, signIn } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '任务督办 supervision'
  : `任务督办 supervision (skipped: ${availability.skipReason})`;

const LATE_TITLE = '关于梅州市2026年三季度数据逾期未报送的督办';
const LISTED_TITLE = '关于梅州市普惠性幼儿园建设进度滞后的挂牌督办';
const MEIZHOU = '441400';

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    // A 一般督办 whose reply is five days late: the past cannot be made through the UI.
    const now = new Date().toISOString();
    await insertItem(server.ctx.db, {
      kind: 'supervision',
      level: 'general',
      title: LATE_TITLE,
      body: '请于期限内说明原因并补报数据。',
      source: 'manual',
      rule_code: null,
      dedup_key: null,
      issuer_unit_code: 'GD-SUPERVISION',
      issued_by: server.users.supervisor.username,
      target_unit_code: MEIZHOU,
      domain_code: 'D02',
      task_number: null,
      ledger_item_id: null,
      inspection_id: null,
      status: 'open',
      reply_due: daysFromNow(-5),
      escalation_level: 0,
      created_at: now,
      updated_at: now,
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function openBoardAs(role: 'supervisor' | 'city'): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1000 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.url, server.users[role]);
    await page.goto(new URL('/supervision?tab=board', server.url).toString());
    await page.getByTestId('supervision-summary').waitFor();
    return page;
  }

  async function openItem(page: Page, title: string): Promise<void> {
    await page.getByRole('button', { name: title }).first().click();
    await page.getByRole('dialog', { name: title }).waitFor();
  }

  it('runs a 挂牌督办 from issue to reply with evidence to 销号', async () => {
    const office = await openBoardAs('supervisor');
    // The late item is on the board, with how late it is.
    const summary = office.getByTestId('supervision-summary');
    expect(await summary.innerText()).toMatch(/逾期/);
    await office.getByRole('button', { name: LATE_TITLE }).first().waitFor();
    await saveScreenshot(office, 'supervision-01-board');

    // Issue a 挂牌督办 to 梅州市.
    await office.getByRole('button', { name: '发起督办' }).click();
    const dialog = office.getByRole('dialog', { name: '发起督办' });
    await dialog.getByText('挂牌督办', { exact: true }).click();
    await dialog.getByLabel('承办单位').click();
    await dialog.getByLabel('承办单位').fill('梅州市');
    await office.keyboard.press('Enter');
    await dialog.getByLabel('督办事项').fill(LISTED_TITLE);
    await dialog
      .getByLabel('督办要求')
      .fill('请梅州市说明普惠性幼儿园建设滞后原因，提出整改措施并附佐证材料。');
    await dialog.getByRole('button', { name: /^发\s*起$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await office.getByRole('button', { name: LISTED_TITLE }).first().waitFor();

    // The city sees only its own items and answers with a photo as evidence.
    const city = await openBoardAs('city');
    await openItem(city, LISTED_TITLE);
    const drawer = city.getByRole('dialog', { name: LISTED_TITLE });
    await drawer.getByLabel('答复内容').fill('已召开专题会议，新增学位1200个，附现场照片。');
    await drawer.locator('input[type=file]').setInputFiles({
      name: '现场照片.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await drawer.getByRole('button', { name: /^答\s*复$/ }).click();
    await drawer.getByText('已答复待审核').first().waitFor();
    await saveScreenshot(city, 'supervision-02-city-replied');

    // The office reads the reply, sees the evidence and closes the item.
    await office.reload();
    await openItem(office, LISTED_TITLE);
    const officeDrawer = office.getByRole('dialog', { name: LISTED_TITLE });
    await officeDrawer.getByText('已召开专题会议').waitFor();
    const evidence = officeDrawer.getByRole('link', { name: /现场照片\.png/ });
    expect(await evidence.getAttribute('href')).toMatch(/^\/api\/evidence\/\d+$/);
    await officeDrawer.getByRole('button', { name: /^销\s*号$/ }).click();
    await officeDrawer.getByText('已销号').first().waitFor();
    await saveScreenshot(office, 'supervision-03-closed');

    // What the screen showed is what the database holds.
    const stored = await server.ctx.db
      .selectFrom('supervision_items')
      .select(['status', 'level', 'target_unit_code'])
      .where('title', '=', LISTED_TITLE)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'closed', level: 'listed', target_unit_code: MEIZHOU });
  }, 180_000);
});
