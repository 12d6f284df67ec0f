// Browser suite for 中期评估 on the demo data: the supervision office runs an evaluation as of
// today, the lead department of 就业 assesses one of its targets (and has no button on another
// domain's), the office signs it off with a comment after confirming, the page turns read-only
// with the signer shown, and the Word and Excel reports download.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { seedDemo } from '../server/src/modules/demo/demo.service';
import {
  browserAvailability,
  launchBrowser,
  saveScreenshot,
  screenshotDir,
  signIn,
} from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '中期评估 mid-term evaluation'
  : `中期评估 mid-term evaluation (skipped: ${availability.skipReason})`;

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let evaluationUrl = '';

  async function open(role: 'supervisor' | 'department'): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1500, height: 1000 },
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.url, server.users[role]);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const plan = (await server.ctx.plans.current())!.plan;
    await seedDemo(server.ctx.db, plan, server.ctx.orgs, { seed: 2027, label: 'e2e' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('the supervision office runs an evaluation as of today', async () => {
    const page = await open('supervisor');
    await page.goto(new URL('/midterm-evaluation?tab=midterm', server.url).toString());
    await page.getByRole('button', { name: '开展中期评估' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('评估基准日').inputValue()).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    await dialog.getByRole('button', { name: '生成评估快照' }).click();
    await page.getByText(/数据已于 .* 冻结/).waitFor({ timeout: 60_000 });
    evaluationUrl = page.url();
    expect(evaluationUrl).toMatch(/evaluation=\d+/);
    await expect(
      page.getByText('草稿：各牵头部门可对本领域指标提出评估意见。').count(),
    ).resolves.toBe(1);
    // Demo data: the targets carry values and statuses, the ledger tab has tasks.
    await expect(page.getByRole('row').filter({ hasText: 'T01.1' }).count()).resolves.toBe(1);
    await page.getByRole('tab', { name: '台账进度' }).click();
    await expect(page.getByRole('row').count()).resolves.toBeGreaterThan(5);
    await page.getByRole('tab', { name: '指标评估' }).click();
  }, 120_000);

  it('the lead department assesses a target of its own domain only', async () => {
    const page = await open('department');
    await page.goto(evaluationUrl);
    await page.getByText(/数据已于 .* 冻结/).waitFor();
    await page.getByRole('button', { name: 'assess T01.1' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('调高', { exact: true }).click();
    await dialog.getByRole('spinbutton').fill('600');
    await dialog.getByLabel('评估意见').fill('就业形势好于预期，建议调高目标。');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('评估意见已保存').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'T01.1' });
    await row.getByText('就业形势好于预期，建议调高目标。').waitFor();
    await saveScreenshot(page, 'evaluation-department-draft');
    // 交通 is not its domain: filtered to it, no row has an assess button.
    await page.locator('.ant-select').filter({ hasText: '全部领域' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '交通' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(page.getByRole('button', { name: /^assess / }).count()).resolves.toBe(0);
  }, 60_000);

  it('the office signs it off after confirming; it turns read-only; reports download', async () => {
    const page = await open('supervisor');
    await page.goto(evaluationUrl);
    await page.getByText(/数据已于 .* 冻结/).waitFor();
    await page.getByRole('button', { name: /^签\s*发$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/已评估 1 项/).waitFor();
    await dialog.getByLabel('签发意见').fill('其余指标由各部门下一轮补充评估。');
    await dialog.getByRole('button', { name: '确认签发' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText(/已由 duchashi 于 .* 签发/).waitFor();
    await expect(page.getByText('本评估已签发，所有内容只读。').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /^assess / }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^签\s*发$/ }).count()).resolves.toBe(0);
    await saveScreenshot(page, 'evaluation-signed');

    for (const [label, ext] of [
      ['下载 Word 报告', 'docx'],
      ['下载 Excel', 'xlsx'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: label }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`中期评估.*\\.${ext}$`));
      const file = resolve(screenshotDir, `evaluation.${ext}`);
      await download.saveAs(file);
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
    }
  }, 120_000);

  it('the department sees the signed evaluation read-only', async () => {
    const page = await open('department');
    await page.goto(evaluationUrl);
    await page.getByText(/已由 duchashi 于 .* 签发/).waitFor();
    await expect(page.getByRole('button', { name: /^assess / }).count()).resolves.toBe(0);
    await saveScreenshot(page, 'evaluation-department-readonly');
  }, 60_000);
});
