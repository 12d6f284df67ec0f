// Browser suite: a citizen opens 梅州市's public survey link on a phone-sized screen, answers,
// and the city's satisfaction index moves on the staff page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { sampleQuestions } from '../server/src/modules/surveys/surveys.fixtures';
import { browserAvailability, launchBrowser, saveScreenshot } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const availability = browserAvailability();
const suiteName = availability.available
  ? '满意度调查 public survey on a phone'
  : `满意度调查 public survey on a phone (skipped: ${availability.skipReason})`;

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  let surveyId: number;
  let cityLink: string;

  const at = (path: string) => new URL(path, server.url).toString();

  async function signIn(role: 'supervisor' | 'city') {
    const { username, password } = server.users[role];
    const res = await fetch(at('/api/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  }

  /** A response from another respondent (a fresh cookie each time), through the public API. */
  async function answerViaApi(q1: number) {
    const url = new URL(cityLink);
    const open = await fetch(
      at(`/api/public/surveys/${surveyId}${url.search.replace('?s=' + surveyId + '&', '?')}`),
    );
    const cookie = open.headers.get('set-cookie')!.split(';')[0]!;
    const { wave } = (await open.json()) as { wave: { id: number } };
    const res = await fetch(at(`/api/public/surveys/${surveyId}/responses`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        waveId: wave.id,
        p: url.searchParams.get('p'),
        k: url.searchParams.get('k'),
        answers: { q1, q3: 'no' },
      }),
    });
    expect(res.status).toBe(201);
  }

  async function meizhouD01(page: Page): Promise<string> {
    await page.goto(at('/satisfaction?tab=index'));
    const cell = page.getByTestId('index-梅州市-D01');
    await cell.waitFor();
    return (await cell.innerText()).split(' ')[0]!;
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const headers = await signIn('supervisor');
    const created = await fetch(at('/api/surveys'), {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: '2025年第三季度民生满意度调查',
        questions: sampleQuestions,
        minN: 2,
      }),
    });
    surveyId = ((await created.json()) as { id: number }).id;
    await fetch(at(`/api/surveys/${surveyId}/waves`), {
      method: 'POST',
      headers,
      body: JSON.stringify({
        code: '2025Q3',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
      }),
    });
    const links = (await (
      await fetch(at(`/api/surveys/${surveyId}/links`), { headers })
    ).json()) as {
      links: Array<{ placeCode: string; url: string }>;
    };
    cityLink = links.links.find((l) => l.placeCode === '441400')!.url;
    const qr = await fetch(at(`/api/surveys/${surveyId}/links/441400/qr`), { headers });
    expect(await qr.text()).toContain('<svg');
    await answerViaApi(2);
    await answerViaApi(2);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function staffPage(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(at('/login'));
    await page.getByLabel('用户名', { exact: true }).fill(server.users.city.username);
    await page.getByLabel('密码', { exact: true }).fill(server.users.city.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan/);
    return page;
  }

  it('shows 梅州市 at 25 before the citizen answers', async () => {
    const page = await staffPage();
    expect(await meizhouD01(page)).toBe('25');
    await saveScreenshot(page, 'surveys-01-index-before');
    // The city's own links and QR codes under the survey.
    await page.goto(at('/satisfaction'));
    await page
      .getByRole('button', { name: /展开行|Expand row/ })
      .first()
      .click();
    await page.getByRole('img', { name: '梅州市 二维码' }).waitFor();
    expect(await page.getByText('广州市').count()).toBe(0);
    await saveScreenshot(page, 'surveys-00-links');
    await page.context().close();
  });

  it('lets a citizen answer on a phone, with skip logic and Chinese messages', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(cityLink);
    await page.getByRole('heading', { name: '2025年第三季度民生满意度调查' }).waitFor();
    expect(await page.locator('.banner').innerText()).toContain('梅州市 · 第 2025Q3 轮');

    // Submitting nothing: the required questions are named, the first one gets focus.
    await page.getByRole('button', { name: '提交问卷' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('还有 2 道必答题未作答');
    expect(await page.locator('.field-error').count()).toBe(2);
    await saveScreenshot(page, 'surveys-02-phone-required');

    // q4 appears only after "是" on q3.
    const q4 = page.locator('[data-question="q4"]');
    expect(await q4.isHidden()).toBe(true);
    await page.getByRole('radio', { name: '5 分' }).first().check();
    await page.locator('[data-question="q2"]').getByRole('radio', { name: '9 分' }).check();
    await page.getByRole('radio', { name: '是' }).check();
    await q4.waitFor({ state: 'visible' });
    await page.getByRole('textbox', { name: '就医时遇到的问题' }).fill('挂号要排队');
    await page.getByRole('checkbox', { name: '医疗' }).check();
    // Answering clears the errors as the citizen goes, before submitting again.
    expect(await page.locator('.field-error').count()).toBe(0);
    expect(await page.getByRole('alert').isHidden()).toBe(true);
    await saveScreenshot(page, 'surveys-03-phone-answered');
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByRole('heading', { name: '提交成功' }).waitFor();
    await saveScreenshot(page, 'surveys-04-phone-thanks');

    // The same phone again: one response per respondent per wave.
    await page.goto(cityLink);
    await page.getByRole('radio', { name: '1 分' }).first().check();
    await page.getByRole('radio', { name: '否' }).check();
    await page.getByRole('button', { name: '提交问卷' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('您已参加过本轮调查');
    await context.close();
  });

  it('moves 梅州市’s index: (25 + 25 + 100) / 3 = 50', async () => {
    const page = await staffPage();
    expect(await meizhouD01(page)).toBe('50');
    await saveScreenshot(page, 'surveys-05-index-after');
    await page.context().close();
  });

  it('imports a month of 12345 tickets and flags the cities under 98%', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(at('/login'));
    await page.getByLabel('用户名', { exact: true }).fill(server.users.supervisor.username);
    await page.getByLabel('密码', { exact: true }).fill(server.users.supervisor.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan/);
    await page.goto(at('/satisfaction?tab=hotline'));
    const csv = [
      '工单编号,受理时间,办理时限,办结时间,诉求类别,地市,区县,状态',
      'A1,2025-07-01 09:00,2025-07-05 18:00,2025-07-02 10:00,消费维权,梅州市,梅县区,已办结',
      'A2,2025-07-01 09:00,2025-07-05 18:00,2025-07-09 10:00,消费维权,梅州市,,已办结',
      'A3,2025-07-02 09:00,2025-07-05 18:00,2025-07-03 10:00,消费维权,广州市,,已办结',
    ].join('\n');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '12345-2025-07.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('导入完成：3 行，新增 3，更新 0').waitFor();
    const meizhou = page.getByRole('row', { name: /2025-07\s+梅州市\s+消费维权/ }).first();
    await meizhou.waitFor();
    expect(await meizhou.innerText()).toContain('50.00%');
    expect(await meizhou.innerText()).toContain('低于98%');
    const guangzhou = page.getByRole('row', { name: /2025-07\s+广州市\s+消费维权/ }).first();
    expect(await guangzhou.innerText()).not.toContain('低于98%');
    await saveScreenshot(page, 'surveys-06-hotline');
    await context.close();
  });
});
