// Stored markup in every text field a console page shows, in Debian's Chromium against a real
// gateway, API process, nats-server, clickhouse-server and sink: the school's name, devices'
// names and places, a person's surname, given name, patronymic and display name, parents' names,
// an invitee's surname, category and product names, a token's label and roster CSV cells all hold
// markup (within each field's limits), and every page that shows them (/office's tabs, /desk with
// a tap at a connected turnstile, /parent with its invitations, the sign-in page) is visited: no
// dialog opens, no script runs, no element is made of the markup and the characters show as
// text. Class names are canonical and refuse markup (400). The page's Content-Security-Policy
// blocks an inline script and an inline event handler even if one got into the page.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { apiClient, expectApiError, makeToken, SCHOOL_A, startApiStack, type ApiClient } from '../helpers/api-fixtures.js';
import { consoleUrl, DESK, launchBrowser, openPage, signInWithToken } from '../helpers/browser.js';
import { connect, ENTRY, tap, Verdict, waitFor, WAIT_MS } from '../helpers/gateway-fixtures.js';

/** How long a row may take through the sink into ClickHouse and onto a page on a loaded machine, in ms. */
const SINK_MS = 30_000;
import { BUFFET, item, posTap } from '../helpers/pos-fixtures.js';
import { startSink } from '../helpers/stack.js';

/** The payloads: an event handler, an inline script, an attribute break-out, a script URL. */
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';
const SVG = '"><svg onload="window.__xss=3">';
const JS_URL = 'javascript:window.__xss=4';

/** Each stored field's value; a word after the payload tells the fields apart on a page. */
const V = {
  school: `${SVG}Школа ${SCRIPT}`,
  turnstileName: `${IMG}Турникет`, turnstilePlace: `${SVG}вход`,
  posName: `${SCRIPT}Касса`, posPlace: JS_URL,
  surname: `${IMG}Фам`, givenName: `${SVG}Имя`, patronymic: `${SCRIPT}Отч`,
  parentSurname: `${SCRIPT}Мама`, parentGivenName: `${IMG}Анна`,
  inviteeSurname: `${SVG}Бабушкина`, inviteeGivenName: JS_URL,
  category: `${IMG}Сладости`, category2: JS_URL,
  product: `${SVG}Компот`, product2: JS_URL,
  tokenLabel: `${IMG}ключ`,
  rosterSurname: `${IMG}Список`, rosterGivenName: SVG,
} as const;
const DISPLAY_NAME = `${V.surname} ${V.givenName} ${V.patronymic}`;
const CLASS = '9Б';
const PARENT_PHONE = '+79165557001';
const INVITEE_PHONE = '+79165557002';
/** Elements the payloads would make, and any attribute event handler (the console never sets one). */
const MADE = 'img[src="x"], svg[onload], script:not([src]), [onerror], [onload], a[href^="javascript:"]';

const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-web-xss', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
const sink = await startSink(api.stack);
t.teardown(() => sink.stop());
const admin = api.admin;
const base = consoleUrl(api.gw.apiUrl);
const browser = await launchBrowser(t);

async function made<T = any>(p: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A token the API process already accepts (its KV watch has seen it). */
async function readyToken(spec: Parameters<typeof makeToken>[1], probe: string): Promise<{ token: string; client: ApiClient }> {
  const token = await makeToken(api.stack.nc, spec);
  const client = apiClient(api.gw.apiUrl, token);
  await waitFor(async () => (await client('GET', probe)).status === 200, WAIT_MS, 'the API process knows the token');
  return { token, client };
}

// ---- the stored data, every text field with markup ----
await made(admin('PATCH', `/schools/${SCHOOL_A}`, { name: V.school }), 200);
const turnstile = await made(admin('POST', `/schools/${SCHOOL_A}/devices`,
  { kind: 'turnstile', name: V.turnstileName, place: V.turnstilePlace }));
const pos = await made(admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos', name: V.posName, place: V.posPlace }));
await made(admin('POST', `/schools/${SCHOOL_A}/categories`, { code: 'sweets', name: V.category }));
await made(admin('POST', `/schools/${SCHOOL_A}/categories`, { code: 'drinks', name: V.category2 }));
const product = await made(admin('POST', `/schools/${SCHOOL_A}/products`, { name: V.product, category: 'drinks', priceKop: 4500 }));
await made(admin('POST', `/schools/${SCHOOL_A}/products`, { name: V.product2, category: 'sweets', priceKop: 1000 }));
const child = await made(admin('POST', `/schools/${SCHOOL_A}/persons`,
  { kind: 'pupil', surname: V.surname, givenName: V.givenName, patronymic: V.patronymic, birthDate: '2014-03-04', className: CLASS }));
const parent = await made(admin('POST', '/guardians', { phone: PARENT_PHONE, surname: V.parentSurname, givenName: V.parentGivenName }));
await made(admin('POST', `/persons/${child.id}/guardians`, { guardianId: parent.id }));
const invitee = await made(admin('POST', '/guardians', { phone: INVITEE_PHONE, surname: V.inviteeSurname, givenName: V.inviteeGivenName }));
const P = await readyToken({ role: 'guardian', guardianId: parent.id, label: V.tokenLabel }, '/me');
await made(P.client('POST', '/me/invitations',
  { personId: child.id, phone: INVITEE_PHONE, surname: V.inviteeSurname, scopes: ['passes'] }));
const I = await readyToken({ role: 'guardian', guardianId: invitee.id, label: V.tokenLabel }, '/me');
const operator = await readyToken({ role: 'school_operator', schoolIds: [SCHOOL_A], label: V.tokenLabel }, `/schools/${SCHOOL_A}`);
const catering = await readyToken({ role: 'catering_operator', schoolIds: [SCHOOL_A], label: V.tokenLabel }, `/schools/${SCHOOL_A}`);
const guard = await readyToken({ role: 'guard', schoolIds: [SCHOOL_A], label: V.tokenLabel }, '/schools');

// The child's card passes the turnstile and buys the product at the till (history and purchases).
const uid = randomBytes(7);
await made(admin('POST', `/persons/${child.id}/identifiers`, { kind: 'social_card', uidHex: uid.toString('hex') }));
const account = await made(admin('GET', `/persons/${child.id}/account`), 200);
const bank = await api.clientFor({ role: 'payment_integration', label: 'bank' });
await made(bank('POST', `/accounts/by-number/${account.number}/top-ups`, { channel: 'bank', paymentId: 'xss-1', amountKop: 10_000 }));
const gate = await connect(api.gw, { id: turnstile.device.id, schoolId: SCHOOL_A, secret: Buffer.from(turnstile.secretHex, 'hex') });
t.teardown(() => gate.close());
const till = await connect(api.gw, { id: pos.device.id, schoolId: SCHOOL_A, secret: Buffer.from(pos.secretHex, 'hex') });
t.teardown(() => till.close());
let seq = 0;
await waitFor(async () => (await tap(gate, [{ seq: ++seq, uid, direction: ENTRY }]))[0]?.verdict === Verdict.VERDICT_ALLOW,
  WAIT_MS, 'the entry', 50);
const sale = [item(product.id, 'drinks', 4500)];
await waitFor(async () => (await posTap(till, [{ seq: ++seq, uid, mealKind: BUFFET, items: sale }]))[0]?.verdict
  === Verdict.VERDICT_ALLOW, WAIT_MS, 'the sale', 50);

// ---- visiting a page ----

interface Visit { readonly page: Page; readonly errors: string[]; readonly dialogs: string[] }

async function open(t: Test, token: string, landing: RegExp): Promise<Visit> {
  const { page, errors } = await openPage(t, browser, base, { size: DESK });
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); void d.dismiss(); });
  await signInWithToken(page, token, landing);
  await page.locator('body[data-ready]').waitFor({ timeout: 15_000 });
  return { page, errors, dialogs };
}

/** Everything a person reads on the page: its text, the values of its inputs and the texts of its options. */
const PAGE_TEXT = `[document.body.innerText,
  ...[...document.querySelectorAll('input')].map((i) => i.value),
  ...[...document.querySelectorAll('option')].map((o) => o.textContent)].join('\\n')`;

/** The checks of one view: no dialog, no script ran, nothing made of markup, each stored text shown as text. */
async function checkView(t: Test, v: Visit, what: string, shown: readonly string[]): Promise<void> {
  t.same(v.dialogs, [], `${what}: no dialog`);
  t.equal(await v.page.evaluate('window.__xss'), undefined, `${what}: no script ran`);
  t.equal(await v.page.locator(`main :is(${MADE})`).count(), 0, `${what}: no element made of markup in main`);
  t.equal(await v.page.locator(MADE).count(), 0, `${what}: nor anywhere in the page`);
  // Money is written with a no-break space before «₽»: compared as a plain space.
  const text = (await v.page.evaluate<string>(PAGE_TEXT)).replace(/[\u00a0\u202f]/g, ' ');
  for (const s of shown) t.ok(text.includes(s), `${what}: shows ${JSON.stringify(s)} as text`);
}

/** Page errors other than a resource that failed to load (a photo never uploaded answers 404). */
const realErrors = (v: Visit) => v.errors.filter((e) => !e.includes('Failed to load resource'));

t.test('stored-xss - a class name is canonical and refuses markup (400)', async (t) => {
  for (const className of [IMG, SCRIPT, SVG, JS_URL]) {
    expectApiError(t, await admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: 'Классова', givenName: 'Нина',
      birthDate: '2014-01-01', className }), 400, 'API_INVALID_REQUEST', `a new person's class ${JSON.stringify(className)}`);
    expectApiError(t, await admin('PATCH', `/persons/${child.id}`, { className }), 400, 'API_INVALID_REQUEST',
      `a changed class ${JSON.stringify(className)}`);
  }
});

t.test('stored-xss - the office: persons, a person\'s panel, devices, parents by phone, roster', async (t) => {
  const v = await open(t, operator.token, /\/office(#[a-z]+)?$/);
  await checkView(t, v, 'office, school name', [V.school]);
  const { page } = v;
  await page.getByLabel('Класс').first().fill(CLASS);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('cell', { name: DISPLAY_NAME }).waitFor();
  await checkView(t, v, 'persons list', [DISPLAY_NAME]);

  await page.getByRole('button', { name: 'Открыть' }).first().click();
  await page.locator('.person h2').waitFor();
  await page.locator('table', { hasText: V.parentSurname }).waitFor();
  t.equal(await page.locator('.person h2').textContent(), DISPLAY_NAME, 'the panel\'s heading is the name as text');
  // The day's history comes from ClickHouse (the sink's delay): show it until the entry is there.
  const history = page.locator('table.history tbody');
  await waitFor(async () => {
    await page.getByRole('button', { name: 'Показать' }).click();
    return (await history.count()) > 0 && (await history.innerText()).includes(V.turnstileName);
  }, SINK_MS, 'the entry in the person\'s history', 200);
  await checkView(t, v, 'person panel', [DISPLAY_NAME, V.surname, V.givenName, V.patronymic, `${V.parentSurname} ${V.parentGivenName}`,
    `${V.turnstileName} (${V.turnstilePlace})`]);

  await page.getByRole('tab', { name: 'Устройства' }).click();
  await page.getByRole('heading', { name: `${V.turnstileName} — ${V.turnstilePlace}` }).waitFor();
  await checkView(t, v, 'devices tab', [`${V.turnstileName} — ${V.turnstilePlace}`, `${V.posName} — ${V.posPlace}`,
    V.turnstileName, V.turnstilePlace, V.posName, V.posPlace]);

  await page.getByRole('tab', { name: 'Родители' }).click();
  await page.getByLabel('Телефон').fill(PARENT_PHONE);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('heading', { name: `${V.parentSurname} ${V.parentGivenName}` }).waitFor();
  await checkView(t, v, 'parents by phone', [`${V.parentSurname} ${V.parentGivenName}`, DISPLAY_NAME]);

  await page.getByRole('tab', { name: 'Загрузка списка' }).click();
  const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const csv = ['surname,given_name,birth_date,class', `${cell(V.rosterSurname)},${cell(V.rosterGivenName)},2014-05-06,${CLASS}`,
    `Строкова,Вера,2014-05-07,${cell(IMG)}`, ''].join('\r\n');
  await page.getByLabel('Файл списка').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Загрузить список' }).click();
  await page.getByText('Список загружен, но некоторые строки не приняты.').waitFor();
  const refused = await page.locator('table.roster-errors tbody tr').allInnerTexts();
  t.same(refused.map((r) => r.split('\t').map((c) => c.trim())),
    [['3', 'класс', 'класс должен быть вида 5А или 10-2']], 'the markup class is refused, reported in words (no cell echoed)');
  t.notOk((await page.locator('.roster-report').innerText()).includes('onerror'), 'the report echoes no cell');
  await checkView(t, v, 'roster report', []);
  await page.getByRole('tab', { name: 'Ученики и сотрудники' }).click();
  await page.getByLabel('Класс').first().fill(CLASS);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByRole('cell', { name: `${V.rosterSurname} ${V.rosterGivenName}` }).waitFor();
  await checkView(t, v, 'persons list after the roster', [DISPLAY_NAME, `${V.rosterSurname} ${V.rosterGivenName}`]);
  t.same(realErrors(v), [], 'no page errors');
});

t.test('stored-xss - the office for catering: the day\'s purchases and the menu', async (t) => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  await waitFor(async () => ((await catering.client('GET', `/schools/${SCHOOL_A}/purchases?date=${day}`)).body.items ?? []).length > 0,
    SINK_MS, 'the sink wrote the sale', 100);
  const v = await open(t, catering.token, /\/office(#[a-z]+)?$/);
  await v.page.locator('table.purchases tbody tr').first().waitFor();
  await checkView(t, v, 'purchases tab', [V.school, DISPLAY_NAME, `${V.posName} (${V.posPlace})`, V.product]);
  await v.page.getByRole('tab', { name: 'Меню' }).click();
  await v.page.getByRole('cell', { name: V.product, exact: true }).waitFor();
  await checkView(t, v, 'menu tab', [V.product, V.product2, V.category, V.category2]);
  t.same(realErrors(v), [], 'no page errors');
});

t.test('stored-xss - the desk: a tap by a person with markup in the name', async (t) => {
  const v = await open(t, guard.token, /\/desk$/);
  await v.page.locator('.desk-state[data-state="live"]').waitFor({ timeout: 15_000 });
  await tap(gate, [{ seq: ++seq, uid, direction: ENTRY }]);
  const name = v.page.locator('.desk-pass-name', { hasText: 'onerror' }).first();
  await name.waitFor({ timeout: WAIT_MS });
  t.equal(await name.textContent(), DISPLAY_NAME, 'the pass shows the name as text');
  await checkView(t, v, 'desk feed', [DISPLAY_NAME]);
  await v.page.getByRole('tab', { name: 'Перекличка' }).click();
  await v.page.locator('.desk-person-name', { hasText: 'onerror' }).first().waitFor();
  await checkView(t, v, 'desk roll-call', [DISPLAY_NAME]);
  t.same(realErrors(v), [], 'no page errors');
});

t.test('stored-xss - the parents\' portal: child, school, categories, product, invitations', async (t) => {
  const v = await open(t, P.token, /\/parent$/);
  const { page } = v;
  await page.locator('.child-name').waitFor();
  t.equal(await page.locator('.child-name strong').textContent(), DISPLAY_NAME, 'the child\'s name as text');
  // The purchase reaches the day through the sink: show the day again until it is there.
  await waitFor(async () => {
    await page.getByRole('tab', { name: 'Счёт' }).click();
    await page.getByRole('tab', { name: 'День' }).click();
    await page.locator('.events, .day-card .lead').first().waitFor();
    return (await page.locator('.items li').count()) > 0;
  }, SINK_MS, 'the purchase on the day', 300);
  await checkView(t, v, 'parent day', [DISPLAY_NAME, V.school, `${V.product} — 45,00 ₽`]);
  await page.getByRole('tab', { name: 'Счёт' }).click();
  await page.getByText(V.category).waitFor();
  await checkView(t, v, 'parent account', [V.category, V.category2]);
  await page.getByRole('tab', { name: 'Доверенные лица' }).click();
  await page.getByText(`${V.inviteeSurname}, ${INVITEE_PHONE}`).waitFor();
  await checkView(t, v, 'parent invitations sent', [`${V.inviteeSurname}, ${INVITEE_PHONE}`, DISPLAY_NAME]);
  t.same(realErrors(v), [], 'no page errors');

  const w = await open(t, I.token, /\/parent$/);
  await w.page.getByText('Вас пригласили').waitFor();
  t.equal(await w.page.locator('.invitations li .what').textContent(),
    `${V.parentSurname} ${V.parentGivenName} приглашает вас: ${DISPLAY_NAME}`, 'inviter and child as text');
  await checkView(t, w, 'invitation received', [`${V.parentSurname} ${V.parentGivenName} приглашает вас: ${DISPLAY_NAME}`]);
  t.same(realErrors(w), [], 'no page errors');
});

t.test('stored-xss - the sign-in page never follows a script URL in ?next', async (t) => {
  const { page, errors } = await openPage(t, browser, base, { size: DESK });
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.type()); void d.dismiss(); });
  const v: Visit = { page, errors, dialogs };
  await page.goto(`/?next=${encodeURIComponent(JS_URL)}`);
  await page.getByLabel('Ключ доступа').fill(operator.token);
  await page.getByRole('button', { name: 'Войти' }).last().click();
  await page.waitForURL(/\/office(#[a-z]+)?$/, { timeout: 15_000 });
  t.pass('signed in, the page went to the role\'s page, not to the script URL');
  await page.goto(`/?next=${encodeURIComponent(JS_URL)}`);
  const more = page.getByRole('link', { name: 'Продолжить' });
  await more.waitFor();
  t.equal(await more.getAttribute('href'), '/office', '«Продолжить» leads to the role\'s page');
  await checkView(t, v, 'sign-in page', ['Вы уже вошли.']);
  t.same(realErrors(v), [], 'no page errors');
});

t.test('stored-xss - the CSP blocks an inline script and an inline handler that got into a page', async (t) => {
  const res = await fetch(`${base}/office`);
  t.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/, 'the page is served with script-src \'self\'');
  const v = await open(t, operator.token, /\/office(#[a-z]+)?$/);
  const ran = await v.page.evaluate<unknown>(`new Promise((resolve) => {
    const s = document.createElement('script');
    s.textContent = 'window.__csp = "script"';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__csp = "handler"');
    img.addEventListener('error', () => setTimeout(() => { img.remove(); s.remove(); resolve(window.__csp); }, 50));
    img.src = '/none.png';
    document.body.append(img);
  })`);
  t.equal(ran, undefined, 'neither the inserted script nor the inline handler ran');
  const violations = v.errors.filter((e) => e.includes('Content Security Policy'));
  t.equal(violations.length, 2, 'the browser reported both as CSP violations (console errors)');
  t.same(realErrors(v).filter((e) => !e.includes('Content Security Policy')), [], 'no other page errors');
});
