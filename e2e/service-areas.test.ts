// Browser suite for 服务区充电: the provincial transport department imports a registry of ~300
// service areas through the UI (a bad file first: errors with their row, nothing imported),
// then sees the province's and each city's ratio and gap, the fix-first list, the map with a
// service area's card, and the gap plan reacting to a what-if threshold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { guangdongUnits } from '../server/src/modules/org-units/administrative-units';
import { OrgDirectory } from '../server/src/modules/org-units/org-units.service';
import { generateDemoRegistry } from '../server/src/modules/service-areas/service-areas.demo';
import {
  FIELD_LABELS,
  type ServiceAreaData,
} from '../server/src/modules/service-areas/service-areas.model';
import { COLUMNS } from '../server/src/modules/service-areas/service-areas.fixtures';
import { browserAvailability, launchBrowser, saveScreenshot } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '服务区充电 service areas'
  : `服务区充电 service areas (skipped: ${availability.skipReason})`;

const orgs = OrgDirectory.from(guangdongUnits());
const areas: ServiceAreaData[] = generateDemoRegistry(orgs, 7, new Date()).map(
  (a) => a.versions[a.versions.length - 1]!.data,
);

async function writeXlsx(file: string, rows: ServiceAreaData[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('服务区台账');
  ws.addRow(COLUMNS.map((c) => FIELD_LABELS[c]));
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c as keyof ServiceAreaData] ?? ''));
  await wb.xlsx.writeFile(file);
}

/** The hand calculation the page must agree with: sums over operating areas of one class. */
function expected(
  rows: ServiceAreaData[],
  roadClass: 'expressway' | 'national',
  threshold: number,
) {
  const operating = rows.filter(
    (a) => a.roadClass === roadClass && a.status !== 'under-construction',
  );
  const parking = operating.reduce((s, a) => s + a.parkingSpaces, 0);
  const charging = operating.reduce((s, a) => s + a.chargingSpaces, 0);
  const gaps = operating.map((a) =>
    Math.max(0, Math.ceil((threshold * a.parkingSpaces) / 100 - 1e-9) - a.chargingSpaces),
  );
  return { ratio: ((charging / parking) * 100).toFixed(1), gap: gaps.reduce((s, g) => s + g, 0) };
}

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-sa-'));
  const goodFile = path.join(dir, '广东省服务区台账.xlsx');
  const badFile = path.join(dir, '有错误的台账.xlsx');
  const password = 'transport-e2e-password-1';

  beforeAll(async () => {
    server = await startTestServer();
    await writeXlsx(goodFile, areas);
    const bad = areas.slice(0, 20).map((a) => ({ ...a }));
    bad[4] = { ...bad[4]!, chargingSpaces: bad[4]!.parkingSpaces + 5 }; // row 6
    bad[9] = { ...bad[9]!, longitude: 121.47, latitude: 31.23 }; // row 11: Shanghai
    await writeXlsx(badFile, bad);
    // The provincial transport department (lead of domain 七 交通) gets an account.
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: server.users.sysadmin.username,
        password: server.users.sysadmin.password,
      }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        username: 'jt-e2e',
        displayName: '省交通运输厅',
        password,
        role: 'department',
        unitCode: 'GD-TRANSPORT',
      }),
    });
    expect(created.status).toBe(201);
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1600, height: 1000 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const at = (p: string) => new URL(p, server.url).toString();

  it('signs in and opens 服务区充电 from the menu', async () => {
    await page.goto(at('/login'));
    await page.getByLabel('用户名', { exact: true }).fill('jt-e2e');
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan/);
    await page.getByRole('navigation', { name: '主菜单' }).getByText('服务区充电').click();
    await page.waitForURL(/\/service-areas$/);
    await page.getByRole('heading', { name: '公路服务区充电设施' }).waitFor();
    expect(await page.getByText('模块建设中').count()).toBe(0);
  });

  it('shows each error of a bad file with its row and imports nothing', async () => {
    await page.getByRole('tab', { name: '服务区台账' }).click();
    await page.getByRole('button', { name: '导入台账' }).click();
    const dialog = page.getByRole('dialog', { name: '导入服务区台账' });
    await dialog.locator('input[type=file]').setInputFiles(badFile);
    await dialog.getByRole('button', { name: '试导入（只检查）' }).click();
    const errors = dialog.getByTestId('service-area-import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    expect(text).toContain('充电车位数');
    expect(text).toContain('不在广东省境内');
    expect(await dialog.getByText('发现 2 处错误，未导入任何数据').count()).toBe(1);
    const rows = await errors.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rows.some((r) => /服务区台账\s+6\s/.test(r))).toBe(true);
    expect(rows.some((r) => /服务区台账\s+11\s/.test(r))).toBe(true);
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'service-areas-01-import-errors');
  });

  it('dry-runs and imports a registry of a few hundred service areas', async () => {
    const dialog = page.getByRole('dialog', { name: '导入服务区台账' });
    await dialog.locator('input[type=file]').setInputFiles(goodFile);
    await dialog.getByRole('button', { name: '试导入（只检查）' }).click();
    await dialog.getByText(`检查完成：${areas.length} 行，可新增 ${areas.length} 个`).waitFor();
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText(`导入成功：新增 ${areas.length} 个`).waitFor();
    await dialog
      .getByRole('button', { name: 'Close' })
      .or(dialog.locator('.ant-modal-close'))
      .first()
      .click();
    await page.getByText(`共 ${areas.length} 个服务区`).waitFor();
  });

  it('shows the province’s and each city’s ratio and gap as the hand calculation gives them', async () => {
    await page.getByRole('tab', { name: '达标总览' }).click();
    const summary = page.getByTestId('service-area-summary');
    await summary.waitFor();
    const ex = expected(areas, 'expressway', 15);
    const na = expected(areas, 'national', 10);
    const summaryText = await summary.innerText();
    expect(summaryText).toContain(`${ex.ratio}%`);
    expect(summaryText).toContain(`${na.ratio}%`);
    expect(summaryText).toContain((ex.gap + na.gap).toLocaleString('zh-CN'));

    const meizhou = areas.filter((a) => a.cityCode === '441400');
    const mzEx = expected(meizhou, 'expressway', 15);
    const mzNa = expected(meizhou, 'national', 10);
    const row = page.getByTestId('service-area-cities').locator('tr', { hasText: '梅州市' });
    const rowText = await row.innerText();
    expect(rowText).toContain(`${mzEx.ratio}%`);
    expect(rowText).toContain(String(mzEx.gap + mzNa.gap));
  });

  it('lists the areas to fix first, largest gap first, and opens a card', async () => {
    const list = page.getByTestId('service-area-fix-first');
    const gaps = areas
      .filter((a) => a.roadClass !== 'other' && a.status !== 'under-construction')
      .map((a) =>
        Math.max(
          0,
          Math.ceil(((a.roadClass === 'expressway' ? 15 : 10) * a.parkingSpaces) / 100 - 1e-9) -
            a.chargingSpaces,
        ),
      )
      .sort((a, b) => b - a);
    const firstRow = await list.locator('tbody tr.ant-table-row').first().innerText();
    expect(firstRow).toContain(String(gaps[0]));
    await list.locator('tbody tr.ant-table-row').first().locator('a').click();
    const card = page.getByTestId('service-area-card');
    await card.getByText('变更历史').waitFor();
    expect(await card.innerText()).toContain('未达标');
    await card
      .getByRole('button', { name: 'Close' })
      .or(card.locator('.ant-drawer-close'))
      .first()
      .click();
    await card.waitFor({ state: 'hidden' });
  });

  it('draws the service areas on the Guangdong map and opens a card on click', async () => {
    const map = page.getByTestId('service-area-map');
    await map.locator('svg').waitFor();
    // Wait until the city outlines and the points are drawn.
    await expect
      .poll(() => map.locator('svg path').count(), { timeout: 15_000 })
      .toBeGreaterThan(areas.length);
    await expect
      .poll(
        async () =>
          (await map.innerText()).includes('梅州市') ||
          (await map.locator('text').allInnerTexts()).join('').includes('梅州市'),
      )
      .toBe(true);
    await map.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'service-areas-02-overview-map');
    // Click a red (non-compliant) point.
    const red = map.locator('svg path[fill="#cf1322"], svg path[fill="rgb(207,19,34)"]');
    expect(await red.count()).toBeGreaterThan(0);
    const box = (await red.last().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.getByTestId('service-area-card');
    await card.getByText('变更历史').waitFor();
    expect(await card.innerText()).toContain('缺口');
    await saveScreenshot(page, 'service-areas-03-card');
    await card
      .getByRole('button', { name: 'Close' })
      .or(card.locator('.ant-drawer-close'))
      .first()
      .click();
    await card.waitFor({ state: 'hidden' });
  });

  it('recomputes the gap plan for a what-if threshold', async () => {
    await page.getByRole('tab', { name: '缺口计划' }).click();
    const table = page.getByTestId('service-area-gap-plan');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const totalAt = async () =>
      (await table.locator('.ant-table-summary').innerText()).split(/\s+/);
    const before = await totalAt();
    const ex = expected(areas, 'expressway', 15);
    const na = expected(areas, 'national', 10);
    expect(before).toContain(String(ex.gap + na.gap));
    await page.getByLabel('高速公路阈值(%)').fill('20');
    await page.getByLabel('高速公路阈值(%)').press('Tab');
    const ex20 = expected(areas, 'expressway', 20);
    await expect.poll(async () => (await totalAt()).includes(String(ex20.gap + na.gap))).toBe(true);
    await saveScreenshot(page, 'service-areas-04-gap-plan');
    const href = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    expect(href).toContain('expressway=20');
  });
});
