// Launches Debian's Chromium through playwright-core for end-to-end tests: headless, no sandbox
// (containers lack the namespaces it needs), no background networking, and a fresh profile per
// launch. Console errors and failed requests are collected so a test can assert there were none.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-artifacts/screenshots');

export interface TestBrowser {
  context: BrowserContext;
  /** Opens a page at `url` and waits for the app's first render. */
  open(url: string): Promise<Page>;
  /** Console errors, page errors and failed requests seen so far, in order. */
  problems: string[];
  /** Saves a full-page PNG under test-artifacts/screenshots and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: options.locale ?? 'pt-BR',
    viewport: options.viewport ?? { width: 1366, height: 900 },
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  };
  context.on('page', watch);
  for (const page of context.pages()) watch(page);

  return {
    context,
    problems,
    async open(url) {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('#root > *', { timeout: 30_000 });
      return page;
    },
    async screenshot(page, name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
