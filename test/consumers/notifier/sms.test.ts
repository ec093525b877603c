// The SMS channel over real SMPP on loopback (consumers/notifier/channels/sms.ts against
// local/smsc.ts): exact texts arrive in GSM-7 and UCS-2, single and concatenated; receipts come
// back with the providerId; a refused bind, throttling, an invalid destination, a failed later
// part and a restarted SMSC end in the documented outcomes without crashing the process.
import t, { type Test } from 'tap';
import { createSmppProvider, parseReceiptText, type SmppProviderOptions, type SmsProvider }
  from '../../../consumers/notifier/channels/sms.js';
import type { OutgoingMessage, Receipt, SendOutcome } from '../../../consumers/notifier/channels/provider.js';
import { SMSC_DEFAULT_PASSWORD, SMSC_DEFAULT_SYSTEM_ID, startSmsc, type Smsc } from '../../../local/smsc.js';

const WAIT_MS = 5_000;
const PHONE = '+79160000001';
const ESME_RTHROTTLED = 0x58;
const ESME_RINVDSTADR = 0x0b;

/** A Russian notice of exactly n characters (varied letters, so a part out of order would show). */
function russian(n: number): string {
  const base = 'Маша прошла в школу в 08:12. Обед: 150 ₽, остаток 1 240 ₽. Ёжик и щука. ';
  let text = '';
  while (text.length < n) text += base;
  return text.slice(0, n);
}

function message(text: string, to = PHONE): OutgoingMessage {
  return { key: 'event-1/guardian-1/sms', channel: 'sms', to, subject: '', text };
}

async function setup(t: Test, over: Partial<SmppProviderOptions> = {}): Promise<{ smsc: Smsc; sms: SmsProvider }> {
  const smsc = await startSmsc();
  const sms = createSmppProvider({
    host: '127.0.0.1', port: smsc.port, systemId: SMSC_DEFAULT_SYSTEM_ID, password: SMSC_DEFAULT_PASSWORD,
    sourceAddr: 'Tapgate', sendTimeoutMs: 2_000, windowMax: 4, reconnectMinMs: 50, reconnectMaxMs: 200, ...over,
  });
  t.teardown(async () => { await sms.close(1_000); await smsc.close(); });
  return { smsc, sms };
}

t.test('sms - 70 Cyrillic characters go as one UCS-2 SMS with the exact text', async (t) => {
  const { smsc, sms } = await setup(t);
  const text = russian(70);
  const outcome = await sms.send(message(text));
  t.equal(outcome.kind, 'accepted');
  if (outcome.kind !== 'accepted') return;
  t.equal(outcome.parts, 1);
  const got = await smsc.waitFor((m) => m.messageId === outcome.providerId, WAIT_MS);
  t.same(
    { text: got.text, parts: got.parts, dataCoding: got.dataCoding, destination: got.destination, source: got.source },
    { text, parts: 1, dataCoding: 8, destination: '79160000001', source: 'Tapgate' },
  );
});

t.test('sms - 150 Cyrillic characters go as 3 parts and are reassembled exactly', async (t) => {
  const { smsc, sms } = await setup(t);
  const text = russian(150);
  const outcome = await sms.send(message(text));
  t.same(outcome.kind === 'accepted' ? outcome.parts : outcome, 3);
  if (outcome.kind !== 'accepted') return;
  const got = await smsc.waitFor((m) => m.messageId === outcome.providerId, WAIT_MS);
  t.same({ text: got.text, parts: got.parts, dataCoding: got.dataCoding }, { text, parts: 3, dataCoding: 8 });
});

t.test('sms - GSM texts go as GSM-7, extension characters included', async (t) => {
  const { smsc, sms } = await setup(t);
  const cases: Array<[string, string, number]> = [
    ['short with € and brackets', 'Balance: 12 € [ok] {x} ~ ^ | \\ @ Δ', 1],
    ['161 characters in two parts', 'Lunch paid. '.repeat(14).slice(0, 161), 2],
  ];
  for (const [name, text, parts] of cases) {
    const outcome = await sms.send(message(text));
    t.same(outcome.kind === 'accepted' ? outcome.parts : outcome, parts, `${name}: parts`);
    if (outcome.kind !== 'accepted') continue;
    const got = await smsc.waitFor((m) => m.messageId === outcome.providerId, WAIT_MS);
    t.same({ text: got.text, parts: got.parts, dataCoding: got.dataCoding }, { text, parts, dataCoding: 0 }, name);
  }
});

t.test('sms - delivery receipts are reported with the providerId', async (t) => {
  const { smsc, sms } = await setup(t);
  const receipts: Receipt[] = [];
  let wake: () => void = () => {};
  sms.onReceipt?.((r) => { receipts.push(r); wake(); });
  const until = (n: number) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no receipt in time')), WAIT_MS);
    wake = () => { if (receipts.length >= n) { clearTimeout(timer); resolve(); } };
    wake();
  });
  smsc.failDelivery('79160000002');
  const delivered = await sms.send(message(russian(20)));
  await until(1);
  const undelivered = await sms.send(message(russian(20), '+79160000002'));
  await until(2);
  const id = (o: SendOutcome) => (o.kind === 'accepted' ? o.providerId : 'none');
  t.same(receipts.map(({ providerId, delivered, state }) => ({ providerId, delivered, state })), [
    { providerId: id(delivered), delivered: true, state: 'DELIVRD' },
    { providerId: id(undelivered), delivered: false, state: 'UNDELIV' },
  ]);
  t.ok(receipts.every((r) => Number.isInteger(r.atMs) && r.atMs > 0), 'atMs is a time');
});

t.test('sms - a wrong password makes sends retry and does not crash', async (t) => {
  const { sms } = await setup(t, { password: 'wrong' });
  for (const attempt of [1, 2]) {
    const outcome = await sms.send(message(russian(10)));
    t.same(outcome.kind === 'retry' ? { kind: outcome.kind, code: outcome.code, detail: outcome.detail } : outcome,
      { kind: 'retry', code: 'SMS_UNAVAILABLE', detail: 'bind refused, command_status 0x0000000D' },
      `attempt ${attempt}`);
  }
});

t.test('sms - a throttled submit is a retry, and the next send goes', async (t) => {
  const { smsc, sms } = await setup(t);
  smsc.failNext(1, ESME_RTHROTTLED);
  t.same(await sms.send(message(russian(10))),
    { kind: 'retry', code: 'SMS_THROTTLED', detail: 'command_status 0x00000058' });
  t.equal((await sms.send(message(russian(10)))).kind, 'accepted');
});

t.test('sms - an invalid destination is rejected', async (t) => {
  const { smsc, sms } = await setup(t);
  smsc.rejectDestination('79160000099', ESME_RINVDSTADR);
  t.same(await sms.send(message(russian(10), '+79160000099')),
    { kind: 'rejected', code: 'SMS_REJECTED', detail: 'command_status 0x0000000B' });
  t.same(await sms.send(message(russian(10), '8 916 000-00-01')),
    { kind: 'rejected', code: 'SMS_REJECTED', detail: 'destination is not an E.164 number' });
  t.same(smsc.received().length, 0, 'nothing reached the SMSC');
});

t.test('sms - a later part refused after earlier ones were accepted is SMS_PARTIAL, never a retry', async (t) => {
  const { smsc, sms } = await setup(t);
  smsc.failNext(1, ESME_RTHROTTLED, 1);
  const outcome = await sms.send(message(russian(150)));
  t.same(outcome.kind === 'rejected' ? { kind: outcome.kind, code: outcome.code } : outcome,
    { kind: 'rejected', code: 'SMS_PARTIAL' });
  t.match(outcome.kind === 'rejected' ? outcome.detail : '',
    /^part 2 of 3 failed \(SMS_THROTTLED\) after 1 accepted; first \w+$/);
});

t.test('sms - a window of one still carries concurrent sends, each accepted once', async (t) => {
  const { smsc, sms } = await setup(t, { windowMax: 1 });
  const texts = [1, 2, 3, 4, 5].map((i) => `Notice ${i}`);
  const outcomes = await Promise.all(texts.map((text) => sms.send(message(text))));
  t.same(outcomes.map((o) => o.kind), ['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
  const ids = new Set(outcomes.map((o) => (o.kind === 'accepted' ? o.providerId : '')));
  t.equal(ids.size, 5, 'distinct message ids');
  await smsc.waitFor(() => smsc.received().length === 5, WAIT_MS);
  t.same(smsc.received().map((m) => m.text).sort(), texts);
});

t.test('sms - after the SMSC is killed and restarted the provider binds again and sends', async (t) => {
  const first = await startSmsc();
  const port = first.port;
  const sms = createSmppProvider({
    host: '127.0.0.1', port, systemId: SMSC_DEFAULT_SYSTEM_ID, password: SMSC_DEFAULT_PASSWORD,
    sourceAddr: '79000000000', sendTimeoutMs: 2_000, windowMax: 4, reconnectMinMs: 50, reconnectMaxMs: 200,
  });
  let second: Smsc | undefined;
  t.teardown(async () => { await sms.close(1_000); await first.close(); await second?.close(); });
  t.equal((await sms.send(message('before'))).kind, 'accepted');
  await first.close();
  const during = await sms.send(message('during'));
  t.same(during.kind === 'retry' ? during.code : during, 'SMS_UNAVAILABLE', 'no SMSC: retry');
  second = await startSmsc({ port });
  await second.waitForBinds(1, WAIT_MS);
  const after = await sms.send(message('after'));
  t.equal(after.kind, 'accepted');
  const got = await second.waitFor(() => true, WAIT_MS);
  t.same({ text: got.text, source: got.source }, { text: 'after', source: '79000000000' });
});

t.test('sms - enquire_link keeps the link, and a link that stops answering is replaced', async (t) => {
  const { smsc, sms } = await setup(t, { enquireLinkIntervalMs: 50, sendTimeoutMs: 300 });
  t.equal((await sms.send(message('hello'))).kind, 'accepted');
  await smsc.waitForEnquireLinks(2, WAIT_MS);
  t.equal(smsc.binds(), 1, 'answered enquire_links keep the one session');
  smsc.muteEnquireLink();
  await smsc.waitForBinds(2, WAIT_MS);
  t.equal((await sms.send(message('again'))).kind, 'accepted', 'the new session sends');
});

t.test('sms - programmer errors reject', async (t) => {
  const { sms } = await setup(t);
  await t.rejects(sms.send({ ...message('x'), channel: 'email' }), /another channel/);
  await t.rejects(sms.send(message('')), /needs a text/);
});

t.test('sms - receipt text parsing', async (t) => {
  const cases: Array<[string, ReturnType<typeof parseReceiptText>]> = [
    ['id:abc123 sub:001 dlvrd:001 submit date:2605151200 done date:2605151201 stat:DELIVRD err:000 text:',
      { id: 'abc123', stat: 'DELIVRD' }],
    ['id:42 sub:001 dlvrd:000 submit date:2605151200 done date:2605151201 stat:undeliv err:001',
      { id: '42', stat: 'UNDELIV' }],
    ['id:7 sub:001', { id: '7', stat: undefined }],
    ['no receipt here', undefined],
  ];
  for (const [text, want] of cases) t.same(parseReceiptText(text), want, text);
});
