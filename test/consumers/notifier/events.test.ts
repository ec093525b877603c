// Every kind of notice against the real stack: a gateway deciding turnstile and POS taps, bank
// top-ups over NATS, the sink filling ClickHouse, and a notifier sending e-mail to the local SMTP
// mail catcher. Covers buffet, hot and subsidised meals, top-ups, low balance once per crossing,
// quiet hours, an exit and quick re-entry collapsed, a late tap kept for the digest, and the
// daily digest whose totals match the ledger.
import t from 'tap';
import { createClient } from '@clickhouse/client';
import { connect, ENTRY, EXIT, tap } from '../../helpers/gateway-fixtures.js';
import { parentsOf, startNotifier, startProviders, type Parent, type Providers } from '../../helpers/notifier-fixtures.js';
import { fund, HOT_MEAL, makePosFixture, posTap, SUBSIDISED, BUFFET } from '../../helpers/pos-fixtures.js';
import { startGateway, startSink, startStack, type GatewayProcess, type ProcessHandle, type Stack } from '../../helpers/stack.js';

const pos = makePosFixture({ pupils: 8, posCount: 1, accountBase: 51_000_000,
  accounts: [{ pupil: 0 }, { pupil: 1 }, { pupil: 2 }, { pupil: 3 }], benefits: [{ pupil: 3 }],
  products: { bun: { category: 'bakery', priceKop: 5_000 }, soup: { category: 'hot', priceKop: 10_000 } } });
const pupils = pos.fx.pupils;
let stack: Stack;
let providers: Providers;
let gw: GatewayProcess;
let sink: ProcessHandle;
let parents: Parent[];

/** HH:MM in the school's zone, `offsetMin` minutes from now. */
function clock(offsetMin: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: pos.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(Date.now() + offsetMin * 60_000));
}

t.before(async () => {
  stack = await startStack();
  providers = await startProviders(stack.dir);
  const events = ['entry_exit', 'buffet', 'hot_meal', 'subsidised_meal', 'top_up', 'low_balance', 'daily_digest'];
  const normal = parentsOf([pupils[0]!, pupils[3]!, pupils[4]!, pupils[5]!], providers.push, { events, channels: ['email'] });
  const lowBalance = parentsOf([pupils[1]!], providers.push, { events, channels: ['email'], lowBalanceThresholdKop: 20_000 });
  const quiet = parentsOf([pupils[2]!], providers.push, { events, channels: ['email'], quietHours: { from: clock(-60), to: clock(60) } });
  const merge = (...docs: Array<Record<string, unknown[]>>) => Object.fromEntries(Object.keys(docs[0]!).map((k) => [k, docs.flatMap((d) => d[k]!)]));
  // parentsOf numbers its e-mail addresses from 1 in each call: make them unique.
  const all = [...normal.parents, ...lowBalance.parents, ...quiet.parents];
  const doc = merge(normal.doc, lowBalance.doc, quiet.doc);
  doc['guardians'] = (doc['guardians'] as Array<Record<string, unknown>>).map((g, i) => ({ ...g, email: `parent-${i}@example.ru`, phone: `+7916555000${i}` }));
  parents = all.map((p, i) => ({ ...p, email: `parent-${i}@example.ru`, phone: `+7916555000${i}` }));
  await stack.loadRegistry({ ...pos.doc, ...doc });
  gw = await startGateway(stack);
  sink = await startSink(stack);
  const payments = await stack.connect('payment');
  const [a0, a1, a2] = [pos.accounts[0]!, pos.accounts[1]!, pos.accounts[2]!];
  await fund(payments, a0, 100_000, 'pay-0');
  await fund(payments, a1, 25_000, 'pay-1');
  await fund(payments, a2, 50_000, 'pay-2');
  const till = await connect(gw, pos.pos[0]!);
  const turnstile = await connect(gw, pos.fx.turnstiles[0]!);
  let s = 0;
  const buy = (pupil: number, kind: number, ...items: string[]) => posTap(till, [{ seq: ++s, uid: pupils[pupil]!.uid, mealKind: kind, items: items.map((i) => pos.ref(i)) }]);
  await buy(0, BUFFET, 'bun', 'bun');
  await buy(0, HOT_MEAL, 'soup');
  await buy(1, HOT_MEAL, 'soup'); // 25,000 -> 15,000: below 20,000
  await buy(1, BUFFET, 'bun'); // 10,000: already below, no second notice
  await fund(payments, a1, 20_000, 'pay-1b'); // 30,000: above again
  await buy(1, BUFFET, 'soup'); // 20,000: at the threshold, not below
  await buy(1, BUFFET, 'bun'); // 15,000: below again, a second notice
  await buy(2, BUFFET, 'bun');
  let ts = 0;
  await tap(turnstile, [{ seq: ++ts, uid: pupils[2]!.uid, direction: ENTRY, deviceTimeMs: Date.now() }]);
  await tap(turnstile, [{ seq: ++ts, uid: pupils[3]!.uid, direction: ENTRY, deviceTimeMs: Date.now() }]);
  await buy(3, SUBSIDISED, 'soup');
  await tap(turnstile, [{ seq: ++ts, uid: pupils[4]!.uid, direction: EXIT, deviceTimeMs: Date.now() }]);
  await tap(turnstile, [{ seq: ++ts, uid: pupils[4]!.uid, direction: ENTRY, deviceTimeMs: Date.now() + 1000 }]);
  await tap(turnstile, [{ seq: ++ts, uid: pupils[5]!.uid, direction: ENTRY, deviceTimeMs: Date.now() - 3_600_000 }]);
  till.close();
  turnstile.close();
});
t.teardown(async () => {
  await sink?.stop();
  await gw?.stop();
  await providers?.stop();
  await stack?.stop();
});

/** Letters to this address, with no-break and narrow spaces (money, thousands) read as spaces. */
const mailsTo = (email: string) => providers.mail.messages().filter((m) => m.to.includes(email))
  .map((m) => ({ ...m, subject: m.subject.replace(/[\u00a0\u202f]/g, ' '), text: m.text.replace(/[\u00a0\u202f]/g, ' ') }));
const parentOf = (pupil: number) => parents.find((p) => p.child.id === pupils[pupil]!.id)!;

t.test('notifier - every kind of notice, rules and the digest, from the ledger to the mail catcher', async (t) => {
  const n = await startNotifier(stack, providers, { TAPGATE_NOTIFY_DIGEST_HOUR: '0', TAPGATE_NOTIFY_DIGEST_CHECK_MS: '500' });
  t.teardown(() => n.stop());
  const p0 = parentOf(0);
  // Pupil 0: a top-up, a buffet purchase of two buns, a hot meal, and the day's digest.
  await providers.mail.waitFor(() => mailsTo(p0.email).length >= 4, 60_000).catch(() => undefined);
  const letters0 = mailsTo(p0.email);
  const subjects0 = letters0.map((m) => m.subject).sort();
  t.match(subjects0.join('\n'), /покупка в буфете на 100 ₽/);
  t.match(letters0.find((m) => m.subject.includes('буфете'))!.text, /bun, bun — 100 ₽/);
  t.match(subjects0.join('\n'), /итоги дня/);
  const digest = letters0.find((m) => m.subject.includes('итоги дня'))!;
  t.match(digest.text, /Покупки: 2 покупки на 200 ₽/, 'the digest totals match the ledger: 100 + 100 roubles');
  t.match(digest.text, /Пополнения: 1 пополнение на 1 000 ₽/);
  t.match(digest.text, /Остаток на счёте: 800 ₽/);
  // Pupil 1: two low-balance notices, one per crossing.
  const p1 = parentOf(1);
  await providers.mail.waitFor(() => mailsTo(p1.email).filter((m) => m.subject.includes('осталось')).length >= 2, 30_000);
  t.same(mailsTo(p1.email).filter((m) => m.subject.includes('осталось')).map((m) => m.subject.replace(/^.*осталось /, '')).sort(),
    ['150 ₽', '150 ₽'], 'a low-balance notice at each crossing of 200 ₽, none while it stayed below');
  // Pupil 3: entry, then the subsidised meal.
  const p3 = parentOf(3);
  await providers.mail.waitFor(() => mailsTo(p3.email).some((m) => /льготн/i.test(m.subject + m.text)), 30_000);
  // Pupil 2: the entry is sent at once; the top-up and purchase wait for the end of quiet hours.
  const p2 = parentOf(2);
  await providers.mail.waitFor(() => mailsTo(p2.email).some((m) => m.subject.includes('школу')), 30_000);
  const ch = createClient({ url: stack.clickhouse!.url });
  t.teardown(() => ch.close());
  const statuses = async (guardianId: string) => (await (await ch.query({ format: 'JSONEachRow',
    query: `SELECT type, argMax(status, at_ms * 4 + multiIf(status = 'queued', 0, status = 'sent', 1, 2)) AS status, any(code) AS code
      FROM tapgate.notifications WHERE guardian_id = '${guardianId}' GROUP BY key, type ORDER BY type` })).json<{ type: string; status: string }>());
  const waitStatuses = async (guardianId: string, pred: (rows: Array<{ type: string; status: string }>) => boolean) => {
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      const rows = await statuses(guardianId);
      if (pred(rows)) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
    return statuses(guardianId);
  };
  const quiet = await waitStatuses(p2.guardianId, (r) => r.some((x) => x.type === 'top_up'));
  t.same(quiet.filter((x) => x.type === 'top_up' || x.type === 'buffet').map((x) => x.status), ['queued', 'queued'], 'held by quiet hours');
  t.notOk(mailsTo(p2.email).some((m) => /буфет|пополн/i.test(m.subject)), 'no purchase or top-up letter during quiet hours');
  // Pupil 4: exit and re-entry a second apart: both collapsed, no letter.
  const p4 = parentOf(4);
  const collapsed = await waitStatuses(p4.guardianId, (r) => r.filter((x) => x.status === 'collapsed').length >= 2);
  t.same(collapsed.filter((x) => x.type === 'entry' || x.type === 'exit').map((x) => `${x.type}:${x.status}`).sort(),
    ['entry:collapsed', 'exit:collapsed']);
  // Pupil 5: an entry an hour late goes to the digest only.
  const p5 = parentOf(5);
  const late = await waitStatuses(p5.guardianId, (r) => r.some((x) => x.type === 'entry'));
  t.same(late.filter((x) => x.type === 'entry').map((x) => x.status), ['skipped']);
  t.equal(mailsTo(p4.email).filter((m) => !m.subject.includes('итоги')).length, 0, 'no entry or exit letter for the collapsed pair');
  t.equal(mailsTo(p5.email).filter((m) => !m.subject.includes('итоги')).length, 0, 'no letter for the late entry');
});
