// Console sessions in a real browser and over plain HTTP: staff sign in with a token and get an
// HttpOnly SameSite=Strict cookie no script can read; a cookie the server did not issue
// authenticates nothing and a sign-in replaces whatever cookie was there (no fixation); a change
// without the session's CSRF token or from another origin is refused; sign-out ends the session
// in the store; a revoked token ends its sessions; the static pages carry their security headers.
import t from 'tap';
import { apiClient, startApiStack } from '../helpers/api-fixtures.js';
import { consoleUrl, launchBrowser, openPage, signInWithToken } from '../helpers/browser.js';

const api = await startApiStack({ clickhouse: false });
t.teardown(() => api.stop());
const base = consoleUrl(api.gw.api.apiUrl);
const apiUrl = api.gw.api.apiUrl;
const browser = await launchBrowser(t);

async function officeToken(label: string): Promise<string> {
  const res = await api.admin('POST', '/tokens', { role: 'school_operator', schoolIds: ['api-sch-a'], label });
  t.equal(res.status, 201, 'token made');
  return res.body.token as string;
}

t.test('session - the pages are served with their security headers', async (t) => {
  for (const path of ['/', '/desk', '/parent', '/office']) {
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'gzip' } });
    t.equal(res.status, 200, `${path} is served`);
    t.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/, `${path} is HTML`);
    t.match(res.headers.get('content-security-policy'), /default-src 'self'; script-src 'self'/, `${path} allows only this origin's scripts`);
    t.equal(res.headers.get('x-frame-options'), 'DENY', `${path} cannot be framed`);
    const etag = res.headers.get('etag');
    t.ok(etag, `${path} has an ETag`);
    const again = await fetch(base + path, { headers: { 'if-none-match': etag! } });
    t.equal(again.status, 304, `${path} revalidates to 304`);
  }
  const js = await fetch(`${base}/js/common/dom.js`);
  t.match(js.headers.get('content-type'), /^text\/javascript/, 'scripts are JavaScript');
  t.equal((await fetch(`${base}/js/none.js`)).status, 404, 'an unknown file is 404');
  t.equal((await fetch(`${base}/../package.json`)).status, 404, 'nothing outside the console folder');
});

t.test('session - a guard signs in with a token; the cookie is HttpOnly and SameSite=Strict', async (t) => {
  const res = await api.admin('POST', '/tokens', { role: 'guard', schoolIds: ['api-sch-a'], label: 'guard A' });
  t.equal(res.status, 201, 'a guard token');
  const { context, page, errors } = await openPage(t, browser, base);
  await signInWithToken(page, res.body.token, /\/desk$/);
  const cookies = await context.cookies();
  const c = cookies.find((x) => x.name === 'tg_session');
  t.ok(c, 'the session cookie is set');
  t.equal(c?.httpOnly, true, 'HttpOnly');
  t.equal(c?.sameSite, 'Strict', 'SameSite=Strict');
  t.equal(await page.evaluate('document.cookie'), '', 'no script can read it');
  // This stack has no ClickHouse: the desk's read-back of the day's passes may already have
  // answered 503 (the page shows a note for it, and the browser logs the failed load).
  t.same(errors.filter((e) => !/status of 503/.test(e)), [], 'no page errors (the read-back\'s 503 aside)');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.waitForURL(/\/$/);
  t.equal((await context.cookies()).find((x) => x.name === 'tg_session'), undefined, 'sign-out clears the cookie');
});

t.test('session - fixation: a planted cookie authenticates nothing and a sign-in replaces it', async (t) => {
  const token = await officeToken('fixation');
  const { context, page } = await openPage(t, browser, base);
  const planted = `${'ab'.repeat(12)}.${'x'.repeat(43)}`;
  await context.addCookies([{ name: 'tg_session', value: planted, url: base }]);
  const before = await page.request.get(`${apiUrl}/session`);
  t.equal(before.status(), 204, 'a cookie the server did not issue is not a session');
  t.equal((await page.request.get(`${apiUrl}/schools/api-sch-a/persons`)).status(), 401, 'and opens nothing');
  await signInWithToken(page, token, /\/office$/);
  const after = (await context.cookies()).find((x) => x.name === 'tg_session');
  t.not(after?.value, planted, 'the sign-in set a new session id');
  // Signing in again while signed in makes yet another session and ends the old one.
  const old = after!.value;
  await signInWithToken(page, token, /\/office$/);
  const renewed = (await context.cookies()).find((x) => x.name === 'tg_session')!.value;
  t.not(renewed, old, 'a second sign-in rotates the id');
  const oldRes = await fetch(`${apiUrl}/session`, { headers: { cookie: `tg_session=${old}` } });
  t.equal(oldRes.status, 204, 'the replaced session is over');
});

t.test('session - CSRF: a cookie alone does not change anything', async (t) => {
  const token = await officeToken('csrf');
  const login = await fetch(`${apiUrl}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  t.equal(login.status, 201, 'signed in over HTTP');
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  t.match(login.headers.get('set-cookie'), /HttpOnly; SameSite=Strict/, 'cookie attributes');
  const { csrfToken } = await login.json() as { csrfToken: string };
  const body = JSON.stringify({ kind: 'pupil', surname: 'Csrf', givenName: 'Test', birthDate: '2015-01-01' });
  const post = (headers: Record<string, string>) => fetch(`${apiUrl}/schools/api-sch-a/persons`,
    { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body });
  const none = await post({});
  t.equal(none.status, 403, 'no CSRF token: 403');
  t.equal((await none.json() as any).error.code, 'API_CSRF', 'code API_CSRF');
  t.equal((await post({ 'x-csrf-token': 'x'.repeat(32) })).status, 403, 'a wrong token: 403');
  const foreign = await post({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' });
  t.equal(foreign.status, 403, 'another origin: 403');
  const good = await post({ 'x-csrf-token': csrfToken, origin: new URL(apiUrl).origin });
  t.equal(good.status, 201, 'with the token from this origin the change is made');
  t.equal((await fetch(`${apiUrl}/schools/api-sch-a/persons?limit=1`, { headers: { cookie } })).status, 200, 'reads need no CSRF token');
  const out = await fetch(`${apiUrl}/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
  t.equal(out.status, 204, 'signed out');
  t.match(out.headers.get('set-cookie'), /Max-Age=0/, 'the cookie is cleared');
  t.equal((await fetch(`${apiUrl}/session`, { headers: { cookie } })).status, 204, 'the session is over');
});

t.test('session - revoking the token ends its console sessions; a bank token has no console', async (t) => {
  const made = await api.admin('POST', '/tokens', { role: 'school_operator', schoolIds: ['api-sch-a'], label: 'to revoke' });
  const login = await fetch(`${apiUrl}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: made.body.token }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  t.equal((await fetch(`${apiUrl}/session`, { headers: { cookie } })).status, 200, 'the session works');
  t.equal((await api.admin('DELETE', `/tokens/${made.body.tokenInfo.id}`)).status, 204, 'token revoked');
  t.equal((await fetch(`${apiUrl}/session`, { headers: { cookie } })).status, 204, 'its session no longer works');
  const bank = await api.admin('POST', '/tokens', { role: 'payment_integration', label: 'bank' });
  const refused = await apiClient(apiUrl, null)('POST', '/session', { token: bank.body.token });
  t.equal(refused.status, 403, 'a payment integration cannot open a console session');
  const crossSite = await fetch(`${apiUrl}/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify({ token: made.body.token }) });
  t.equal(crossSite.status, 403, 'a sign-in posted from another site is refused (login CSRF)');
  const wrong = await apiClient(apiUrl, null)('POST', '/session', { token: 'tg_0123_nope' });
  t.equal(wrong.status, 401, 'a wrong token: 401');
});
