// Launches Debian's Chromium through playwright-core for the browser suite.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface BrowserAvailability {
  available: boolean;
  /** Why the suite is skipped when the browser is missing. */
  skipReason: string;
}

/**
 * Whether the browser suite can run. A missing Chromium fails the run in CI (never a silent
 * skip there) and skips it, with the reason, on a developer machine.
 */
export function browserAvailability(): BrowserAvailability {
  if (existsSync(chromiumPath)) return { available: true, skipReason: '' };
  const reason = `${chromiumPath} not found (install Debian's chromium package to run the browser suite)`;
  if (process.env.CI) throw new Error(`Browser suite cannot run in CI: ${reason}`);
  return { available: false, skipReason: reason };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = resolve(repoRoot, 'test-results', 'e2e');

/** Full-page screenshot into test-results/e2e/<name>.png (gitignored). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = resolve(screenshotDir, `${name}.png`);
  // Let opening panels and fades finish so the picture shows the settled page.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
      .every((animation) => animation.playState !== 'running'),
  );
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the login page and waits for the app to open. */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: { username: string; password: string },
): Promise<void> {
  await page.goto(new URL('/login', baseUrl).toString());
  await page.getByLabel('用户名', { exact: true }).fill(user.username);
  await page.getByLabel('密码', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/plan/);
}
