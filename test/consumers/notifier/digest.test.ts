// Digest planning (consumers/notifier/digest.ts): once per local day per school at the digest
// hour in the school's zone, the weekly one on Sundays for Monday to Sunday, only for recipients
// of the partition who subscribed by e-mail, with the ledger cut recorded. What a digest says
// is tested against ClickHouse in events.test.ts.
import t from 'tap';
import { linkId, localDayStartMs, parseRecord, RegistryIndex, type RecordKind } from '../../../core/index.js';
import { planDigests } from '../../../consumers/notifier/digest.js';
import { partitionOf } from '../../../consumers/notifier/plan.js';

function put(reg: RegistryIndex, kind: RecordKind, raw: Record<string, unknown>): void {
  reg.apply(kind, raw['id'] as string, parseRecord(kind, raw));
}

const reg = new RegistryIndex();
put(reg, 'school', { id: 's1', name: 'Школа 1', timeZone: 'Europe/Moscow' });
put(reg, 'school', { id: 's2', name: 'Школа 2', timeZone: 'Asia/Vladivostok' });
put(reg, 'person', { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'Маша' });
put(reg, 'person', { id: 'p2', schoolId: 's2', kind: 'pupil', displayName: 'Ваня' });
for (const [g, p] of [['g1', 'p1'], ['g2', 'p2']] as const) {
  put(reg, 'guardian', { id: g, phone: `+79161234560${g.slice(1)}`, surname: 'Родителева', email: `${g}@example.ru` });
  put(reg, 'guardianship', { id: linkId(g, p), guardianId: g, personId: p, relation: 'parent' });
  put(reg, 'preferences', { id: linkId(g, p), guardianId: g, personId: p,
    subscriptions: [{ event: 'daily_digest', channels: ['email'] }, { event: 'weekly_digest', channels: ['email'] }] });
}
const P = 1;
// Sunday 29 November 2026, 19:30 in Moscow (16:30 UTC); in Vladivostok it is already Monday 02:30.
const SUNDAY_EVENING = Date.UTC(2026, 10, 29, 16, 30);

t.test('notifier digest - planned once a local day after the hour, weekly on Sunday for Monday to Sunday', async (t) => {
  const plan = planDigests(reg, 0, P, new Map(), SUNDAY_EVENING, 19, 4242);
  const moscowDay = Math.floor((SUNDAY_EVENING + 3 * 3_600_000) / 86_400_000);
  t.same(plan.marks, { s1: moscowDay }, 'Moscow is past 19:00; Vladivostok is at 02:30 of Monday, before its hour');
  t.same(plan.planned.map((n) => [n.type, n.guardianId, n.personId, n.channel]).sort(),
    [['daily_digest', 'g1', 'p1', 'email'], ['weekly_digest', 'g1', 'p1', 'email']]);
  const weekly = plan.planned.find((n) => n.type === 'weekly_digest')!;
  t.equal(weekly.params['fromMs'], localDayStartMs('Europe/Moscow', moscowDay - 6), 'the week starts on Monday 23 November');
  t.equal(new Date(Number(weekly.params['fromMs'])).toISOString(), '2026-11-22T21:00:00.000Z');
  t.equal(weekly.params['toMs'], SUNDAY_EVENING);
  t.equal(weekly.params['ledgerCut'], 4242, 'the ledger position the figures are read up to');
  const again = planDigests(reg, 0, P, new Map([['s1', moscowDay]]), SUNDAY_EVENING + 60_000, 19, 4300);
  t.same(again, { planned: [], marks: {} }, 'a day is planned once');
  const before = planDigests(reg, 0, P, new Map(), Date.UTC(2026, 10, 29, 15, 59), 19, 1);
  t.same(before.planned, [], 'before 19:00 Moscow nothing is due');
  const monday = planDigests(reg, 0, P, new Map([['s1', moscowDay]]), SUNDAY_EVENING + 86_400_000, 19, 1);
  t.same(monday.planned.map((n) => n.type), ['daily_digest'], 'Monday: the daily digest only');
});

t.test('notifier digest - only the partition\'s recipients', async (t) => {
  const parts = 16;
  const own = partitionOf('g1', parts);
  t.equal(planDigests(reg, own, parts, new Map(), SUNDAY_EVENING, 19, 1).planned.length, 2);
  t.equal(planDigests(reg, (own + 1) % parts, parts, new Map(), SUNDAY_EVENING, 19, 1).planned.length, 0);
});
