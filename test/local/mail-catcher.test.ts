// The local mail catcher over real SMTP (nodemailer as the client, one connection per letter)
// and real HTTP: the Russian inbox page escapes what letters hold and lists the newest first,
// the JSON API filters by recipient and clears, the kept-letters limit drops the oldest, SIZE
// and login are enforced, chosen failures are real SMTP replies, and a stopped SMTP side
// refuses connections until it is started again on the same port.
import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import t, { type Test } from 'tap';
import { MESSAGE_BYTES_MAX, startMailCatcher, type CaughtMail, type MailCatcher, type MailCatcherOptions } from '../../local/mail-catcher.js';
import { escapeHtml } from '../../local/mail-catcher-page.js';

const WAIT_MS = 10_000;

async function catcherFor(t: Test, opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const c = await startMailCatcher(opts);
  t.teardown(() => c.close());
  return c;
}

/** Sends one letter over a fresh SMTP connection; resolves with the 250 reply or the SMTP error. */
async function mail(c: MailCatcher, to: string, subject: string, text = 'Текст', extra: object = {}): Promise<string | NodemailerError> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: c.smtpPort, secure: false, logger: false, ...extra });
  try {
    // Base64, as the e-mail channel sends: the text comes back exactly (quoted-printable would add a line break).
    return (await transport.sendMail({ from: 'tapgate@school.example', to, subject, text, textEncoding: 'base64' })).response;
  } catch (e: unknown) {
    return e as NodemailerError;
  } finally {
    transport.close();
  }
}

async function get(c: MailCatcher, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string; csp: string }> {
  const res = await fetch(new URL(path, c.url), { method });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text(), csp: res.headers.get('content-security-policy') ?? '' };
}

t.test('mail catcher - escapeHtml escapes the five characters', async (t) => {
  t.equal(escapeHtml(`<script>alert("x") & 'y'</script>`), '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
  t.equal(escapeHtml('Маша'), 'Маша');
});

t.test('mail catcher - the inbox page is in Russian, newest first, and escapes subjects and addresses', async (t) => {
  const c = await catcherFor(t);
  t.equal(await mail(c, 'first@example.ru', 'Первое письмо'), '250 OK: queued as 1');
  t.equal(await mail(c, 'x@example.ru', '<script>alert(1)</script> Маша', 'Текст <img src=x onerror=alert(2)>'),
    '250 OK: queued as 2');
  const page = await get(c, '/');
  t.equal(page.status, 200);
  t.equal(page.type, 'text/html; charset=utf-8');
  t.match(page.csp, /default-src 'none'/, 'no script may run on the page');
  t.match(page.body, '<title>Почтовый ящик tapgate (для разработки)</title>');
  t.match(page.body, '<h1>Почтовый ящик tapgate (для разработки)</h1>');
  t.match(page.body, '&lt;script&gt;alert(1)&lt;/script&gt; Маша');
  t.notMatch(page.body, '<script>', 'no raw script tag');
  t.ok(page.body.indexOf('Маша') < page.body.indexOf('Первое письмо'), 'the newest letter is listed first');
  t.match(page.body, '<a href="/messages/2">', 'a row links to its letter');
  t.match(page.body, /<meta http-equiv="refresh" content="\d+">/, 'the page refreshes itself');

  const one = await get(c, '/messages/2');
  t.equal(one.status, 200);
  t.match(one.body, '<pre>Текст &lt;img src=x onerror=alert(2)&gt;</pre>', 'the text, escaped');
  t.notMatch(one.body, '<img', 'no raw img tag');
  t.equal((await get(c, '/messages/99')).status, 404);
  t.equal((await get(c, '/messages/%E0%A4%A')).status, 404, 'a malformed id is a 404, not a crash');
  t.equal((await get(c, '/', 'POST')).status, 405);
});

t.test('mail catcher - the JSON API lists in arrival order, filters by recipient, gets one, and clears', async (t) => {
  const c = await catcherFor(t);
  for (const [to, subject] of [['a@example.ru', 'A1'], ['B@Example.ru', 'B1'], ['a@example.ru', 'A2']] as const) await mail(c, to, subject);
  const list = JSON.parse((await get(c, '/api/messages')).body) as CaughtMail[];
  t.same(list.map((m) => [m.id, m.subject, m.to]), [['1', 'A1', ['a@example.ru']], ['2', 'B1', ['b@example.ru']], ['3', 'A2', ['a@example.ru']]]);
  const onlyA = JSON.parse((await get(c, '/api/messages?to=A@example.ru')).body) as CaughtMail[];
  t.same(onlyA.map((m) => m.subject), ['A1', 'A2'], 'filter by to, case-insensitive');
  t.same(c.messages({ to: 'b@example.ru' }).map((m) => m.subject), ['B1'], 'the same filter in process');
  const one = await get(c, '/api/messages/2');
  t.equal(one.type, 'application/json; charset=utf-8');
  const m = JSON.parse(one.body) as CaughtMail;
  t.same([m.id, m.from, m.subject, m.text, m.html], ['2', 'tapgate@school.example', 'B1', 'Текст', null]);
  t.match(m.messageId, /^<.+>$/);
  t.equal((await get(c, '/api/messages/9')).status, 404);
  t.equal((await get(c, '/api/messages', 'DELETE')).status, 204);
  t.same(JSON.parse((await get(c, '/api/messages')).body), [], 'cleared');
  t.same(c.messages(), []);
  t.equal(await mail(c, 'a@example.ru', 'after'), '250 OK: queued as 4', 'ids keep counting after a clear');
});

t.test('mail catcher - keeps at most messagesMax letters, dropping the oldest', async (t) => {
  const c = await catcherFor(t, { messagesMax: 3 });
  for (let i = 1; i <= 5; i++) await mail(c, 'a@example.ru', `S${i}`);
  t.same(c.messages().map((m) => m.subject), ['S3', 'S4', 'S5']);
});

t.test('mail catcher - waitFor resolves on a positive signal and rejects after its timeout', async (t) => {
  const c = await catcherFor(t);
  const waiting = c.waitFor((all) => all.some((m) => m.subject === 'ждём'), WAIT_MS);
  await mail(c, 'a@example.ru', 'ждём');
  t.same((await waiting).map((m) => m.subject), ['ждём']);
  await t.rejects(c.waitFor((all) => all.length > 5, 50), /timed out after 50 ms with 1 letters/);
});

t.test('mail catcher - chosen recipients and the next N letters get real SMTP failures', async (t) => {
  const c = await catcherFor(t);
  c.failRecipient('Busy@example.ru', 451);
  c.failRecipient('gone@example.ru', 550);
  const busy = await mail(c, 'busy@example.ru', 'x') as NodemailerError;
  t.same([busy.responseCode, busy.command], [451, 'RCPT TO']);
  const gone = await mail(c, 'gone@example.ru', 'x') as NodemailerError;
  t.same([gone.responseCode, gone.command], [550, 'RCPT TO']);
  c.failNext(2, 452);
  for (let i = 0; i < 2; i++) t.same(((await mail(c, 'ok@example.ru', 'x')) as NodemailerError).responseCode, 452, `letter ${i + 1} refused`);
  t.equal(await mail(c, 'ok@example.ru', 'через'), '250 OK: queued as 1', 'the third letter is taken');
  c.failRecipient('busy@example.ru', null);
  t.equal(await mail(c, 'busy@example.ru', 'снова'), '250 OK: queued as 2');
  t.throws(() => c.failNext(1, 250), /400\.\.599/);
});

t.test('mail catcher - SIZE is enforced with 552, and login is required when auth is set', async (t) => {
  const c = await catcherFor(t);
  const big = await mail(c, 'a@example.ru', 'big', 'я'.repeat(MESSAGE_BYTES_MAX)) as NodemailerError;
  t.equal(big.responseCode, 552);
  t.same(c.messages(), []);
  const locked = await catcherFor(t, { auth: { user: 'dev', pass: 'секрет' } });
  t.equal((await mail(locked, 'a@example.ru', 'x') as NodemailerError).responseCode, 530, 'no login: 530');
  t.equal((await mail(locked, 'a@example.ru', 'x', 'x', { auth: { user: 'dev', pass: 'wrong' } }) as NodemailerError).responseCode, 535);
  t.equal(await mail(locked, 'a@example.ru', 'x', 'x', { auth: { user: 'dev', pass: 'секрет' } }), '250 OK: queued as 1');
});

t.test('mail catcher - a stopped SMTP side refuses connections and starts again on the same port', async (t) => {
  const c = await catcherFor(t);
  const port = c.smtpPort;
  await c.stopSmtp();
  const refused = await mail(c, 'a@example.ru', 'x') as NodemailerError;
  t.same([refused.code, refused.originalCode], ['ESOCKET', 'ECONNREFUSED']);
  await c.startSmtp();
  t.equal(c.smtpPort, port, 'the same port');
  t.equal(await mail(c, 'a@example.ru', 'снова'), '250 OK: queued as 1');
  t.equal((await get(c, '/api/messages/1')).status, 200, 'the HTTP side ran on throughout');
});
