// Browser suite for the dashboard's two thematic panels: the Guangdong map coloured by each
// city's satisfaction index (issue 6: n, 95% CI and “样本不足” in the table view) and the
// service areas' charging spaces (issue 7: the province's ratios and the service-area map with
// a card on click) — on the demo data set plus a survey answered through the public API.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../server/src/testing/app';
import { testDialects } from '../server/src/testing/databases';
import { REPO_ROOT } from '../server/src/config';
import { seedDemo } from '../server/src/modules/demo/demo.service';
import {
  createOpenSurvey,
  openAsCitizen,
  sampleQuestions,
  submit,
  type SurveyFixture,
} from '../server/src/modules/surveys/surveys.fixtures';
import { browserAvailability, launchBrowser, saveScreenshot, screenshotDir } from './browser';

const availability = browserAvailability();
const suiteName = availability.available
  ? '情况展示 satisfaction and service-area panels'
  : `情况展示 satisfaction and service-area panels (skipped: ${availability.skipReason})`;

/** Answers to q1 (就业, 1–5) per city: 梅州 (100+75+75)/3 = 83.3, 广州 (25+50)/2 = 37.5, 深圳 n=1. */
const ANSWERS: Record<string, number[]> = { '441400': [5, 4, 4], '440100': [2, 3], '440300': [5] };

describe.skipIf(!availability.available)(suiteName, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function answerFromCities(survey: SurveyFixture): Promise<void> {
    const links = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${survey.surveyId}/links`,
      headers: survey.supervisor.headers,
    });
    const rows = links.json<{ links: Array<{ placeCode: string; url: string }> }>().links;
    let respondent = 0;
    for (const [city, scores] of Object.entries(ANSWERS)) {
      const link = new URL(rows.find((l) => l.placeCode === city)!.url);
      const f = {
        ...survey,
        link: { p: link.searchParams.get('p')!, k: link.searchParams.get('k')!, url: link.href },
      };
      for (const q1 of scores) {
        respondent += 1;
        const ip = `203.0.113.${respondent}`;
        const cookie = await openAsCitizen(t, f, ip);
        const res = await submit(t, f, cookie, { q1, q3: 'no' }, ip);
        expect(res.statusCode, res.body).toBe(201);
      }
    }
  }

  beforeAll(async () => {
    const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
    t = await createTestApp(sqlite, {}, { webDistDir: path.join(REPO_ROOT, 'web', 'dist') });
    const current = await t.ctx.plans.current();
    await seedDemo(t.ctx.db, current!.plan, t.ctx.orgs, { seed: 7, label: 'e2e' });
    await answerFromCities(await createOpenSurvey(t, { minN: 2, waveCode: '2026Q4' }));
    // A newer survey nobody has answered yet: the panel opens on the one with answers.
    const supervisor = await t.login('supervisor');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: supervisor.headers,
      payload: { title: '2026年养老服务满意度调查', questions: sampleQuestions, minN: 2 },
    });
    expect(empty.statusCode, empty.body).toBe(201);
    url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1600, height: 1000 },
    });
    page = await context.newPage();
    await page.goto(new URL('/login', url).toString());
    await page.getByLabel('用户名', { exact: true }).fill(t.users.supervisor.username);
    await page.getByLabel('密码', { exact: true }).fill(t.users.supervisor.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan/);
    await page.goto(new URL('/dashboard', url).toString());
    await page.getByTestId('status-counts').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  /** The page, and the panel alone (legible at full size). */
  async function shoot(panel: ReturnType<Page['getByTestId']>, name: string): Promise<void> {
    await saveScreenshot(page, name);
    await panel.screenshot({ path: path.join(screenshotDir, `${name}-panel.png`) });
  }

  /** The rows of a chart card's table view, as “cell|cell|…” strings. */
  async function tableRows(card: ReturnType<Page['getByTestId']>): Promise<string[]> {
    await card.getByText('表格', { exact: true }).click();
    const rows = card.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const texts = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join('|')),
    );
    await card.getByText('图表', { exact: true }).click();
    return texts;
  }

  it('colours the Guangdong map by each city’s satisfaction index, with n, CI and 样本不足', async () => {
    const card = page.getByTestId('satisfaction-map');
    await card.scrollIntoViewIfNeeded();
    await card.locator('canvas').first().waitFor();
    const choice = card.getByTestId('satisfaction-choice');
    await expect.poll(() => choice.innerText()).toContain('2025年民生满意度调查');
    expect(await choice.innerText()).toContain('2026Q4（6）');
    expect(await choice.innerText()).toContain('总体');
    await page.waitForTimeout(400);
    await shoot(card, 'dashboard-panels-01-satisfaction-map');

    // The tooltip of 梅州市 (the east of the map): index, CI and n.
    const canvas = (await card.locator('canvas').first().boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width * 0.71, canvas.y + canvas.height * 0.3);
    const tip = card
      .locator('div')
      .filter({ hasText: /^梅州市/ })
      .last();
    await expect.poll(() => tip.innerText()).toMatch(/满意度指数 83\.3（95% CI [\d.]+–[\d.]+）/);
    expect(await tip.innerText()).toContain('样本量 3');
    await card.screenshot({ path: path.join(screenshotDir, 'dashboard-panels-01b-tooltip.png') });
    await page.mouse.move(0, 0);

    const overall = await tableRows(card);
    expect(overall).toHaveLength(3);
    expect(overall[0]).toMatch(/^梅州市\|83\.3\|[\d.]+–[\d.]+\|3\|有效$/);
    expect(overall[1]).toMatch(/^广州市\|37\.5\|[\d.]+–[\d.]+\|2\|有效$/);
    expect(overall[2]).toBe('深圳市|—|—|1|样本不足');

    // One domain: 就业 (D01) is the only one q1 rates; 医疗 (D03, q2 skipped) has no answers.
    await choice.getByRole('combobox', { name: '领域' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText(/^就业/).click();
    await expect.poll(() => choice.innerText()).toMatch(/就业/);
    const d01 = await tableRows(card);
    expect(d01[0]).toMatch(/^梅州市\|83\.3\|/);
    await choice.getByRole('combobox', { name: '领域' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText(/^医疗/).click();
    await expect.poll(() => choice.innerText()).toContain('所选轮次和领域暂无答卷');
    await card.getByText('表格', { exact: true }).click();
    await card.locator('.ant-table-placeholder').waitFor();
    expect(await card.locator('tbody tr.ant-table-row').count()).toBe(0);
    await card.getByText('图表', { exact: true }).click();

    // The newer survey has no wave yet: nothing to show, and it says so.
    await choice.getByRole('combobox', { name: '问卷' }).click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText('2026年养老服务满意度调查')
      .click();
    await expect.poll(() => choice.innerText()).toContain('2026年养老服务满意度调查');
    expect(await choice.innerText()).toContain('所选轮次和领域暂无答卷');
    await card.getByText('表格', { exact: true }).click();
    await card.locator('.ant-table-placeholder').waitFor();
    await card.getByText('图表', { exact: true }).click();
  });

  it('shows the service areas’ charging ratios and map, and opens a card on click', async () => {
    const panel = page.getByTestId('dashboard-service-areas');
    await panel.scrollIntoViewIfNeeded();
    const report = await page.evaluate(async () => {
      const r = await fetch('/api/service-areas/compliance');
      return (await r.json()) as {
        province: {
          expressway: { ratioPercent: number; thresholdPercent: number };
          national: { ratioPercent: number; thresholdPercent: number };
        };
        newOrUpgraded: { count: number; target: number };
        areas: number;
      };
    });
    expect(report.areas).toBeGreaterThan(100);
    const ratios = panel.getByTestId('service-area-ratios');
    await expect
      .poll(() => ratios.innerText())
      .toContain(`${report.province.expressway.ratioPercent.toFixed(1)}%`);
    const text = await ratios.innerText();
    expect(text).toContain(`${report.province.national.ratioPercent.toFixed(1)}%`);
    expect(text).toContain('目标 ≥15%');
    expect(text).toContain('目标 ≥10%');
    expect(text).toContain(`${report.newOrUpgraded.count}`);

    const map = panel.getByTestId('service-area-map');
    await expect
      .poll(() => map.locator('svg path').count(), { timeout: 15_000 })
      .toBeGreaterThan(report.areas);
    await page.waitForTimeout(400);
    await shoot(panel, 'dashboard-panels-02-service-areas');

    const red = map.locator('svg path[fill="#cf1322"], svg path[fill="rgb(207,19,34)"]');
    expect(await red.count()).toBeGreaterThan(0);
    const box = (await red.last().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const areaCard = page.getByTestId('service-area-card');
    await areaCard.getByText('变更历史').waitFor();
    expect(await areaCard.innerText()).toContain('未达标');
    await areaCard
      .locator('.ant-drawer-section, .ant-drawer-content')
      .first()
      .screenshot({
        path: path.join(screenshotDir, 'dashboard-panels-03-service-area-card.png'),
      });
    await areaCard.locator('.ant-drawer-close').first().click();
    await areaCard.waitFor({ state: 'hidden' });
  });

  it('limits the service-area map to a city when the dashboard drills down', async () => {
    await page.goto(new URL('/dashboard?unit=441400', url).toString());
    const panel = page.getByTestId('dashboard-service-areas');
    await panel.scrollIntoViewIfNeeded();
    const city = await page.evaluate(async () => {
      const r = await fetch('/api/service-areas/compliance');
      const body = (await r.json()) as {
        cities: Array<{ cityCode: string; expressway: { ratioPercent: number | null } }>;
      };
      return body.cities.find((c) => c.cityCode === '441400')!;
    });
    const expected =
      city.expressway.ratioPercent === null ? '—' : `${city.expressway.ratioPercent.toFixed(1)}%`;
    await expect
      .poll(() => panel.getByTestId('service-area-ratios').innerText())
      .toContain(expected);
    const count = await page.evaluate(async () => {
      const r = await fetch('/api/service-areas');
      const body = (await r.json()) as { items: Array<{ cityCode: string }> };
      return body.items.filter((a) => a.cityCode === '441400').length;
    });
    await expect.poll(() => panel.innerText()).toContain(`地图上共 ${count} 个服务区`);
    await shoot(panel, 'dashboard-panels-04-city');
  });

  it('draws both panels in the large-screen mode', async () => {
    await page.goto(new URL('/dashboard', url).toString());
    await page.getByRole('button', { name: /大屏模式/ }).click();
    const screen = page.getByTestId('big-screen');
    await screen.waitFor();
    const satisfaction = screen.getByTestId('satisfaction-map');
    await satisfaction.scrollIntoViewIfNeeded();
    await satisfaction.locator('canvas').first().waitFor();
    const map = screen.getByTestId('service-area-map');
    await expect
      .poll(() => map.locator('svg path').count(), { timeout: 15_000 })
      .toBeGreaterThan(100);
    await page.waitForTimeout(400);
    await satisfaction.locator('xpath=../..').screenshot({
      path: path.join(screenshotDir, 'dashboard-panels-05-big-screen.png'),
    });
    await page.getByRole('button', { name: /退出大屏/ }).click();
  });
});
