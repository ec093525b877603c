// Accessibility basics of every console page in Debian's Chromium, against a real gateway (API
// inside), nats-server and clickhouse-server: each field, button, link and image has a name, the
// page is in Russian with one h1 and no skipped heading levels, and every visible text has WCAG
// AA contrast against what it is drawn on (test/helpers/a11y.ts). With the keyboard alone: Tab
// reaches the skip link first and Enter on it moves focus to the content; a person signs in (the
// phone form asks for the code, the staff form opens the page); every tab of the desk, the
// parents' portal and the office is reached and switched (Enter, then the arrow keys of a tab
// list), and the focused control shows its focus. The sign-in page and the parents' portal are
// checked at a phone's and a desk's size, the desk and the office at a desk's size.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { auditPage, focused, focusMark } from '../helpers/a11y.js';
import { makeToken, SCHOOL_A, startApiStack } from '../helpers/api-fixtures.js';
import { consoleUrl, DESK, launchBrowser, openPage, PHONE } from '../helpers/browser.js';
import { connect, ENTRY, tap, Verdict, waitFor, WAIT_MS } from '../helpers/gateway-fixtures.js';
import { startSink } from '../helpers/stack.js';

/** Tab presses allowed to reach a control from the content's start: more is a finding in itself. */
const TAB_PRESSES_MAX = 30;
/** How long a page or a tab may take to draw what it loads, in ms. */
const DRAWN_MS = 15_000;

const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-web-a11y', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
// The sink makes the ClickHouse tables the history views read.
const sink = await startSink(api.stack);
t.teardown(() => sink.stop());
const base = consoleUrl(api.gw.api.apiUrl);
const browser = await launchBrowser(t);

async function made<T = any>(p: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
/** A token the gateway already accepts (it learns of tokens through its KV watch). */
async function tokenFor(spec: Parameters<typeof makeToken>[1]): Promise<string> {
  const token = await makeToken(api.stack.nc, spec);
  await waitFor(async () => (await fetch(`${api.gw.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).status !== 401,
    5000, 'the gateway knows the token');
  return token;
}

// A pupil with a card and a parent, a turnstile that lets the pupil in: every page has something to show.
const pupil = await made(api.admin('POST', `/schools/${SCHOOL_A}/persons`,
  { kind: 'pupil', surname: 'Доступова', givenName: 'Аня', birthDate: '2014-03-04', className: '4Б' }));
const uid = randomBytes(7);
await made(api.admin('POST', `/persons/${pupil.id}/identifiers`, { kind: 'social_card', uidHex: uid.toString('hex') }));
const parent = await made(api.admin('POST', '/guardians', { phone: '+79165557001', surname: 'Доступова', givenName: 'Ольга' }));
await made(api.admin('POST', `/persons/${pupil.id}/guardians`, { guardianId: parent.id }));
const turnstile = await made(api.admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile', name: 'Турникет', place: 'вход' }));
const reader = await connect(api.gw, { id: turnstile.device.id, schoolId: SCHOOL_A, secret: Buffer.from(turnstile.secretHex, 'hex') });
t.teardown(() => reader.close());
let seq = 0;

const tokens = {
  guard: await tokenFor({ role: 'guard', schoolIds: [SCHOOL_A], label: 'a11y guard' }),
  parent: await tokenFor({ role: 'guardian', guardianId: parent.id, label: 'a11y parent' }),
  office: await tokenFor({ role: 'school_operator', schoolIds: [SCHOOL_A], label: 'a11y office' }),
};

/** Waits until the page and its open tab have drawn what they load. */
async function drawn(page: Page): Promise<void> {
  await waitFor(async () => await page.locator('.loading').count() === 0, DRAWN_MS, 'the page has drawn what it loads', 50);
}

/**
 * Presses Tab until the focused element matches `want`; each control passed on the way must show
 * its focus. Returns the focus marks that were missing (as findings).
 */
async function tabTo(page: Page, want: RegExp): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < TAB_PRESSES_MAX; i++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    if (/^(a|button|input|select|textarea)\b|\[tab\]/.test(at) && await focusMark(page) === null) missing.push(`focus not visible: ${at}`);
    if (want.test(at)) return missing;
  }
  throw new Error(`${String(want)} not reached in ${TAB_PRESSES_MAX} Tab presses (at ${await focused(page)})`);
}

/** From the top of the page: the first Tab lands on the skip link, Enter on it focuses the content. */
async function skipLink(t: Test, page: Page, what: string): Promise<void> {
  // Keyboard navigation from the document's start, as on a fresh load (the parents' portal moves
  // focus to its content once drawn, and a blur() would leave the starting point there): a
  // focusable mark before everything, focused, then gone.
  await page.evaluate(`(() => { const m = document.createElement('span'); m.tabIndex = -1; document.body.prepend(m); m.focus(); })()`);
  await page.keyboard.press('Tab');
  await page.evaluate('document.body.firstElementChild.tagName === "SPAN" && document.body.firstElementChild.remove()');
  t.equal(await focused(page), 'a.skip', `${what}: the first Tab reaches the skip link`);
  t.not(await focusMark(page), null, `${what}: the skip link shows its focus`);
  t.ok(await page.locator('a.skip').isVisible(), `${what}: and is on screen while focused`);
  await page.keyboard.press('Enter');
  t.equal(await focused(page), 'main#main', `${what}: Enter on it focuses the content`);
}

/**
 * The tab names of the page's tab list, in order, and the selected one; with `expected`, once that
 * tab is selected or after a while (a page may mark the selection in its next frame).
 */
async function tabState(page: Page, expected?: string): Promise<{ names: string[]; selected: string | null }> {
  if (expected !== undefined) await page.locator('[role="tab"][aria-selected="true"]', { hasText: expected }).waitFor({ timeout: WAIT_MS }).catch(() => undefined);
  const tabs = page.getByRole('tab');
  const names = (await tabs.allTextContents()).map((s) => s.trim());
  const selected = await page.locator('[role="tab"][aria-selected="true"]').textContent();
  return { names, selected: selected?.trim() ?? null };
}

/**
 * Reaches the tab list with Tab, opens the next tab with Enter (Tab moves along the list) and each
 * one after with the right arrow; every tab, once drawn, must have no findings.
 */
async function everyTab(t: Test, page: Page, what: string): Promise<void> {
  await drawn(page);
  t.same(await auditPage(page), [], `${what}, first tab: no findings`);
  const { names } = await tabState(page);
  t.ok(names.length >= 2, `${what}: ${names.length} tabs`);
  t.same(await tabTo(page, /\[tab\]/), [], `${what}: every control on the way to the tabs shows its focus (3:1)`);
  for (let i = 1; i < names.length; i++) {
    if (i === 1) {
      t.same(await tabTo(page, /\[tab\]/), [], `${what}: the next tab shows its focus`);
      await page.keyboard.press('Enter');
    } else await page.keyboard.press('ArrowRight');
    await drawn(page);
    const state = await tabState(page, names[i]!);
    t.equal(state.selected, names[i], `${what}: ${i === 1 ? 'Enter' : 'the right arrow'} opens «${names[i]}»`);
    t.match(await focused(page), /\[tab\]/, `${what}: the focus stays on the tab`);
    t.not(await focusMark(page), null, `${what}: which shows its focus`);
    t.same(await auditPage(page), [], `${what}, tab «${names[i]}»: no findings`);
  }
  await page.keyboard.press('ArrowLeft');
  t.equal((await tabState(page, names.at(-2))).selected, names.at(-2), `${what}: the left arrow goes back to «${names.at(-2)}»`);
  t.match(await focused(page), /\[tab\]/, `${what}: with the focus on it`);
  await drawn(page);
}

for (const [size, sizeName] of [[DESK, 'desk size'], [PHONE, 'phone size']] as const) {
  t.test(`accessibility - the sign-in page at ${sizeName}: names, headings, contrast; phone and staff sign-in by keyboard`, async (t) => {
    const { page, errors } = await openPage(t, browser, base, { size });
    await page.goto('/');
    await page.getByLabel('Ключ доступа').waitFor();
    t.same(await auditPage(page), [], 'no findings');
    await skipLink(t, page, 'sign-in');
    t.same(await tabTo(page, /^input/), [], 'each control on the way shows its focus');
    t.equal(await page.evaluate('document.activeElement.name'), 'phone', 'the first Tab from the content reaches the phone field');
    await page.keyboard.type('8 916 555-70-01');
    await page.keyboard.press('Enter');
    await page.getByText('Если этот номер зарегистрирован в школе').waitFor();
    t.equal(await page.evaluate('document.activeElement.name'), 'code', 'Enter asked for the code and focused its field');
    t.same(await auditPage(page), [], 'no findings with the code step shown');
    t.same(await tabTo(page, /^input/), [], 'each control on the way to the key shows its focus');
    t.equal(await page.evaluate('document.activeElement.name'), 'token', 'Tab reaches the staff key field');
    await page.keyboard.type('tg_0000_wrong');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    t.same(await auditPage(page), [], 'no findings with an error shown');
    await page.getByLabel('Ключ доступа').fill('');
    await page.keyboard.type(size === DESK ? tokens.office : tokens.parent);
    await page.keyboard.press('Enter');
    await page.waitForURL(size === DESK ? /\/office(#\w+)?$/ : /\/parent$/, { timeout: DRAWN_MS });
    t.pass('Enter in the key field signs in');
    t.same(errors.filter((e) => !/status of 401/.test(e)), [], 'no page errors (the wrong key\'s 401 aside)');
  });
}

/** Signs in through the staff form by keyboard and waits for the page. */
async function signedIn(t: Test, size: { width: number; height: number }, token: string, landing: RegExp): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(t, browser, base, { size });
  page.on('response', (r) => { if (r.status() >= 400) console.error('DEBUG', r.status(), r.url()); });
  await page.goto('/');
  await page.getByLabel('Ключ доступа').fill(token);
  await page.getByLabel('Ключ доступа').press('Enter');
  await page.waitForURL(landing, { timeout: DRAWN_MS });
  await page.locator('body[data-ready]').waitFor({ timeout: DRAWN_MS });
  return { page, errors };
}

t.test('accessibility - the guard\'s desk at desk size: a pass on screen, both tabs by keyboard', async (t) => {
  const { page, errors } = await signedIn(t, DESK, tokens.guard, /\/desk$/);
  await page.locator('.desk-state[data-state="live"]').waitFor({ timeout: DRAWN_MS });
  await waitFor(async () => (await tap(reader, [{ seq: ++seq, uid, direction: ENTRY }]))[0]?.verdict === Verdict.VERDICT_ALLOW,
    WAIT_MS, 'the pupil passes', 100);
  await page.locator('.desk-pass').first().waitFor({ timeout: DRAWN_MS });
  await skipLink(t, page, 'desk');
  await everyTab(t, page, 'desk');
  // The fixture's pupil has no photo: its 404 is expected.
  t.same(errors.filter((e) => !/status of 404/.test(e)), [], 'no page errors (the missing photo aside)');
});

for (const [size, sizeName] of [[PHONE, 'phone size'], [DESK, 'desk size']] as const) {
  t.test(`accessibility - the parents' portal at ${sizeName}: every tab by keyboard`, async (t) => {
    const { page, errors } = await signedIn(t, size, tokens.parent, /\/parent$/);
    await skipLink(t, page, 'parent');
    await everyTab(t, page, 'parent');
    t.same(errors, [], 'no page errors');
  });
}

t.test('accessibility - the office at desk size: every tab by keyboard, and a person\'s panel', async (t) => {
  const { page, errors } = await signedIn(t, DESK, tokens.office, /\/office(#\w+)?$/);
  await skipLink(t, page, 'office');
  await everyTab(t, page, 'office');
  await page.getByRole('tab', { name: 'Ученики и сотрудники' }).click();
  await page.getByLabel('Фамилия или имя').fill('Доступова');
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('button', { name: 'Открыть' }).first().click();
  await page.locator('.person h2').waitFor();
  await drawn(page);
  t.same(await auditPage(page), [], 'a person\'s panel: no findings');
  t.same(errors.filter((e) => !/status of 404/.test(e)), [], 'no page errors (the missing photo aside)');
});

t.test('accessibility - the checks find planted faults (so a clean page means something)', async (t) => {
  const { page } = await openPage(t, browser, base, { size: DESK });
  await page.goto('/');
  await page.getByLabel('Ключ доступа').waitFor();
  // Styles through the CSSOM: the page's CSP forbids style attributes, not scripts setting styles.
  await page.evaluate(`(() => {
    const box = document.createElement('section');
    box.className = 'planted';
    const add = (tag, props, style) => { const el = document.createElement(tag); Object.assign(el, props); Object.assign(el.style, style ?? {}); box.append(el); };
    add('input', { type: 'text' });
    add('button', {});
    add('img', { src: '/icon.svg', className: 'no-alt' });
    add('img', { src: '/icon.svg', alt: '', className: 'decorative' });
    add('h4', { textContent: 'Глубоко' });
    add('p', { textContent: 'Бледно', className: 'pale' }, { color: '#999999' });
    add('p', { textContent: 'Крупно и бледно', className: 'large' }, { color: '#949494', fontSize: '24px' });
    add('p', { textContent: 'Прозрачно', className: 'faded' }, { color: '#1a1a1a', opacity: '0.4' });
    document.getElementById('main').append(box);
  })()`);
  t.same(await auditPage(page), [
    'label: main#main > section.planted > input has no accessible name',
    'name: main#main > section.planted > button has no accessible name',
    'alt: main#main > section.planted > img.no-alt has no alt',
    'headings: main#main > section.planted > h4 is h4 after h2 ("Глубоко")',
    'contrast: main#main > section.planted > p.pale 2.85:1 < 4.5 (rgb(153, 153, 153) on rgb(255, 255, 255), "Бледно")',
    'contrast: main#main > section.planted > p.faded 2.51:1 < 4.5 (rgb(26, 26, 26) on rgb(255, 255, 255), "Прозрачно")',
  ], 'each planted fault, and nothing for the decorative image or the large text at 3:1');
});
