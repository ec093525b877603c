// Kindergarten hand-over notices end to end (ADR 0015, consumers/notifier/plan.ts): hand-over taps
// decided by a real gateway reach the parents through the real SMTP mail catcher and SMSC. A
// drop-off and a pick-up name the adult and their link to the child; a pick-up refused at the
// turnstile (a trusted person without the `pickup` grant, a guardian linked to nobody, a card the
// registry does not know) is told at once to every parent, by SMS to a parent who subscribed to
// nothing. Each notice arrives once, and nothing goes to the guardians of another child.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { connect, ENTRY, EXIT, Reason, tap, Verdict, type TestDevice } from '../../helpers/gateway-fixtures.js';
import { startNotifier, startProviders, type Providers } from '../../helpers/notifier-fixtures.js';
import { startGateway, startStack, type GatewayProcess, type Stack } from '../../helpers/stack.js';

const KG = 'kg-5';
const ZONE = 'Europe/Moscow';
/** Bound of every wait for a notice, in ms: hand-over notices are never held, so this is generous. */
const NOTICE_WAIT_MS = 20_000;
const secret = randomBytes(32);
const gate: TestDevice = { id: 'kg-5-ts-1', schoolId: KG, secret };
const U = { masha: randomBytes(7), vanya: randomBytes(7), mother: randomBytes(7), granny: randomBytes(7),
  aunt: randomBytes(7), stranger: randomBytes(7), unknown: randomBytes(7) };
const MOTHER = { email: 'sorokina@example.ru', phone: '+79160000101' };
const FATHER = { email: 'sorokin@example.ru', phone: '+79160000102' };
const VANYA_MUM = { email: 'ivanova@example.ru', phone: '+79160000103' };
const entryExit = (guardianId: string, personId: string, channels: string[]) => ({ id: `${guardianId}.${personId}`,
  guardianId, personId, subscriptions: [{ event: 'entry_exit', channels }], lowBalanceThresholdKop: null });
const card = (holder: keyof typeof U, key: string) => ({ id: `i-${holder}`, [key]: holder, kind: 'fob',
  uidHex: U[holder].toString('hex') });
const pupil = (id: string, surname: string, givenName: string, patronymic: string) => ({ id, schoolId: KG, kind: 'pupil',
  displayName: `${surname} ${givenName}`, surname, givenName, patronymic });
const trusted = (guardianId: string, scopes: string[]) => ({ id: `${guardianId}.masha`, guardianId, personId: 'masha',
  relation: 'trusted', scopes, grantedBy: 'mother.masha' });

const doc = {
  schools: [{ id: KG, name: 'Детский сад № 5', timeZone: ZONE, kind: 'kindergarten' }],
  devices: [{ id: gate.id, schoolId: KG, kind: 'turnstile', secretHex: secret.toString('hex') }],
  persons: [pupil('masha', 'Сорокина', 'Маша', 'Игоревна'), pupil('vanya', 'Иванов', 'Ваня', 'Петрович')],
  identifiers: [card('masha', 'personId'), card('vanya', 'personId'),
    card('mother', 'guardianId'), card('granny', 'guardianId'), card('aunt', 'guardianId'), card('stranger', 'guardianId')],
  guardians: [{ id: 'mother', surname: 'Сорокина', givenName: 'Анна', ...MOTHER },
    { id: 'father', surname: 'Сорокин', givenName: 'Игорь', ...FATHER },
    { id: 'vanya-mum', surname: 'Иванова', givenName: 'Вера', ...VANYA_MUM },
    { id: 'granny', surname: 'Бабушкина', givenName: 'Нина', phone: '+79160000104' },
    { id: 'aunt', surname: 'Тётина', givenName: 'Ольга', phone: '+79160000105' },
    { id: 'stranger', surname: 'Чужов', givenName: 'Пётр', phone: '+79160000106' }],
  guardianships: [
    { id: 'mother.masha', guardianId: 'mother', personId: 'masha', relation: 'parent' },
    { id: 'father.masha', guardianId: 'father', personId: 'masha', relation: 'parent' },
    { id: 'vanya-mum.vanya', guardianId: 'vanya-mum', personId: 'vanya', relation: 'parent' },
    trusted('granny', ['passes', 'pickup']), trusted('aunt', ['passes'])],
  // The father subscribed to nothing: a refused pick-up still reaches him, by SMS.
  preferences: [entryExit('mother', 'masha', ['email', 'sms']), entryExit('vanya-mum', 'vanya', ['email'])],
};

let stack: Stack;
let providers: Providers;
let gw: GatewayProcess;
t.before(async () => {
  stack = await startStack({ clickhouse: false });
  providers = await startProviders(stack.dir);
  await stack.loadRegistry(doc);
  gw = await startGateway(stack, { TAPGATE_REPEAT_WINDOW_MS: '0' });
});
t.teardown(async () => {
  await gw?.stop();
  await providers?.stop();
  await stack?.stop();
});

const clock = new Intl.DateTimeFormat('ru-RU', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** «08:12» in the kindergarten's zone, as the templates print an event time. */
const hhmm = (ms: number) => clock.format(ms);
const lettersTo = (email: string) => providers.mail.messages().filter((m) => m.to.includes(email));
const smsTo = (phone: string) => providers.smsc.received().filter((s) => s.destination === phone.slice(1))
  .map((s) => s.text);
const REFUSED_SUBJECT = 'ВНИМАНИЕ: попытка забрать ребёнка (Маша)';

/** The notifier's finished notices by type and status (tapgate_notify_finished_total), sorted. */
async function finished(opsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(/^tapgate_notify_finished_total\{([^}]*)\} (\d+)/gm)) {
    const key = `${/type="([^"]+)"/.exec(labels!)![1]}:${/status="([^"]+)"/.exec(labels!)![1]}`;
    counts[key] = (counts[key] ?? 0) + Number(value);
  }
  return Object.fromEntries(Object.entries(counts).sort());
}

t.test('notifier handover - drop-off, pick-up and refused pick-ups reach the parents once, naming the adult', async (t) => {
  const n = await startNotifier(stack, providers);
  t.teardown(() => n.stop());
  const c = await connect(gw, gate);
  t.teardown(() => c.close());
  let seq = 0;
  /** One hand-over of Маша: the tap's verdict and reason, the child's, and the event time. */
  const handover = async (adult: Buffer, direction: number) => {
    const deviceTimeMs = Date.now();
    const [d] = await tap(c, [{ seq: ++seq, uid: adult, direction, deviceTimeMs, children: [U.masha] }]);
    const child = d!.children?.[0];
    return { at: deviceTimeMs, decision: [d!.verdict ?? 0, d!.reason ?? 0, child?.verdict ?? 0, child?.reason ?? 0] };
  };
  const [ALLOW, DENY, OK] = [Verdict.VERDICT_ALLOW, Verdict.VERDICT_DENY, Reason.DECISION_REASON_OK];
  const NOT_AUTHORISED = Reason.DECISION_REASON_ESCORT_NOT_AUTHORISED;

  const dropoff = await handover(U.mother, ENTRY);
  t.same(dropoff.decision, [ALLOW, OK, ALLOW, OK], 'the mother brings Маша in');
  const [dropLetter] = await providers.mail.waitFor(() => lettersTo(MOTHER.email).length >= 1, NOTICE_WAIT_MS);
  t.equal(dropLetter!.subject, `Маша в детском саду с ${hhmm(dropoff.at)}`);
  t.match(dropLetter!.text, 'Привёл(-а): Сорокина А. (родитель).');

  const pickup = await handover(U.granny, EXIT);
  t.same(pickup.decision, [ALLOW, OK, ALLOW, OK], 'the grandmother, trusted with pickup, collects Маша');
  await providers.mail.waitFor(() => lettersTo(MOTHER.email).length >= 2, NOTICE_WAIT_MS);
  const pickLetter = lettersTo(MOTHER.email)[1]!;
  t.equal(pickLetter.subject, `Маша ушла из детского сада в ${hhmm(pickup.at)}`, 'a pick-up is not held like an exit');
  t.match(pickLetter.text, 'Забрал(-а): Бабушкина Н. (доверенное лицо).');

  // The gateway writes escort_guardian_id '' for an unknown card; the child's reason is still 16,
  // so the notice goes (plan.ts handoverType), naming nobody.
  const refused = [
    { who: 'the aunt (no pickup grant)', uid: U.aunt, reason: NOT_AUTHORISED, adult: 'Тётина О.' },
    { who: 'a guardian linked to nobody', uid: U.stranger, reason: NOT_AUTHORISED, adult: 'Чужов П.' },
    { who: 'an unknown card', uid: U.unknown, reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER,
      adult: 'неизвестный взрослый' },
  ];
  const refusedAt: number[] = [];
  for (const [i, r] of refused.entries()) {
    const attempt = await handover(r.uid, EXIT);
    refusedAt.push(attempt.at);
    t.same(attempt.decision, [DENY, r.reason, DENY, NOT_AUTHORISED], `${r.who}: refused, the child with reason 16`);
    await providers.mail.waitFor(() => lettersTo(MOTHER.email).length >= 3 + i, NOTICE_WAIT_MS);
    const letter = lettersTo(MOTHER.email)[2 + i]!;
    t.equal(letter.subject, REFUSED_SUBJECT, `${r.who}: the urgent subject`);
    const line = `${hhmm(attempt.at)}, Детский сад № 5: ${r.adult} пытался(-лась) забрать ребёнка (Маша), но этот человек`;
    t.match(letter.text, line, `${r.who}: the letter names the adult as «${r.adult}» (consumers/notifier/sender.ts `
      + 'params.adult, rendered through {adult|initials} in templates/ru/pickup_refused.*.txt)');
  }

  // Every planned notice finished (sent), so any duplicate would be in the catcher by now.
  const want = { 'dropoff:sent': 2, 'pickup:sent': 2, 'pickup_refused:sent': 3 * 2 + 3 };
  let counts = await finished(n.opsUrl);
  for (const until = Date.now() + NOTICE_WAIT_MS; JSON.stringify(counts) !== JSON.stringify(want) && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 200));
    counts = await finished(n.opsUrl);
  }
  t.same(counts, want, 'every hand-over notice sent, none parked or skipped');
  t.same(lettersTo(MOTHER.email).map((m) => m.subject), [`Маша в детском саду с ${hhmm(dropoff.at)}`,
    `Маша ушла из детского сада в ${hhmm(pickup.at)}`, REFUSED_SUBJECT, REFUSED_SUBJECT, REFUSED_SUBJECT],
  'each letter exactly once');
  t.same(providers.mail.messages().flatMap((m) => m.to).filter((to) => to !== MOTHER.email), [],
    'no letter to the father (SMS only), the adults, or Ваня\'s mother');

  // The refusals are two UCS-2 parts each, sent to the mother and the father at the same moment.
  const whole = 'every SMS arrives whole: the parts of one text must share one concatenation reference '
    + '(consumers/notifier/channels/sms.ts send() reads this.reference again after each part\'s await)';
  t.equal(smsTo(MOTHER.phone).length, 5, `the mother's SMS: drop-off, pick-up and three refusals; ${whole}`);
  t.equal(smsTo(FATHER.phone).length, 3, `the father, subscribed to nothing, gets the three refusals by SMS; ${whole}`);
  const refusals = refused.map((r, i) => `ВНИМАНИЕ! В ${hhmm(refusedAt[i]!)} ${r.adult} пытался(-лась) забрать `
    + 'ребёнка (Маша) без права на это. Ребёнка не отдали');
  t.same([...smsTo(MOTHER.phone)].sort(), [`Маша в детском саду с ${hhmm(dropoff.at)}. Привёл(-а): Сорокина А.`,
    `Маша ушла из детского сада в ${hhmm(pickup.at)}. Забрал(-а): Бабушкина Н.`, ...refusals].sort(),
  'the mother\'s SMS texts');
  t.same([...smsTo(FATHER.phone)].sort(), [...refusals].sort(), 'the father\'s SMS texts');
  t.same([lettersTo(VANYA_MUM.email).length, smsTo(VANYA_MUM.phone).length], [0, 0], 'Ваня\'s mother got nothing');
});

t.test('notifier handover - a refused drop-off is told to the parents at once too', async (t) => {
  const n = await startNotifier(stack, providers);
  t.teardown(() => n.stop());
  const c = await connect(gw, gate);
  t.teardown(() => c.close());
  const [mails, fatherSms] = [lettersTo(MOTHER.email).length, smsTo(FATHER.phone).length];
  const at = Date.now();
  const [d] = await tap(c, [{ seq: 100, uid: U.aunt, direction: ENTRY, deviceTimeMs: at, children: [U.masha] }]);
  t.same([d!.verdict, d!.children?.[0]?.reason], [Verdict.VERDICT_DENY, Reason.DECISION_REASON_ESCORT_NOT_AUTHORISED],
    'the aunt (no pickup grant) may not bring Маша in either');
  await providers.mail.waitFor(() => lettersTo(MOTHER.email).length > mails, NOTICE_WAIT_MS);
  const letter = lettersTo(MOTHER.email)[mails]!;
  t.equal(letter.subject, 'ВНИМАНИЕ: попытка привести ребёнка (Маша)');
  t.match(letter.text, `${hhmm(at)}, Детский сад № 5: Тётина О. пытался(-лась) привести ребёнка (Маша)`);
  await providers.smsc.waitFor((m) => m.destination === FATHER.phone.slice(1) && m.text.includes('привести'), NOTICE_WAIT_MS);
  t.equal(smsTo(FATHER.phone).length, fatherSms + 1, 'the father by SMS, once');
});
