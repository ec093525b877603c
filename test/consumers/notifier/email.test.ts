// The e-mail channel against real SMTP on loopback: the local mail catcher (smtp-server) for
// round trips and refusals, and a bare TCP server that greets and then stalls, for deadlines.
// A Cyrillic letter arrives byte-exact with its deterministic Message-ID and key header; 451
// is a retry, 550 a rejection, a stopped relay a retry within the send deadline; many letters
// in parallel go through the pool, each exactly once. The error mapping is checked table-driven.
import { createServer, type Server, type Socket } from 'node:net';
import t, { type Test } from 'tap';
import {
  createEmailProvider, messageIdFor, outcomeOfError, type EmailProviderOptions,
} from '../../../consumers/notifier/channels/email.js';
import type { NodemailerError } from 'nodemailer';
import type { OutgoingMessage, Provider } from '../../../consumers/notifier/channels/provider.js';
import { startMailCatcher, type MailCatcher } from '../../../local/mail-catcher.js';

const WAIT_MS = 20_000;
const SEND_TIMEOUT_MS = 3_000;
const FROM = 'tapgate@school.example';

function letter(key: string, to: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return { key, channel: 'email', to, subject: 'Тема', text: 'Текст', ...extra };
}

async function setup(t: Test, over: Partial<EmailProviderOptions> = {}): Promise<{ catcher: MailCatcher; provider: Provider }> {
  const catcher = await startMailCatcher();
  const provider = createEmailProvider({
    host: '127.0.0.1', port: catcher.smtpPort, from: FROM, connectionsMax: 2, sendTimeoutMs: SEND_TIMEOUT_MS, ...over,
  });
  t.teardown(async () => { await provider.close(0); await catcher.close(); });
  return { catcher, provider };
}

t.test('email - Message-ID from the key: deterministic, percent-encodes what a dot-atom cannot hold', async (t) => {
  const cases = [
    ['tap-42', '<tap-42@tapgate>'],
    ['tap-42:g7:email', '<tap-42%3Ag7%3Aemail@tapgate>'],
    ['a.b', '<a%2Eb@tapgate>'],
    ['50%', '<50%25@tapgate>'],
    ['x/y=z_+', '<x/y=z_+@tapgate>'],
    ['<@>', '<%3C%40%3E@tapgate>'],
  ];
  for (const [key, want] of cases) t.equal(messageIdFor(key!), want, key!);
});

t.test('email - nodemailer errors map to outcomes with codes only in the detail', async (t) => {
  const cases: { err: Partial<NodemailerError>; want: string[] }[] = [
    { err: { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, want: ['retry', 'SMTP_UNAVAILABLE', 'code=ESOCKET errno=ECONNREFUSED'] },
    { err: { code: 'ECONNECTION' }, want: ['retry', 'SMTP_UNAVAILABLE', 'code=ECONNECTION'] },
    { err: { code: 'EDNS', originalCode: 'ENOTFOUND' }, want: ['retry', 'SMTP_UNAVAILABLE', 'code=EDNS errno=ENOTFOUND'] },
    { err: { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, want: ['retry', 'SMTP_UNAVAILABLE', 'code=ETIMEDOUT timeout=GREETING_TIMEOUT'] },
    { err: { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, want: ['retry', 'SMTP_TIMEOUT', 'code=ETIMEDOUT timeout=SOCKET_TIMEOUT'] },
    { err: { code: 'EABORT' }, want: ['retry', 'SMTP_TIMEOUT', 'code=EABORT'] },
    { err: { code: 'EENVELOPE', responseCode: 451, permanent: false, command: 'RCPT TO', response: '451 a@b.ru busy' },
      want: ['retry', 'SMTP_TEMPORARY', 'smtp=451 code=EENVELOPE command=RCPT TO'] },
    { err: { code: 'EENVELOPE', responseCode: 503, permanent: false, command: 'RCPT TO' },
      want: ['retry', 'SMTP_TEMPORARY', 'smtp=503 code=EENVELOPE command=RCPT TO'] },
    { err: { code: 'EENVELOPE', responseCode: 550, permanent: true, command: 'RCPT TO', response: '550 no such user a@b.ru' },
      want: ['rejected', 'SMTP_REJECTED', 'smtp=550 code=EENVELOPE command=RCPT TO'] },
    { err: { code: 'EMESSAGE', responseCode: 554, permanent: true, command: 'DATA' },
      want: ['rejected', 'SMTP_REJECTED', 'smtp=554 code=EMESSAGE command=DATA'] },
    { err: { code: 'EENVELOPE', responseCode: 553, permanent: true, command: 'MAIL FROM' },
      want: ['retry', 'SMTP_SENDER_REFUSED', 'smtp=553 code=EENVELOPE command=MAIL FROM'] },
    { err: { code: 'EAUTH', responseCode: 535, permanent: true, command: 'AUTH PLAIN' },
      want: ['retry', 'SMTP_AUTH_FAILED', 'smtp=535 code=EAUTH command=AUTH PLAIN'] },
    { err: { code: 'EENVELOPE' }, want: ['rejected', 'SMTP_MESSAGE_INVALID', 'code=EENVELOPE'] },
    { err: {}, want: ['retry', 'SMTP_UNAVAILABLE', 'code=UNKNOWN'] },
    { err: { code: 'ESOCKET', command: 'a@b.ru' }, want: ['retry', 'SMTP_UNAVAILABLE', 'code=ESOCKET'] },
  ];
  for (const c of cases) {
    const err = Object.assign(new Error('message text a@b.ru'), c.err);
    const got = outcomeOfError(err);
    t.same([got.kind, 'code' in got ? got.code : '', 'detail' in got ? got.detail : ''], c.want, JSON.stringify(c.err));
  }
});

t.test('email - a Cyrillic letter arrives exactly as sent, with its Message-ID and key header', async (t) => {
  const { catcher, provider } = await setup(t);
  const subject = 'Маша Иванова вошла в школу № 1234 — 08:01';
  const text = 'Здравствуйте!\n\nМаша Иванова прошла турникет «Главный вход» в 08:01. '
    + 'Это длинная строка, которую кодировщик обязан перенести мягким переносом, не меняя текста письма.'
    + '\nС уважением, tapgate';
  const html = '<p>Маша Иванова прошла турникет «Главный вход» в 08:01.</p>';
  const out = await provider.send(letter('tap-42:g7:email', 'Roditel@Example.RU', { subject, text, html }));
  t.same(out, { kind: 'accepted', providerId: '1', parts: 1 }, 'providerId is the relay queue id from "queued as"');
  const [m] = catcher.messages();
  t.ok(m, 'the catcher has the letter');
  t.equal(m!.subject, subject);
  t.equal(m!.text, text);
  t.equal(m!.html, html);
  t.same(m!.to, ['roditel@example.ru']);
  t.equal(m!.from, FROM);
  t.equal(m!.messageId, '<tap-42%3Ag7%3Aemail@tapgate>');
  t.equal(m!.headers['x-tapgate-key'], 'tap-42:g7:email');
  // Mostly ASCII with one Cyrillic word: quoted-printable would be nodemailer's choice, base64 is forced.
  const ascii = 'Balance: 120 RUB <a=b>  \nИтого';
  const plain = await provider.send(letter('k2', 'b@example.ru', { subject: 'Без HTML', text: ascii }));
  t.equal(plain.kind, 'accepted');
  const [b] = catcher.messages({ to: 'b@example.ru' });
  t.equal(b!.text, ascii, 'a mostly ASCII text with trailing spaces arrives exactly too (base64)');
  t.equal(b!.html, null, 'no html part when none is given');
});

t.test('email - 451 for the recipient is a retry, 550 a rejection; the detail holds no address', async (t) => {
  const { catcher, provider } = await setup(t);
  catcher.failRecipient('busy@example.ru', 451);
  catcher.failRecipient('gone@example.ru', 550);
  const busy = await provider.send(letter('k1', 'busy@example.ru'));
  t.same(busy, { kind: 'retry', code: 'SMTP_TEMPORARY', detail: 'smtp=451 code=EENVELOPE command=RCPT TO' });
  const gone = await provider.send(letter('k2', 'gone@example.ru'));
  t.same(gone, { kind: 'rejected', code: 'SMTP_REJECTED', detail: 'smtp=550 code=EENVELOPE command=RCPT TO' });
  catcher.failNext(1, 451);
  t.same(await provider.send(letter('k3', 'ok@example.ru')),
    { kind: 'retry', code: 'SMTP_TEMPORARY', detail: 'smtp=451 code=EMESSAGE command=DATA' }, '451 after DATA');
  catcher.failNext(1, 554);
  t.same(await provider.send(letter('k4', 'ok@example.ru')),
    { kind: 'rejected', code: 'SMTP_REJECTED', detail: 'smtp=554 code=EMESSAGE command=DATA' }, '554 after DATA');
  catcher.failRecipient('busy@example.ru', null);
  t.equal((await provider.send(letter('k5', 'busy@example.ru'))).kind, 'accepted', 'the same pool sends again after refusals');
  t.same(catcher.messages().map((m) => m.headers['x-tapgate-key']), ['k5'], 'only the accepted letter was kept');
});

t.test('email - a stopped relay is a retry with SMTP_UNAVAILABLE within the send deadline; it recovers', async (t) => {
  const { catcher, provider } = await setup(t);
  t.equal((await provider.send(letter('k1', 'a@example.ru'))).kind, 'accepted', 'a pooled connection is open');
  await catcher.stopSmtp();
  const started = Date.now();
  const out = await provider.send(letter('k2', 'a@example.ru'));
  const tookMs = Date.now() - started;
  t.same(out, { kind: 'retry', code: 'SMTP_UNAVAILABLE', detail: 'code=ESOCKET errno=ECONNREFUSED command=CONN' });
  t.ok(tookMs < SEND_TIMEOUT_MS, `answered in ${tookMs} ms, under ${SEND_TIMEOUT_MS} ms`);
  await catcher.startSmtp();
  t.equal((await provider.send(letter('k3', 'a@example.ru'))).kind, 'accepted', 'accepted again once the relay is back');
  t.same(catcher.messages().map((m) => m.headers['x-tapgate-key']), ['k1', 'k3']);
});

t.test('email - 300 letters in parallel go through at most connectionsMax connections, each exactly once', async (t) => {
  const connectionsMax = 4;
  const { catcher, provider } = await setup(t, { connectionsMax, sendTimeoutMs: 15_000 });
  const count = 300;
  const keys = Array.from({ length: count }, (_, i) => `bulk-${i}`);
  const outs = await Promise.all(keys.map((k, i) => provider.send(letter(k, `p${i % 50}@example.ru`, { subject: `Письмо ${i}` }))));
  t.same(outs.filter((o) => o.kind !== 'accepted'), [], 'every send accepted');
  t.equal(new Set(outs.map((o) => (o.kind === 'accepted' ? o.providerId : ''))).size, count, 'distinct provider ids');
  const all = await catcher.waitFor((a) => a.length >= count, WAIT_MS);
  t.equal(all.length, count, 'exactly as many letters as sends');
  t.same(all.map((m) => m.headers['x-tapgate-key']).sort(), [...keys].sort(), 'each key exactly once');
  for (const m of all) {
    const i = Number(m.headers['x-tapgate-key']!.slice('bulk-'.length));
    if (m.subject !== `Письмо ${i}` || m.to[0] !== `p${i % 50}@example.ru`) t.fail(`letter ${i} arrived changed`);
  }
  const s = catcher.sessions();
  t.ok(s.peak <= connectionsMax && s.peak >= 2, `peak ${s.peak} sessions at once, 2..${connectionsMax}`);
});

/** A TCP server that greets and takes the envelope, then never answers the end of DATA. */
async function startStallingRelay(t: Test): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let inData = false;
    socket.write('220 stall ESMTP\r\n');
    socket.on('data', (chunk) => {
      if (inData) return;
      for (const line of chunk.toString('latin1').split('\r\n').filter((l) => l !== '')) {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 stall\r\n');
        else if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 OK\r\n');
        else if (verb === 'DATA') { socket.write('354 go on\r\n'); inData = true; return; }
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }));
  return (server.address() as { port: number }).port;
}

t.test('email - a relay that stalls after DATA is a retry with SMTP_TIMEOUT at the send deadline', async (t) => {
  const port = await startStallingRelay(t);
  const sendTimeoutMs = 800;
  const provider = createEmailProvider({ host: '127.0.0.1', port, from: FROM, connectionsMax: 1, sendTimeoutMs });
  t.teardown(() => provider.close(0));
  const started = Date.now();
  const out = await provider.send(letter('k1', 'a@example.ru'));
  const tookMs = Date.now() - started;
  t.same(out, { kind: 'retry', code: 'SMTP_TIMEOUT', detail: 'code=EABORT' });
  t.ok(tookMs >= sendTimeoutMs - 50 && tookMs < sendTimeoutMs + 2_000, `ended after ${tookMs} ms`);
});

t.test('email - close(grace) cuts off a stalled send as a retry; later sends and wrong messages', async (t) => {
  const port = await startStallingRelay(t);
  const provider = createEmailProvider({ host: '127.0.0.1', port, from: FROM, connectionsMax: 1, sendTimeoutMs: 60_000 });
  const pending = provider.send(letter('k1', 'a@example.ru'));
  const started = Date.now();
  await provider.close(200);
  const out = await pending;
  t.equal(out.kind, 'retry', `the stalled send ends as a retry (${out.kind === 'retry' ? out.code : ''})`);
  t.ok(Date.now() - started < 5_000, 'close returned within the grace and a little');
  t.same(await provider.send(letter('k2', 'a@example.ru')), { kind: 'retry', code: 'SMTP_UNAVAILABLE', detail: 'code=CLOSED' });
  await t.rejects(provider.send({ ...letter('k3', 'a@example.ru'), channel: 'sms' }), /channel sms/);
  await t.rejects(provider.send({ ...letter('k4', ''), to: { endpoint: 'https://x', keys: { p256dh: 'a', auth: 'b' } } }), /address/);
  await t.rejects(provider.send(letter('bad key', 'a@example.ru')), /printable ASCII/);
  t.throws(() => createEmailProvider({ host: 'h', port: 25, from: FROM, connectionsMax: 0, sendTimeoutMs: 1_000 }), /connectionsMax/);
});
