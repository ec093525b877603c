// SMS sign-in over a real stack: nats-server with tapgate's users, the API process, the notifier
// and the local SMSC (real SMPP). A registered phone gets its code by SMS and the code opens a
// parent's session once; an unknown phone gets the same answer and no SMS; wrong, expired and
// used codes are one answer; the per-phone and per-address limits answer 429 with retryAfterS,
// an address's count is shared by every API process, and behind a trusted proxy the address is
// the one X-Forwarded-For names (TAPGATE_TRUSTED_PROXIES), never one the client wrote itself.
// Each test speaks from its own loopback address (127.0.0.N), so the per-address limits of one
// test do not spill into another.
import { request } from 'node:http';
import t from 'tap';
import { makeToken } from '../helpers/api-fixtures.js';
import { startNotifier, startProviders, type NotifierProcess } from '../helpers/notifier-fixtures.js';
import { startApiProcess, startStack } from '../helpers/stack.js';

const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
const providers = await startProviders(stack.dir);
t.teardown(() => providers.stop());
const guardians = Array.from({ length: 8 }, (_, i) => ({ id: `g-sms-${i + 1}`, phone: `+7916555000${i + 1}`, surname: 'Смсова', givenName: 'Анна' }));
await stack.loadRegistry({ schools: [{ id: 'sch-sms', name: 'Школа', timeZone: 'Europe/Moscow' }], guardians });
const api = await startApiProcess(stack);
t.teardown(() => api.stop());
const CODE_SENT = { codeLength: 6, expiresInS: 300 };
let notifier: NotifierProcess;
t.teardown(() => notifier?.stop());

interface Res { status: number; body: any; headers: Record<string, string | string[] | undefined> }

let nextAddress = 10;
/** A client speaking from its own loopback address. */
function client(apiUrl = api.apiUrl, address = `127.0.0.${nextAddress++}`) {
  return (method: string, path: string, body?: unknown, headers: Record<string, string | string[]> = {}): Promise<Res> => new Promise((resolve, reject) => {
    const url = new URL(apiUrl + path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, localAddress: address, timeout: 30_000,
      headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text), headers: res.headers });
      });
    });
    req.on('error', reject).on('timeout', () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}

/** The code of the next SMS to this phone after `sinceMs`. */
async function codeFor(phone: string, sinceMs: number): Promise<string> {
  const m = await providers.smsc.waitFor((s) => s.destination === phone.slice(1) && s.receivedAtMs >= sinceMs, 20_000);
  return /(\d{6})/.exec(m.text)![1]!;
}

t.test('sms login - with no notifier the answer is still 202, and the API logs the guardian id', async (t) => {
  const c = client();
  const res = await c('POST', '/login/sms', { phone: guardians[7]!.phone });
  t.equal(res.status, 202, '202');
  t.same(res.body, CODE_SENT, 'the usual body');
  const line = await api.waitForLog((l) => l['msg'] === 'no notifier with an SMS channel answered the login SMS request', 20_000);
  t.equal(line['guardianId'], guardians[7]!.id, 'the warning names the guardian id');
  // The other tests have a notifier.
  notifier = await startNotifier(stack, providers);
});

t.test('sms login - a registered phone gets its code by SMS, and the code opens a session once', async (t) => {
  const c = client();
  const g = guardians[0]!;
  const since = Date.now();
  const res = await c('POST', '/login/sms', { phone: g.phone });
  t.equal(res.status, 202, '202 Accepted');
  t.same(res.body, CODE_SENT, 'codeLength and expiresInS');
  const sms = await providers.smsc.waitFor((s) => s.destination === g.phone.slice(1) && s.receivedAtMs >= since, 20_000);
  const code = /(\d{6})/.exec(sms.text)![1]!;
  t.equal(sms.text, `Код для входа в tapgate: ${code}. Никому его не сообщайте.`, 'the Russian text');
  t.equal(sms.parts, 1, 'one SMS');
  t.equal(sms.dataCoding, 8, 'UCS-2');
  const ok = await c('POST', '/login/sms/verify', { phone: g.phone, code });
  t.equal(ok.status, 201, 'signed in');
  t.same({ role: ok.body.role, guardianId: ok.body.guardianId, method: ok.body.method, schoolIds: ok.body.schoolIds },
    { role: 'guardian', guardianId: g.id, method: 'sms', schoolIds: [] }, 'a guardian session by SMS');
  const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
  t.match(String(ok.headers['set-cookie']), /^tg_session=[a-f0-9]{24}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict/, 'the session cookie');
  const me = await c('GET', '/me', undefined, { cookie });
  t.equal(me.status, 200, 'GET /me works with the cookie');
  t.equal(me.body.id, g.id, 'it is this guardian');
  const again = await c('POST', '/login/sms/verify', { phone: g.phone, code });
  t.equal(again.status, 401, 'the same code a second time: 401');
  t.equal(again.body.error.code, 'API_LOGIN_FAILED', 'API_LOGIN_FAILED');
  t.notOk(api.output().includes(code) || notifier.output().includes(code), 'no log holds the code');
  t.notOk(api.output().includes(g.phone.slice(2)) || notifier.output().includes(g.phone.slice(2)), 'no log holds the phone');
  const admin = await makeToken(stack.nc, { role: 'city_admin', label: 'audit reader' });
  await t.resolves(async () => {
    for (let i = 0; i < 100; i++) {
      const audit = await c('GET', '/audit?limit=20', undefined, { authorization: `Bearer ${admin}` });
      const actions = (audit.body?.items ?? []).filter((e: any) => e.targets.includes(`guardian:${g.id}`)).map((e: any) => e.action);
      if (actions.includes('login.sms.code') && actions.includes('session.open')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('audit entries not seen');
  }, 'the code request and the sign-in are audited by guardian id');
});

t.test('sms login - an unknown phone gets the same answer and no SMS', async (t) => {
  const c = client();
  const unknown = '+79165559999';
  const since = Date.now();
  const res = await c('POST', '/login/sms', { phone: unknown });
  t.equal(res.status, 202, '202 for an unknown phone');
  t.same(res.body, CODE_SENT, 'the same body');
  // A registered phone asked after it gets its SMS; by then the unknown one would have had its own.
  const g = guardians[1]!;
  t.equal((await c('POST', '/login/sms', { phone: g.phone })).status, 202, 'a registered phone after it');
  await codeFor(g.phone, since);
  t.equal(providers.smsc.received().filter((s) => s.destination === unknown.slice(1)).length, 0, 'no SMS to the unknown phone');
  const v = await c('POST', '/login/sms/verify', { phone: unknown, code: '123456' });
  t.equal(v.status, 401, 'any code for it: 401');
  t.equal(v.body.error.code, 'API_LOGIN_FAILED', 'API_LOGIN_FAILED');
  const bad = await c('POST', '/login/sms', { phone: '89161234567' });
  t.equal(bad.status, 400, 'a phone not in E.164: 400');
});

t.test('sms login - five wrong codes void the code; the sixth attempt is 429 even with the right code', async (t) => {
  const c = client();
  const g = guardians[2]!;
  const since = Date.now();
  t.equal((await c('POST', '/login/sms', { phone: g.phone })).status, 202, 'code asked for');
  const code = await codeFor(g.phone, since);
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 1; i <= 5; i++) {
    const r = await c('POST', '/login/sms/verify', { phone: g.phone, code: wrong });
    t.equal(`${r.status} ${r.body.error.code}`, '401 API_LOGIN_FAILED', `wrong code ${i}: 401`);
  }
  const sixth = await c('POST', '/login/sms/verify', { phone: g.phone, code });
  t.equal(sixth.status, 429, 'the right code after five wrong ones: 429');
  t.equal(sixth.body.error.code, 'API_TOO_MANY_ATTEMPTS', 'API_TOO_MANY_ATTEMPTS');
  t.ok(Number.isInteger(sixth.body.error.details.retryAfterS) && sixth.body.error.details.retryAfterS >= 1, 'details.retryAfterS');
  // A new code works again.
  const since2 = Date.now();
  t.equal((await c('POST', '/login/sms', { phone: g.phone })).status, 202, 'a new code');
  const code2 = await codeFor(g.phone, since2);
  t.equal((await c('POST', '/login/sms/verify', { phone: g.phone, code: code2 })).status, 201, 'the new code signs in');
});

t.test('sms login - at most 3 codes per phone per 15 minutes, registered or not', async (t) => {
  const c = client();
  for (const phone of [guardians[3]!.phone, '+79165558888']) {
    for (let i = 1; i <= 3; i++) t.equal((await c('POST', '/login/sms', { phone })).status, 202, `code ${i}: 202`);
    const fourth = await c('POST', '/login/sms', { phone });
    t.equal(fourth.status, 429, 'the fourth: 429');
    t.equal(fourth.body.error.code, 'API_TOO_MANY_ATTEMPTS', 'API_TOO_MANY_ATTEMPTS');
    const s = fourth.body.error.details.retryAfterS;
    t.ok(s > 890 && s <= 900, `retryAfterS ${s} is about 15 minutes`);
  }
});

t.test('sms login - per address: 10 code requests and 20 checks per 15 minutes', async (t) => {
  const c = client();
  for (let i = 0; i < 10; i++) t.equal((await c('POST', '/login/sms', { phone: `+7916777${String(i).padStart(4, '0')}` })).status, 202, `request ${i + 1}`);
  const over = await c('POST', '/login/sms', { phone: '+79167779999' });
  t.equal(`${over.status} ${over.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'the 11th from this address: 429');
  t.equal((await client()('POST', '/login/sms', { phone: '+79167779999' })).status, 202, 'another address is not limited');
  const v = client();
  for (let i = 0; i < 20; i++) {
    t.equal((await v('POST', '/login/sms/verify', { phone: `+7916888${String(i).padStart(4, '0')}`, code: '123456' })).status, 401, `check ${i + 1}`);
  }
  const vOver = await v('POST', '/login/sms/verify', { phone: '+79168889999', code: '123456' });
  t.equal(`${vOver.status} ${vOver.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'the 21st check: 429');
  t.ok(vOver.body.error.details.retryAfterS > 0, 'with retryAfterS');
});

t.test('sms login - the per-address counts are shared by every API process', async (t) => {
  const second = await startApiProcess(stack);
  t.teardown(() => second.stop());
  const address = `127.0.0.${nextAddress++}`;
  const one = client(api.apiUrl, address);
  const two = client(second.apiUrl, address);
  for (let i = 0; i < 10; i++) {
    const c = i % 2 === 0 ? one : two;
    t.equal((await c('POST', '/login/sms', { phone: `+7916666${String(i).padStart(4, '0')}` })).status, 202, `request ${i + 1}, to process ${(i % 2) + 1}`);
  }
  for (const [which, c] of [['first', one], ['second', two]] as const) {
    const over = await c('POST', '/login/sms', { phone: '+79166669999' });
    t.equal(`${over.status} ${over.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', `the 11th, to the ${which} process: 429 (each saw 5)`);
  }
  t.equal((await client(second.apiUrl)('POST', '/login/sms', { phone: '+79166669999' })).status, 202, 'another address is not limited');
});

t.test('sms login - behind a trusted proxy each forwarded client is counted apart; from anyone else the header is ignored', async (t) => {
  const proxyAddress = `127.0.0.${nextAddress++}`;
  const behind = await startApiProcess(stack, { TAPGATE_TRUSTED_PROXIES: `${proxyAddress}, 10.0.0.0/8` });
  t.teardown(() => behind.stop());
  const proxy = client(behind.apiUrl, proxyAddress);
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  // What the client wrote itself (left) is not believed; the proxy's own hops (10.x) are skipped.
  for (let i = 0; i < 10; i++) {
    const res = await proxy('POST', '/login/sms', { phone: `+7916444${String(i).padStart(4, '0')}` }, from(`198.51.100.${i}, 203.0.113.7, 10.1.2.3`));
    t.equal(res.status, 202, `request ${i + 1} forwarded for 203.0.113.7 (its own header says 198.51.100.${i})`);
  }
  const over = await proxy('POST', '/login/sms', { phone: '+79164449999' }, from('203.0.113.7'));
  t.equal(`${over.status} ${over.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'the 11th for 203.0.113.7: 429');
  t.equal((await proxy('POST', '/login/sms', { phone: '+79164449999' }, from('203.0.113.8'))).status, 202,
    'another client behind the same proxy is not limited');
  // HAProxy adds its own X-Forwarded-For line after the one the client sent: the last line counts.
  const lines = (...ips: string[]) => ({ 'x-forwarded-for': ips });
  t.equal((await proxy('POST', '/login/sms', { phone: '+79164449998' }, lines('203.0.113.7', '203.0.113.50'))).status, 202,
    'two header lines: the proxy\'s own (last) line names the client, not the client\'s line');
  const twoLines = await proxy('POST', '/login/sms', { phone: '+79164449997' }, lines('203.0.113.50', '203.0.113.7'));
  t.equal(`${twoLines.status} ${twoLines.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'and the limited client named there is 429');

  // An IPv6 client is counted by its /64, with or without a port.
  for (let i = 0; i < 10; i++) {
    t.equal((await proxy('POST', '/login/sms', { phone: `+7916445${String(i).padStart(4, '0')}` }, from(`[2001:db8::${i + 1}]:5123`))).status, 202,
      `IPv6 request ${i + 1} from 2001:db8::${i + 1}`);
  }
  const v6 = await proxy('POST', '/login/sms', { phone: '+79164459999' }, from('2001:DB8:0::ffff'));
  t.equal(`${v6.status} ${v6.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'the 11th from the same /64, spelt another way: 429');
  t.equal((await proxy('POST', '/login/sms', { phone: '+79164459998' }, from('2001:db8:1::1'))).status, 202, 'another /64 is not limited');

  // A hop that is not an address counts under the proxy itself.
  for (let i = 0; i < 10; i++) {
    t.equal((await proxy('POST', '/login/sms', { phone: `+7916446${String(i).padStart(4, '0')}` }, from('unknown'))).status, 202,
      `request ${i + 1} with a malformed hop`);
  }
  const bare = await proxy('POST', '/login/sms', { phone: '+79164469999' });
  t.equal(`${bare.status} ${bare.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'they were counted under the proxy: its own 11th request is 429');

  // The API with no trusted proxy: a client varying the header is still one address.
  const direct = client();
  for (let i = 0; i < 10; i++) {
    t.equal((await direct('POST', '/login/sms', { phone: `+7916333${String(i).padStart(4, '0')}` }, from(`203.0.113.${100 + i}`))).status, 202,
      `direct request ${i + 1}, claiming 203.0.113.${100 + i}`);
  }
  const spoofed = await direct('POST', '/login/sms', { phone: '+79163339999' }, from('203.0.113.200'));
  t.equal(`${spoofed.status} ${spoofed.body.error.code}`, '429 API_TOO_MANY_ATTEMPTS', 'the 11th is 429 whatever X-Forwarded-For claims');
});

t.test('sms login - an expired code is refused like a wrong one', async (t) => {
  const short = await startApiProcess(stack, { TAPGATE_LOGIN_CODE_TTL_S: '1' });
  t.teardown(() => short.stop());
  const c = client(short.apiUrl);
  const g = guardians[4]!;
  const since = Date.now();
  const res = await c('POST', '/login/sms', { phone: g.phone });
  t.same(res.body, { codeLength: 6, expiresInS: 1 }, 'the answer says 1 s');
  const code = await codeFor(g.phone, since);
  // Expiry is a matter of time: wait until the second has passed.
  await new Promise((r) => setTimeout(r, Math.max(0, since + 1500 - Date.now())));
  const late = await c('POST', '/login/sms/verify', { phone: g.phone, code });
  t.equal(`${late.status} ${late.body.error.code}`, '401 API_LOGIN_FAILED', 'expired: 401 API_LOGIN_FAILED');
});
