// Browser suite for 优秀案例评选: the office opens a call, a city submits a case with an
// attachment (API) and a county through the form (a lying file refused first), an assigned
// reviewer scores in the browser blind to the other reviewer, the office closes the review,
// sees the ranking and publishes, and the public portal shows the winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { PNG } from '../server/src/modules/cases/cases.fixtures';
import { browserAvailability, launchBrowser, saveScreenshot, signIn as signInAs } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
type Role = keyof TestServer['users'];

const availability = browserAvailability();
const suiteName = availability.available
  ? '优秀案例评选 best-practice cases'
  : `优秀案例评选 best-practice cases (skipped: ${availability.skipReason})`;

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let callId = 0;
  const ids = { city: 0, county: 0 };

  /** A signed-in API client for one demo account. */
  async function api(role: Role) {
    const { username, password } = server.users[role];
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return async (method: string, path: string, body?: unknown) => {
      const form = body instanceof FormData;
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body && !form ? { 'content-type': 'application/json' } : {}),
        },
        body: form ? body : body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
  }

  function caseForm(title: string, withFile: boolean): FormData {
    const form = new FormData();
    form.append(
      'data',
      JSON.stringify({
        title,
        domainCode: 'D01',
        taskNumber: 2,
        summary: `${title}：在社区建设就业服务站。`,
        results: '新增就业岗位 1200 个。',
        figures: [{ label: '新增岗位', value: 1200, unit: '个' }],
      }),
    );
    if (withFile) form.append('files', new Blob([PNG], { type: 'image/png' }), '现场照片.png');
    return form;
  }

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

  /** Reviewers assigned, the review started, and the other reviewer's sheets filed. */
  async function startReview() {
    const sup = await api('supervisor');
    const { users } = (await sup('GET', '/api/cases/reviewer-candidates')) as {
      users: Array<{ userId: number; username: string }>;
    };
    const idOf = (role: Role) =>
      users.find((u) => u.username === server.users[role].username)!.userId;
    await sup('PUT', `/api/cases/calls/${callId}/reviewers`, {
      userIds: [idOf('department'), idOf('viewer')],
    });
    await sup('POST', `/api/cases/calls/${callId}/status`, { status: 'reviewing' });
    // The other reviewer scores first; the browser reviewer must not see it.
    const viewer = await api('viewer');
    await viewer('POST', `/api/cases/submissions/${ids.city}/scores`, {
      scores: { innovation: 9, results: 9, replicability: 8 },
      comment: '另一位专家的评语',
    });
    await viewer('POST', `/api/cases/submissions/${ids.county}/scores`, {
      scores: { innovation: 6, results: 6, replicability: 6 },
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    const sup = await api('supervisor');
    const call = await sup('POST', '/api/cases/calls', {
      title: '就业创业优秀案例征集',
      description: '征集稳就业的好做法',
      domainCodes: [],
      submissionDeadline: day(10),
      reviewDeadline: day(20),
      criteria: [
        { key: 'innovation', name: '创新性', weight: 30 },
        { key: 'results', name: '实际成效', weight: 40 },
        { key: 'replicability', name: '可复制推广性', weight: 30 },
      ],
      scaleMax: 10,
      winners: 1,
    });
    callId = call.id as number;
    await sup('POST', `/api/cases/calls/${callId}/status`, { status: 'open' });
    ids.city = (
      await (
        await api('city')
      )('POST', `/api/cases/calls/${callId}/submissions`, caseForm('梅州市家门口就业服务站', true))
    ).id as number;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('lets a county submit a case in the browser, refusing a file that lies about its type', async () => {
    const page = await signIn('county');
    await page.goto(new URL(`/midterm-evaluation?tab=cases&call=${callId}`, server.url).toString());
    await page.getByRole('button', { name: '提交案例' }).click();
    const dialog = page.getByRole('dialog', { name: '提交案例' });
    await dialog.getByLabel('案例标题').fill('梅县区零工驿站');
    await dialog.getByRole('combobox', { name: '领域' }).click();
    await page.locator('.ant-select-dropdown').getByText('就业领域民生工程').click();
    await dialog.getByRole('combobox', { name: '对应任务' }).click();
    await page.locator('.ant-select-dropdown').getByText(/^2\. /).click();
    await dialog.getByLabel('案例摘要').fill('梅县区零工驿站：在社区建设就业服务站。');
    await dialog.getByLabel('取得成效').fill('新增就业岗位 300 个。');
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({
      name: '照片.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(/内容与扩展名 \.png 不符/).waitFor();
    await input.setInputFiles([]);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('case-card').filter({ hasText: '梅县区零工驿站' }).waitFor();
    const detail = (await (
      await api('county')
    )('GET', `/api/cases/calls/${callId}`)) as {
      submissions: Array<{ id: number; title: string }>;
    };
    ids.county = detail.submissions.find((x) => x.title === '梅县区零工驿站')!.id;
    await startReview();
  });

  it('lets an assigned reviewer score each case once, blind to the other reviewer', async () => {
    const page = await signIn('department');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('中期评估与案例').click();
    await page.waitForURL(/\/midterm-evaluation/);
    await page.getByRole('tab', { name: '优秀案例' }).waitFor();
    await page.getByText('您是本次评选的评审专家').waitFor();
    await page.getByTestId('tie-rule').getByText('权重最高的评审指标得分高者排前').waitFor();
    expect(await page.getByText('另一位专家的评语').count()).toBe(0);
    const scoreCase = async (title: string, values: [number, number, number]) => {
      const card = page.getByTestId('case-card').filter({ hasText: title });
      await card.getByRole('button', { name: /评\s*分/ }).click();
      const dialog = page.getByRole('dialog', { name: `为“${title}”评分` });
      for (const [i, name] of ['创新性', '实际成效', '可复制推广性'].entries())
        await dialog.getByLabel(name).fill(String(values[i]));
      await dialog.getByRole('button', { name: /评\s*分/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      return card;
    };
    const city = await scoreCase('梅州市家门口就业服务站', [8, 9, 8]);
    await city.getByText('已评分：8.4').waitFor();
    expect(await city.getByRole('button', { name: /评\s*分/ }).count()).toBe(0);
    await scoreCase('梅县区零工驿站', [7, 7, 7]);
    await page
      .getByTestId('case-card')
      .filter({ hasText: '梅县区零工驿站' })
      .getByText('已评分：7')
      .waitFor();
    // The attachment opens for the reviewer.
    const link = page.getByRole('link', { name: /现场照片\.png/ });
    const href = await link.getAttribute('href');
    const file = await page.request.get(new URL(href!, server.url).toString());
    expect(file.status()).toBe(200);
    await saveScreenshot(page, 'cases-reviewer');
  });

  it('lets the office close the review, see the ranking and publish the winner', async () => {
    const page = await signIn('supervisor');
    await page.goto(new URL(`/midterm-evaluation?tab=cases&call=${callId}`, server.url).toString());
    await page.getByRole('button', { name: '结束评审' }).click();
    await page.getByTestId('call-status').getByText('评审结束').waitFor();
    const ranking = page.getByTestId('ranking');
    // City: (8.7 + 8.4) / 2 = 8.55; county: (6 + 7) / 2 = 6.5.
    const first = ranking.locator('tbody tr').first();
    await first.getByText('梅州市家门口就业服务站').waitFor();
    await first.getByText('8.55').waitFor();
    await page.getByRole('button', { name: '公布结果' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '公布结果' }).click();
    await page.getByTestId('call-status').getByText('已公布').waitFor();
    await page
      .getByTestId('case-card')
      .filter({ hasText: '梅州市家门口就业服务站' })
      .getByText('第 1 名')
      .waitFor();
    await saveScreenshot(page, 'cases-published');
  });

  it('shows the winner on the public portal', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(new URL('/public', server.url).toString());
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: '优秀案例' }),
    });
    await section.getByRole('heading', { name: '梅州市家门口就业服务站' }).waitFor();
    expect(await section.innerText()).toContain('第 1 名');
    expect(await section.innerText()).toContain('梅州市');
    expect(await section.getByText('梅县区零工驿站').count()).toBe(0);
    await saveScreenshot(page, 'cases-public');
  });
});
