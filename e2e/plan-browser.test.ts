// Browser suite: a city user signs in, browses the Guangdong plan, searches it, switches the
// UI to English and signs out — against the real server on a fresh database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../server/src/testing/server';
import { browserAvailability, launchBrowser, saveScreenshot } from './browser';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

interface MeResponse {
  user: { displayName: string; unitName: string | null };
}

const availability = browserAvailability();
const suiteName = availability.available
  ? '计划浏览 plan browser'
  : `计划浏览 plan browser (skipped: ${availability.skipReason})`;

describe.skipIf(!availability.available)(suiteName, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const at = (path: string) => new URL(path, server.url).toString();
  const sideMenu = () => page.getByRole('navigation', { name: '主菜单' });
  const domainNav = () => page.getByRole('navigation', { name: '十大民生领域' });

  it('sends a visitor to the login page and shows the server’s Chinese error', async () => {
    await page.goto(at('/plan'));
    await page.waitForURL(/\/login\?next=%2Fplan$/);
    await expect.poll(() => page.title()).toBe('民生十大工程数字化支撑平台');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // Empty form: Chinese validation messages, no request.
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('请输入用户名').last().waitFor();

    await page.getByLabel('用户名', { exact: true }).fill(server.users.city.username);
    await page.getByLabel('密码', { exact: true }).fill(`${server.users.city.password}-wrong`);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('用户名或密码错误');
    await saveScreenshot(page, '01-login-wrong-password');
  });

  it('signs in and shows the user, unit and role in the top bar', async () => {
    await page.getByLabel('密码', { exact: true }).fill(server.users.city.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/plan(\/|$)/);

    const me = await page.evaluate(async () => {
      const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
      return (await response.json()) as unknown;
    });
    const { user } = me as MeResponse;
    const userBox = page.getByTestId('current-user');
    await userBox.waitFor();
    const userText = await userBox.innerText();
    expect(userText).toContain(user.displayName);
    if (user.unitName) expect(userText).toContain(user.unitName);
    expect(userText).toContain('地市');
    await page.getByText('民生十大工程数字化支撑平台').first().waitFor();
  });

  it('lists the ten domains and the plan’s counts', async () => {
    await sideMenu()
      .getByRole('link', { name: /计划浏览/ })
      .click();
    await domainNav().waitFor();
    expect(await domainNav().getByRole('link').count()).toBe(10);
    const counts = await page.getByTestId('plan-counts').innerText();
    expect(counts).toMatch(/^10 个领域 · 27 项任务 · \d+ 项量化指标$/);
    const domainNames = await domainNav().getByRole('link').allInnerTexts();
    expect(domainNames[0]).toContain('一');
    expect(domainNames[9]).toContain('十');
  });

  it('opens a domain and a task and shows the target’s original text', async () => {
    await domainNav()
      .getByRole('link', { name: /就业领域/ })
      .click();
    await page.waitForURL(/\/plan\/[^/?]+$/);
    await page.getByRole('heading', { name: /一、就业领域/ }).waitFor();
    expect(await page.getByText('省人力资源社会保障厅').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: /实施就业岗位扩容提质行动/ }).click();
    const target = page.getByRole('cell', { name: /全省城镇新增就业累计550万人以上/ });
    await target.waitFor();
    const row = page.getByRole('row', { name: /全省城镇新增就业累计550万人以上/ });
    const rowText = await row.innerText();
    expect(rowText).toContain('≥ 550万人');
    expect(rowText).toContain('累计');
    await saveScreenshot(page, '02-plan-domain-task');
  });

  it('searches targets across the plan', async () => {
    await page.getByRole('searchbox', { name: '搜索量化指标' }).fill('充电');
    const results = page.getByTestId('search-results');
    await results.waitFor();
    const resultText = await results.innerText();
    expect(resultText).toContain('15%');
    expect(resultText).toContain('10%');
    expect(resultText).toContain('≥ 15%');
    expect(resultText).toContain('≥ 10%');
    await saveScreenshot(page, '03-search-charging');

    // A result leads to its task, opened.
    await results
      .getByRole('link', { name: /加快推进公路服务区充电基础设施建设/ })
      .first()
      .click();
    await page.waitForURL(/\/plan\/[^/?]+\?task=21$/);
    await page.getByRole('heading', { name: /七、交通领域/ }).waitFor();
    await page.getByRole('cell', { name: /不低于小型客车停车位总数的15%/ }).waitFor();
  });

  it('opens 任务督办 from the side menu with its four tabs', async () => {
    await sideMenu()
      .getByRole('link', { name: /任务督办/ })
      .click();
    await page.waitForURL(/\/supervision$/);
    for (const tab of ['督办看板', '工作台账', '暗访督查', '通报'])
      await page.getByRole('tab', { name: tab }).waitFor();
    await page.getByTestId('supervision-summary').waitFor();
    await saveScreenshot(page, '04-supervision');
  });

  it('switches to English and keeps the choice', async () => {
    await page.getByText('English', { exact: true }).click();
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.waitFor();
    const menuText = await menu.innerText();
    for (const item of ['Plan', 'Reporting', 'Supervision', 'Satisfaction', 'EV charging']) {
      expect(menuText).toContain(item);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await menu.getByRole('link', { name: /^Plan/ }).click();
    await page.getByTestId('plan-counts').waitFor();
    expect(await page.getByTestId('plan-counts').innerText()).toMatch(/^10 domains · 27 tasks/);
    await saveScreenshot(page, '05-english');
  });

  it('signs out back to the login page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await saveScreenshot(page, '06-signed-out');
  });

  it('takes the user back to login when the session has ended', async () => {
    await page.getByLabel('Username', { exact: true }).fill(server.users.city.username);
    await page.getByLabel('Password', { exact: true }).fill(server.users.city.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('plan-counts').waitFor();

    await context.clearCookies(); // the server no longer knows this browser
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
  });

  it('shows the lock-out message after repeated wrong passwords', async () => {
    const lockContext = await browser.newContext({ locale: 'zh-CN' });
    try {
      const lockPage = await lockContext.newPage();
      await lockPage.goto(at('/login'));
      await lockPage.getByLabel('用户名', { exact: true }).fill(server.users.viewer.username);
      await lockPage.getByLabel('密码', { exact: true }).fill('not-the-password');
      let message = '';
      for (let attempt = 0; attempt < 10 && !message.includes('锁定'); attempt += 1) {
        const answered = lockPage.waitForResponse((response) =>
          response.url().endsWith('/api/auth/login'),
        );
        await lockPage.getByRole('button', { name: /登\s*录/ }).click();
        await answered;
        message = await lockPage.getByRole('alert').innerText();
      }
      expect(message).toContain('锁定');
      await saveScreenshot(lockPage, '07-login-locked');
    } finally {
      await lockContext.close();
    }
  });
});
