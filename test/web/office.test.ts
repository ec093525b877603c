// The school office page in a real Chromium against a real gateway, nats-server, clickhouse-server
// and sink: an office imports a roster and reads the per-row report in words; a name with markup
// shows as text; it issues a card and blocks it, and a connected turnstile then refuses it; it
// names and places a device; it merges a mistaken duplicate; catering refunds from the day's
// purchases. Screenshots go to TAPGATE_SCREENSHOTS when it is set.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { SCHOOL_A, startApiStack } from '../helpers/api-fixtures.js';
import { consoleUrl, DESK, launchBrowser, openPage, PHONE, signInWithToken } from '../helpers/browser.js';
import { connect, ENTRY, Reason, tap, Verdict, waitFor, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';
import { BUFFET, item, posTap } from '../helpers/pos-fixtures.js';
import { startSink } from '../helpers/stack.js';

const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-web-office', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
const sink = await startSink(api.stack);
t.teardown(() => sink.stop());
const admin = api.admin;
const base = consoleUrl(api.gw.api.apiUrl);
const browser = await launchBrowser(t);
const SHOTS = process.env['TAPGATE_SCREENSHOTS'];
const OFFICE = /\/office(#[a-z]+)?$/;

async function tokenFor(role: 'school_operator' | 'catering_operator'): Promise<string> {
  const r = await admin('POST', '/tokens', { role, schoolIds: [SCHOOL_A], label: `office ${role}` });
  if (r.status !== 201) throw new Error(`token: ${r.status}`);
  return r.body.token as string;
}
async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS !== undefined) await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}
async function officePage(t: Test, role: 'school_operator' | 'catering_operator', size: { width: number; height: number } = DESK) {
  const { page, errors } = await openPage(t, browser, base, { size });
  await signInWithToken(page, await tokenFor(role), OFFICE);
  return { page, errors };
}
/** Searches the persons tab and opens the first person found by this name. */
async function openPerson(page: Page, q: string, row = 0): Promise<void> {
  await page.getByRole('tab', { name: 'Ученики и сотрудники' }).click();
  await page.getByLabel('Фамилия или имя').fill(q);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('button', { name: 'Открыть' }).nth(row).click();
  await page.locator('.person h2').waitFor();
}

const XSS = '<img src=x onerror=window.__xss=1>';

t.test('office - a roster import shows its per-row report in words; a name with markup is text', async (t) => {
  const { page, errors } = await officePage(t, 'school_operator');
  await page.getByRole('tab', { name: 'Загрузка списка' }).click();
  const csv = ['surname,given_name,birth_date,class', 'Ключева,Мария,2013-02-03,5А', `${XSS},Ира,2013-04-05,5А`,
    'Ошибкина,Вера,2013-02-31,5А', 'Классова,Нина,2013-01-01,55Я', ''].join('\r\n');
  await page.getByLabel('Файл списка').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Загрузить список' }).click();
  await page.getByText('Список загружен, но некоторые строки не приняты.').waitFor();
  const summary = await page.locator('.office-summary').innerText();
  t.match(summary, /Строк в файле\s+4/, 'four rows');
  t.match(summary, /Принято\s+2/, 'two applied');
  t.match(summary, /Не принято\s+2/, 'two refused');
  const rows = await page.locator('table.roster-errors tbody tr').allInnerTexts();
  t.same(rows.map((r) => r.split('\t').map((c) => c.trim())), [
    ['4', 'дата рождения', 'дата должна быть в виде ГГГГ-ММ-ДД'],
    ['5', 'класс', 'класс должен быть вида 5А или 10-2'],
  ], 'each refused row by line, column and problem, in words');
  await shot(page, 'office-roster-desktop.png');

  await page.getByRole('tab', { name: 'Ученики и сотрудники' }).click();
  await page.getByLabel('Класс').first().fill('5А');
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('cell', { name: `${XSS} Ира` }).waitFor();
  t.equal(await page.locator('table.persons img').count(), 0, 'no element was made from the name');
  t.equal(await page.evaluate('window.__xss'), undefined, 'no script ran');
  t.same(errors, [], 'no page errors');
});

t.test('office - a card issued and blocked in the page is refused by a connected turnstile', async (t) => {
  const made = await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile', name: 'Турникет 1' });
  const dev: TestDevice = { id: made.body.device.id, schoolId: SCHOOL_A, secret: Buffer.from(made.body.secretHex, 'hex') };
  const turnstile = await connect(api.gw, dev);
  t.teardown(() => turnstile.close());
  const { page, errors } = await officePage(t, 'school_operator');
  await openPerson(page, 'Ключева');
  const uid = randomBytes(7);
  await page.getByLabel('Номер карты (UID)').fill(uid.toString('hex').toUpperCase());
  await page.getByRole('button', { name: 'Выдать карту' }).click();
  await page.getByText('Карта выдана.').waitFor();
  t.match(await page.locator('table.cards tbody').innerText(), /социальная карта\s+…[0-9A-F]{4}\s+действует/, 'the card is listed in words');
  let seq = 0;
  await waitFor(async () => (await tap(turnstile, [{ seq: ++seq, uid, direction: ENTRY }]))[0]?.verdict === Verdict.VERDICT_ALLOW, WAIT_MS, 'the turnstile lets the card in', 50);
  await shot(page, 'office-persons-desktop.png');
  await page.getByRole('button', { name: 'Заблокировать' }).click();
  await page.getByText(/Карта заблокирована/).waitFor();
  t.match(await page.locator('table.cards tbody').innerText(), /заблокирована/, 'shown as blocked');
  const startedMs = Date.now();
  await waitFor(async () => (await tap(turnstile, [{ seq: ++seq, uid, direction: ENTRY }]))[0]?.reason === Reason.DECISION_REASON_IDENTIFIER_BLOCKED, WAIT_MS,
    'the turnstile refuses the blocked card', 20);
  t.ok(Date.now() - startedMs < 5_000, `refused ${Date.now() - startedMs} ms after the block was shown (aim: under 1000)`);
  // The day's history in the panel says it in words, with the turnstile by name (from ClickHouse: the sink's delay).
  const history = page.locator('table.history tbody');
  await waitFor(async () => {
    await page.getByRole('button', { name: 'Показать' }).click();
    return (await history.count()) > 0 && /отказ: карта заблокирована\s+Турникет 1/.test(await history.innerText());
  }, WAIT_MS, 'the refusal in the person\'s history', 200);
  t.match(await history.innerText(), /вход\s+Турникет 1/, 'the entry before the block, in words');
  t.same(errors, [], 'no page errors');
});

t.test('office - a device named and placed in the page', async (t) => {
  const { page, errors } = await officePage(t, 'school_operator');
  await page.getByRole('tab', { name: 'Устройства' }).click();
  const item = page.locator('li.device', { hasText: 'Турникет 1' });
  await item.getByLabel('Где стоит').fill('главный вход');
  await item.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('heading', { name: 'Турникет 1 — главный вход' }).waitFor();
  const list = await admin('GET', `/schools/${SCHOOL_A}/devices`);
  t.same(list.body.items.map((d: { name: string; place: string }) => [d.name, d.place]), [['Турникет 1', 'главный вход']], 'stored');
  await page.getByLabel('Название').last().fill('Касса 2');
  await page.getByLabel('Где стоит').last().fill('столовая');
  await page.getByLabel('Вид').selectOption('pos');
  await page.getByRole('button', { name: 'Добавить устройство' }).click();
  const secret = await page.locator('.secret-hex').innerText();
  t.match(secret, /^[0-9a-f]{64}$/, 'the secret is shown once');
  await shot(page, 'office-devices-desktop.png');
  await page.getByRole('button', { name: 'Я сохранил(а) секрет' }).click();
  t.equal(await page.locator('.secret-hex').count(), 0, 'and then gone');
  t.same(errors, [], 'no page errors');
});

t.test('office - a mistaken duplicate is merged in the page', async (t) => {
  const dup = await admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: 'Ключева', givenName: 'Мария', birthDate: '2013-02-13', className: '5А' });
  const card = await admin('POST', `/persons/${dup.body.id}/identifiers`, { kind: 'fob', uidHex: randomBytes(7).toString('hex') });
  t.equal(card.status, 201, 'setup: the duplicate has a fob');
  const { page, errors } = await officePage(t, 'school_operator');
  await page.getByRole('tab', { name: 'Ученики и сотрудники' }).click();
  await page.getByLabel('Фамилия или имя').fill('Ключева');
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.locator('table.persons tbody tr', { hasText: '2013-02-03' }).getByRole('button', { name: 'Открыть' }).click();
  await page.getByLabel('Ошибочная запись (будет удалена)').selectOption(dup.body.id);
  await page.getByLabel('Я проверил(а): это один и тот же человек').check();
  await page.getByRole('button', { name: 'Объединить' }).click();
  await page.getByText('Объединено: перенесено карт — 1, родителей — 0, льгот — 0. Дубликат удалён.').waitFor();
  t.equal((await admin('GET', `/persons/${dup.body.id}`)).status, 404, 'the duplicate is gone');
  t.match(await page.locator('table.cards tbody').innerText(), /брелок/, 'the fob is now on the kept record');
  t.same(errors, [], 'no page errors');
});

t.test('office - catering refunds a purchase from the day\'s list', async (t) => {
  const catering = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
  const operator = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  await catering('POST', `/schools/${SCHOOL_A}/categories`, { code: 'bakery', name: 'Выпечка' });
  const bun = await catering('POST', `/schools/${SCHOOL_A}/products`, { name: 'Булочка с маком', category: 'bakery', priceKop: 4_500 });
  const buyer = await admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: 'Покупкина', givenName: 'Оля', birthDate: '2012-06-06', className: '6Б' });
  const uid = randomBytes(7);
  await operator('POST', `/persons/${buyer.body.id}/identifiers`, { kind: 'social_card', uidHex: uid.toString('hex') });
  const account = await admin('GET', `/accounts/${buyer.body.accountId}`);
  const payments = await api.clientFor({ role: 'payment_integration', label: 'bank' });
  await payments('POST', `/accounts/by-number/${account.body.number}/top-ups`, { channel: 'sber', paymentId: 'web-office-1', amountKop: 10_000 });
  const pos = (await operator('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos', name: 'Касса 1', place: 'столовая' })).body;
  const reader = await connect(api.gw, { id: pos.device.id, schoolId: SCHOOL_A, secret: Buffer.from(pos.secretHex, 'hex') });
  t.teardown(() => reader.close());
  await waitFor(async () => (await posTap(reader, [{ seq: 1, uid, mealKind: BUFFET, items: [item(bun.body.id, 'bakery', 4_500)] }]))[0]?.verdict
    === Verdict.VERDICT_ALLOW, WAIT_MS, 'the sale', 100);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  await waitFor(async () => ((await catering('GET', `/schools/${SCHOOL_A}/purchases?date=${day}`)).body.items ?? []).length > 0, WAIT_MS, 'the sink wrote it', 100);

  const { page, errors } = await officePage(t, 'catering_operator');
  const row = page.locator('table.purchases tbody tr', { hasText: 'Покупкина Оля' });
  await row.waitFor();
  t.match(await row.innerText(), /Покупкина Оля, 6Б\s+Касса 1 \(столовая\)\s+Булочка с маком × 1\s+45,00/, 'name, reader, items and sum in words');
  await shot(page, 'office-refunds-desktop.png');
  await row.getByRole('button', { name: 'Вернуть' }).click();
  await page.getByText('Возвращено 45,00 ₽.').waitFor();
  t.equal((await admin('GET', `/accounts/${buyer.body.accountId}`)).body.balanceKop, 10_000, 'the money is back, once');
  await row.getByRole('button', { name: 'Вернуть' }).click();
  await page.getByText('Эта покупка уже возвращена.').waitFor();
  t.equal((await admin('GET', `/accounts/${buyer.body.accountId}`)).body.balanceKop, 10_000, 'a second click refunds nothing');
  t.same(errors, [], 'no page errors');
});

t.test('office - the persons tab on a phone', async (t) => {
  const { page, errors } = await officePage(t, 'school_operator', PHONE);
  await openPerson(page, 'Ключева');
  await shot(page, 'office-persons-phone.png');
  const width = await page.evaluate('document.documentElement.scrollWidth');
  // The widest element, named, when something sticks out: what to fix in app.css.
  const widest = await page.evaluate(`(() => { let w = null; for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect(); if (r.right > ${PHONE.width + 1} && (w === null || r.right > w.right)) w = { right: r.right,
    what: el.tagName + '.' + el.className + ' ' + (el.textContent || '').slice(0, 40) }; } return w; })()`);
  t.ok(Number(width) <= PHONE.width + 1, `no sideways scrolling (${String(width)} px)`, { widest });
  t.same(errors, [], 'no page errors');
});
