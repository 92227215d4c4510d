// the callbacks of page.evaluate run in the browser, with its globals
/// <reference lib="dom" />
import { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../factories/user.factory';
import { fillSignIn, screenshot, seriousViolations, unlabelledFields } from './browser';

/** A page to open and a text of the API's data it must show. */
export interface PageCheck {
  path: string;
  shows: string;
  /** The screenshot's name; taken at 1440 and 360 px when given. */
  shot?: string;
}

/**
 * Signs out whoever is signed in on this tab and signs the user in, waiting for the page the role lands on. The
 * sign-in page reads nothing of the stored session, so the one it opened on is the one filled in.
 */
export async function switchUser(page: Page, base: string, username: string, lands: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.evaluate(() => sessionStorage.clear());
  await fillSignIn(page, base, username, TEST_PASSWORD, lands);
}

/**
 * Opens a page as the signed-in user and checks it: not refused, showing the API's data, no serious or critical
 * axe-core violation and every field labelled; screenshots at 1440 and 360 px (checked there too) when asked.
 */
export async function checkPage(page: Page, base: string, check: PageCheck): Promise<void> {
  await page.goto(`${base}${check.path}`);
  const main = page.locator('.layout-main');
  await main.locator('h1').first().waitFor();
  await main.getByText(check.shows).first().waitFor();
  expect(await page.getByText('无权访问此页面').count()).toBe(0);
  await settled(page);
  expect({ path: check.path, violations: await seriousViolations(page) }).toEqual({ path: check.path, violations: [] });
  expect({ path: check.path, unlabelled: await unlabelledFields(page) }).toEqual({ path: check.path, unlabelled: [] });
  if (!check.shot) return;
  await screenshot(page, `${check.shot}-1440`);
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.setViewportSize({ width: 360, height: 740 });
  await main.getByText(check.shows).first().waitFor();
  await settled(page);
  expect({ path: check.path, at360: await seriousViolations(page) }).toEqual({ path: check.path, at360: [] });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect({ path: check.path, overflow }).toEqual({ path: check.path, overflow: 0 });
  await screenshot(page, `${check.shot}-360`);
  await page.setViewportSize(size);
}

/** Waits until nothing on the page is loading (skeletons, spinners) and its transitions have ended. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('.el-skeleton, .el-loading-mask') &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
}

/** Says a role may not open a page: the layout answers 无权访问此页面. */
export async function expectRefused(page: Page, base: string, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByText('无权访问此页面').waitFor();
}

/**
 * Opens a dialog with `open` and checks its form as a page is checked (no serious or critical axe-core violation,
 * every field labelled), then closes it with Escape.
 */
export async function checkDialog(page: Page, name: string | RegExp, open: () => Promise<void>): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await settled(page);
  const label = String(name);
  expect({ dialog: label, violations: await seriousViolations(page) }).toEqual({ dialog: label, violations: [] });
  expect({ dialog: label, unlabelled: await unlabelledFields(page) }).toEqual({ dialog: label, unlabelled: [] });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}
