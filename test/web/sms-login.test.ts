// A parent signs in by SMS in a real browser: Chromium on the sign-in page, the phone entered,
// the code read from the local SMSC (real SMPP, sent by the notifier), the code entered, and the
// parent lands on /parent with a guardian session. With TAPGATE_SCREENSHOTS set, the sign-in
// page is saved at phone and desk sizes, and with its code step at phone size.
import { join } from 'node:path';
import t from 'tap';
import { consoleUrl, DESK, launchBrowser, openPage, PHONE } from '../helpers/browser.js';
import { startNotifier, startProviders } from '../helpers/notifier-fixtures.js';
import { startApiProcess, startStack } from '../helpers/stack.js';

const SHOTS = process.env['TAPGATE_SCREENSHOTS'];
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
const providers = await startProviders(stack.dir);
t.teardown(() => providers.stop());
const guardian = { id: 'g-web-sms', phone: '+79165551234', surname: 'Смсова', givenName: 'Анна' };
await stack.loadRegistry({ schools: [{ id: 'sch-web', name: 'Школа', timeZone: 'Europe/Moscow' }], guardians: [guardian] });
const api = await startApiProcess(stack);
t.teardown(() => api.stop());
const notifier = await startNotifier(stack, providers);
t.teardown(() => notifier.stop());
const base = consoleUrl(api.apiUrl);
const browser = await launchBrowser(t);

t.test('sms login page - a parent signs in with the code from the SMS and lands on /parent', async (t) => {
  const { page, errors } = await openPage(t, browser, base, { size: PHONE });
  await page.goto('/');
  const phone = page.getByLabel('Номер телефона');
  await phone.waitFor();
  if (SHOTS !== undefined) await page.screenshot({ path: join(SHOTS, 'login-phone.png'), fullPage: true });
  // People type their number with spaces and dashes; the page sends it in E.164.
  await phone.fill('+7 916 555-12-34');
  const since = Date.now();
  await page.getByRole('button', { name: 'Получить код' }).click();
  const code = page.getByLabel('Код из SMS');
  await code.waitFor({ state: 'visible' });
  t.equal(await page.getByRole('status').last().textContent(), 'Если этот номер зарегистрирован в школе, на него придёт SMS с кодом.',
    'the page does not say whether the number is registered');
  t.equal(await page.evaluate('document.activeElement?.getAttribute("name")'), 'code', 'the code field has the focus');
  const sms = await providers.smsc.waitFor((m) => m.destination === guardian.phone.slice(1) && m.receivedAtMs >= since, 20_000);
  const digits = /(\d{6})/.exec(sms.text)![1]!;
  if (SHOTS !== undefined) await page.screenshot({ path: join(SHOTS, 'login-code-phone.png'), fullPage: true });
  await page.keyboard.type(digits);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/parent$/, { timeout: 15_000 });
  const session = await page.request.get(`${api.apiUrl}/session`);
  t.equal(session.status(), 200, 'a session');
  const s = await session.json() as { role: string; guardianId: string; method: string };
  t.same({ role: s.role, guardianId: s.guardianId, method: s.method }, { role: 'guardian', guardianId: guardian.id, method: 'sms' },
    'GET /session says guardian, by SMS');
  t.same(errors, [], 'no page errors');
});

t.test('sms login page - a wrong code shows an alert in Russian, and the page stays', async (t) => {
  const { page } = await openPage(t, browser, base, { size: DESK });
  await page.goto('/');
  await page.getByLabel('Номер телефона').waitFor();
  if (SHOTS !== undefined) await page.screenshot({ path: join(SHOTS, 'login-desktop.png'), fullPage: true });
  await page.getByLabel('Номер телефона').fill('+79165550000');
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByLabel('Код из SMS').fill('000000');
  await page.getByRole('button', { name: 'Войти' }).first().click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  t.equal(await alert.textContent(), 'Неверный или устаревший код.', 'the refusal in Russian');
  t.match(page.url(), /\/$/, 'still on the sign-in page');
});
