// A real browser for the console's tests: Debian's Chromium (/usr/bin/chromium, installed by
// npm test when missing) driven by playwright-core, never a downloaded browser. One browser per
// test file; each test opens its own context (its own cookies), at a phone's or a desk's size.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Test } from 'tap';

export const CHROMIUM = process.env['TAPGATE_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=ru-RU'];

/** Screen sizes the console is checked at. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESK = { width: 1440, height: 900 } as const;

export async function launchBrowser(t: Test): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 60_000 });
  t.teardown(() => browser.close());
  return browser;
}

export interface PageOptions {
  readonly size?: { readonly width: number; readonly height: number };
  /** Grant notifications (Web Push subscriptions need it). */
  readonly notifications?: boolean;
}

/** A fresh context (no cookies) and a page in it; page errors and failed console calls fail the test. */
export async function openPage(t: Test, browser: Browser, baseUrl: string, opts: PageOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: opts.size ?? DESK, locale: 'ru-RU', timezoneId: 'Europe/Moscow',
    ...(opts.notifications === true ? { permissions: ['notifications'] } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  t.teardown(() => context.close().catch(() => undefined));
  return { context, page, errors };
}

/** The console's origin of an API process (http://127.0.0.1:PORT), from its /api/v1 URL. */
export function consoleUrl(apiUrl: string): string {
  return apiUrl.replace(/\/api\/v1$/, '');
}

/** Signs in on the sign-in page with an API token and waits for the role's page. */
export async function signInWithToken(page: Page, token: string, landing: RegExp): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Ключ доступа').fill(token);
  await page.getByRole('button', { name: 'Войти' }).last().click();
  await page.waitForURL(landing, { timeout: 15_000 });
}

/** The local SMSC as the SMS sign-in needs it: the first received text that matches. */
export interface SmsInbox {
  waitFor(pred: (m: { destination: string; text: string; receivedAtMs: number }) => boolean, timeoutMs: number): Promise<{ text: string }>;
}

/**
 * Signs a parent in as a person does: the phone on the sign-in page, the code read from the SMS
 * the notifier sent to the local SMSC, typed in; waits for the parents' portal.
 */
export async function signInWithSms(page: Page, phone: string, smsc: SmsInbox): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Номер телефона').fill(phone);
  const since = Date.now();
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByLabel('Код из SMS').waitFor({ state: 'visible' });
  const sms = await smsc.waitFor((m) => m.destination === phone.replace(/^\+/, '') && m.receivedAtMs >= since, 20_000);
  const code = /(\d{6})/.exec(sms.text)?.[1];
  if (code === undefined) throw new Error('no code in the SMS');
  await page.getByLabel('Код из SMS').fill(code);
  await page.getByRole('button', { name: 'Войти' }).first().click();
  await page.waitForURL(/\/parent$/, { timeout: 15_000 });
}
