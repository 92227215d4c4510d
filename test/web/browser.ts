// the callbacks of page.evaluate and $$eval run in the browser, with its globals
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AddressInfo } from 'node:net';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { TestApp } from '../support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../..');
const WEB_SOURCES = join(ROOT, 'apps/web');
const WEB_INDEX = join(ROOT, 'dist/web/index.html');
const BUILD_LOCK = join(ROOT, 'dist/.web-build.lock');
export const SCREENSHOTS = join(ROOT, 'test/screenshots');

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium on a fresh profile. A machine without it fails the test with the fix, never skips it. */
export async function launchBrowser(viewport: { width: number; height: number }): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}, which is missing: install it with ` +
        '`apt-get update && apt-get install -y chromium`, then run the tests again.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'haizhou-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    // as a person who asks their system for less motion: no transition to wait out before a page is at rest
    // (the pages honour prefers-reduced-motion; a test of the motion itself asks for it on its page)
    reducedMotion: 'reduce',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Starts the api on a free port and returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Builds the web application into dist/web unless that build is newer than every source. Test files run in
 * parallel, so one builds under a lock while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    if (isFresh()) return;
    try {
      mkdirSync(join(ROOT, 'dist'), { recursive: true });
      mkdirSync(BUILD_LOCK);
    } catch {
      if (waited > 60_000) throw new Error(`the web build lock ${BUILD_LOCK} is held for over a minute`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (!isFresh()) execFileSync(process.execPath, ['scripts/build.mjs', '--web'], { cwd: ROOT, stdio: 'inherit' });
      return;
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

function isFresh(): boolean {
  if (!existsSync(WEB_INDEX)) return false;
  const built = statSync(WEB_INDEX).mtimeMs;
  return newestIn(WEB_SOURCES) < built;
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Signs a user in through the sign-in page, as a person would, and waits for the page the role lands on. */
export async function signInAs(
  page: Page,
  base: string,
  username: string,
  password: string,
  lands: string,
): Promise<void> {
  await page.goto(`${base}/login`);
  await fillSignIn(page, base, username, password, lands);
}

/** Fills in and sends the sign-in form of the page open at /login, and waits for the page the role lands on. */
export async function fillSignIn(
  page: Page,
  base: string,
  username: string,
  password: string,
  lands: string,
): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}${lands}`);
}

/**
 * Collects the page's console errors and uncaught exceptions, for a test to expect none. Chromium logs every
 * 4xx answer of a fetch as an error; those are the API's answers the page shows (撞单, an ended session), so
 * only 5xx and network failures of that kind count.
 */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const AXE_SOURCE = join(ROOT, 'node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * The serious and critical accessibility violations axe-core finds on the page as it is now. axe runs through
 * the DevTools protocol, so the page's content security policy (no inline script) stays as it is served.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // the page at rest: an element still animating has the contrast of the moment, not of its colours (with reduced
  // motion a toast such as 走访已保存 shows at once in its own colours, and is checked with the page)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
    timeout: 10_000,
  });
  // once per document: a second look at the same page (at 360 px, say) finds axe-core there already
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate((axeSource ??= readFileSync(AXE_SOURCE, 'utf8')));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
  });
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { html: string }[] }[];
}

/** The form fields of the page that have no accessible name (a label, aria-label or aria-labelledby). */
export async function unlabelledFields(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type=hidden]), select, textarea', (fields) =>
    fields
      .filter((field) => {
        const element = field as HTMLInputElement;
        if (element.closest('[aria-hidden=true]') || element.offsetParent === null) return false;
        const labelled =
          element.labels?.length ||
          element.getAttribute('aria-label')?.trim() ||
          element.getAttribute('aria-labelledby')?.trim() ||
          element.getAttribute('title')?.trim();
        return !labelled;
      })
      .map((field) => field.outerHTML.slice(0, 160)),
  );
}
