// The notification rules of core/notify-rules.ts, table-driven: who hears about which notice
// type on which channels (grants, preferences, the refused pick-up to parents), how late a notice
// is, when quiet hours let it go (in the school's zone, across midnight or within one day), when
// a debit crosses a low-balance threshold, and the id of a guardian's link to a child.
import t from 'tap';
import {
  audienceOf, crossedBelow, DIGEST_ONLY_AFTER_MS, LATE_AFTER_MS, linkId, notBeforeMs, parseRecord, RegistryIndex, timeliness,
  type Audience, type NoticeType, type QuietHours, type RecordKind,
} from '../../core/index.js';

function put(reg: RegistryIndex, kind: RecordKind, raw: Record<string, unknown>): void {
  reg.apply(kind, raw['id'] as string, parseRecord(kind, raw));
}

const QUIET: QuietHours = { from: '22:00', to: '07:00' };

/**
 * Pupil p1 with: g1 a parent subscribed to entries/exits (push, sms), buffet (email) and low
 * balance (sms) with a threshold and quiet hours; g2 a trusted person granted passes only, who
 * subscribed to entries (email) and buffet (push); g3 a parent without preferences; g4 a parent
 * subscribed to entries on no channel at all; g5 a trusted person with every scope and
 * preferences stored under g5's link id but naming another child (not theirs for p1).
 */
function registry(): RegistryIndex {
  const reg = new RegistryIndex();
  put(reg, 'school', { id: 's1', name: 'School 1', timeZone: 'Europe/Moscow' });
  put(reg, 'person', { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'Pupil One' });
  put(reg, 'person', { id: 'p2', schoolId: 's1', kind: 'pupil', displayName: 'Pupil Two' });
  for (const g of ['g1', 'g2', 'g3', 'g4', 'g5']) put(reg, 'guardian', { id: g, phone: `+7916123456${g.slice(1)}`, surname: 'Guardian' });
  put(reg, 'guardianship', { id: 'gs1', guardianId: 'g1', personId: 'p1', relation: 'parent' });
  put(reg, 'guardianship', { id: 'gs2', guardianId: 'g2', personId: 'p1', relation: 'trusted', scopes: ['passes'], grantedBy: 'gs1' });
  put(reg, 'guardianship', { id: 'gs3', guardianId: 'g3', personId: 'p1', relation: 'parent' });
  put(reg, 'guardianship', { id: 'gs4', guardianId: 'g4', personId: 'p1', relation: 'parent' });
  put(reg, 'guardianship', { id: 'gs5', guardianId: 'g5', personId: 'p1', relation: 'trusted',
    scopes: ['passes', 'purchases', 'balance'], grantedBy: 'gs1' });
  put(reg, 'preferences', { id: linkId('g1', 'p1'), guardianId: 'g1', personId: 'p1', lowBalanceThresholdKop: 5000, quietHours: QUIET,
    subscriptions: [{ event: 'entry_exit', channels: ['push', 'sms'] }, { event: 'buffet', channels: ['email'] },
      { event: 'low_balance', channels: ['sms'] }] });
  put(reg, 'preferences', { id: linkId('g2', 'p1'), guardianId: 'g2', personId: 'p1',
    subscriptions: [{ event: 'entry_exit', channels: ['email'] }, { event: 'buffet', channels: ['push'] }] });
  put(reg, 'preferences', { id: linkId('g4', 'p1'), guardianId: 'g4', personId: 'p1', subscriptions: [{ event: 'entry_exit', channels: [] }] });
  put(reg, 'preferences', { id: linkId('g5', 'p1'), guardianId: 'g5', personId: 'p2',
    subscriptions: [{ event: 'entry_exit', channels: ['push'] }, { event: 'buffet', channels: ['push'] }] });
  return reg;
}

const byGuardian = (list: Audience[]) => [...list].sort((a, b) => a.guardianId.localeCompare(b.guardianId));

t.test('notify rules - audienceOf: grants and subscriptions decide who hears, on which channels', async (t) => {
  const reg = registry();
  const g1 = { guardianId: 'g1', relation: 'parent' as const, lowBalanceThresholdKop: 5000, quietHours: QUIET };
  const g2 = { guardianId: 'g2', relation: 'trusted' as const, lowBalanceThresholdKop: null, quietHours: null };
  const cases: Array<{ type: NoticeType; want: Audience[]; why: string }> = [
    { type: 'entry', want: [{ ...g1, channels: ['push', 'sms'] }, { ...g2, channels: ['email'] }],
      why: 'parent and trusted person with passes; g3 has no preferences, g4 no channel, g5 preferences of another child' },
    { type: 'exit', want: [{ ...g1, channels: ['push', 'sms'] }, { ...g2, channels: ['email'] }], why: 'exits share entry_exit' },
    { type: 'buffet', want: [{ ...g1, channels: ['email'] }], why: 'the trusted person subscribed to buffet but lacks purchases' },
    { type: 'low_balance', want: [{ ...g1, channels: ['sms'] }], why: 'only g1 subscribed' },
    { type: 'hot_meal', want: [], why: 'nobody subscribed' },
    { type: 'top_up', want: [], why: 'nobody subscribed' },
  ];
  for (const c of cases) t.same(byGuardian(audienceOf(reg, 'p1', c.type)), c.want, `${c.type}: ${c.why}`);
  t.same(audienceOf(reg, 'p2', 'entry'), [], 'a child without guardianships: nobody');
  t.same(audienceOf(reg, 'nobody', 'entry'), [], 'an unknown child: nobody');
});

t.test('notify rules - audienceOf: a refused pick-up goes to every parent, entry/exit channels or sms', async (t) => {
  const reg = registry();
  t.same(byGuardian(audienceOf(reg, 'p1', 'pickup_refused')), [
    { guardianId: 'g1', relation: 'parent', lowBalanceThresholdKop: 5000, quietHours: QUIET, channels: ['push', 'sms'] },
    { guardianId: 'g3', relation: 'parent', lowBalanceThresholdKop: null, quietHours: null, channels: ['sms'] },
    { guardianId: 'g4', relation: 'parent', lowBalanceThresholdKop: null, quietHours: null, channels: ['sms'] },
  ], 'g1 on its channels, g3 (no preferences) and g4 (no channel) by sms, trusted persons never');
});

t.test('notify rules - timeliness: event time against plan time', async (t) => {
  const T = 1_772_400_000_000;
  const cases: Array<[NoticeType, number, string]> = [
    ['entry', 0, 'on_time'], ['entry', -5_000, 'on_time'], ['entry', LATE_AFTER_MS, 'on_time'],
    ['entry', LATE_AFTER_MS + 1, 'digest_only'], ['exit', LATE_AFTER_MS + 1, 'digest_only'],
    ['dropoff', LATE_AFTER_MS + 1, 'digest_only'], ['pickup', LATE_AFTER_MS + 1, 'digest_only'],
    ['pickup_refused', LATE_AFTER_MS + 1, 'late'], ['buffet', LATE_AFTER_MS, 'on_time'], ['buffet', LATE_AFTER_MS + 1, 'late'],
    ['top_up', 3_600_000, 'late'], ['low_balance', DIGEST_ONLY_AFTER_MS, 'late'],
    ['buffet', DIGEST_ONLY_AFTER_MS + 1, 'digest_only'], ['pickup_refused', DIGEST_ONLY_AFTER_MS + 1, 'digest_only'],
    ['top_up', DIGEST_ONLY_AFTER_MS + 1, 'digest_only'],
  ];
  t.equal(LATE_AFTER_MS, 15 * 60_000);
  t.equal(DIGEST_ONLY_AFTER_MS, 12 * 3_600_000);
  for (const [type, age, want] of cases) t.equal(timeliness(type, T, T + age), want, `${type} planned ${age} ms after`);
});

/** UTC ms of a local wall-clock time in a zone with a fixed offset (hours east of UTC). */
const local = (offsetH: number, day: number, hh: number, mm: number, ss = 0, ms = 0) =>
  Date.UTC(2026, 2, day, hh, mm, ss, ms) - offsetH * 3_600_000;

t.test('notify rules - notBeforeMs: quiet hours across midnight in Europe/Moscow', async (t) => {
  const msk = (day: number, hh: number, mm: number, ss = 0, ms = 0) => local(3, day, hh, mm, ss, ms);
  const cases: Array<{ type: NoticeType; at: number; want: number; why: string }> = [
    { type: 'buffet', at: msk(2, 23, 30, 15, 250), want: msk(3, 7, 0), why: 'late evening: held to 07:00 next day exactly' },
    { type: 'buffet', at: msk(2, 22, 0), want: msk(3, 7, 0), why: 'the first instant of quiet hours is inside' },
    { type: 'top_up', at: msk(3, 3, 0), want: msk(3, 7, 0), why: 'after midnight: held to 07:00 the same day' },
    { type: 'low_balance', at: msk(3, 6, 59, 59, 999), want: msk(3, 7, 0), why: 'the last millisecond is inside' },
    { type: 'hot_meal', at: msk(3, 7, 0), want: msk(3, 7, 0), why: '07:00 itself is outside: at once' },
    { type: 'buffet', at: msk(2, 21, 59, 59, 999), want: msk(2, 21, 59, 59, 999), why: 'just before: at once' },
    { type: 'buffet', at: msk(2, 12, 0), want: msk(2, 12, 0), why: 'midday: at once' },
  ];
  for (const c of cases) t.equal(notBeforeMs(c.type, c.at, QUIET, 'Europe/Moscow'), c.want, `${c.type}: ${c.why}`);
  for (const type of ['entry', 'exit', 'dropoff', 'pickup', 'pickup_refused'] as const) {
    t.equal(notBeforeMs(type, msk(2, 23, 30), QUIET, 'Europe/Moscow'), msk(2, 23, 30), `${type} is never held`);
  }
  t.equal(notBeforeMs('buffet', msk(2, 23, 30), null, 'Europe/Moscow'), msk(2, 23, 30), 'no quiet hours: at once');
});

t.test('notify rules - notBeforeMs: a same-day span, and another zone', async (t) => {
  const msk = (hh: number, mm: number, ss = 0, ms = 0) => local(3, 2, hh, mm, ss, ms);
  const lunch: QuietHours = { from: '13:00', to: '14:00' };
  const cases: Array<[number, number, string]> = [
    [msk(13, 0), msk(14, 0), 'start is inside'], [msk(13, 59, 30), msk(14, 0), 'near the end'],
    [msk(14, 0), msk(14, 0), 'end is outside'], [msk(12, 59, 59, 999), msk(12, 59, 59, 999), 'before'],
    [msk(23, 0), msk(23, 0), 'the span does not wrap'],
  ];
  for (const [at, want, why] of cases) t.equal(notBeforeMs('buffet', at, lunch, 'Europe/Moscow'), want, `13:00-14:00: ${why}`);
  const yek = (day: number, hh: number, mm: number) => local(5, day, hh, mm);
  t.equal(notBeforeMs('buffet', yek(2, 23, 30), QUIET, 'Asia/Yekaterinburg'), yek(3, 7, 0), 'Yekaterinburg 23:30 local: to 07:00 local');
  t.equal(yek(3, 7, 0), Date.UTC(2026, 2, 3, 2, 0), '07:00 in Yekaterinburg is 02:00 UTC');
  t.equal(notBeforeMs('buffet', yek(2, 20, 30), QUIET, 'Asia/Yekaterinburg'), yek(2, 20, 30),
    '20:30 local (22:30 in Moscow) is outside the Yekaterinburg school\'s quiet hours');
  t.equal(notBeforeMs('buffet', local(3, 2, 23, 0), QUIET, 'Asia/Yekaterinburg'), yek(3, 7, 0),
    '23:00 Moscow is 01:00 local: held to 07:00 local');
});

t.test('notify rules - crossedBelow: from at or above the threshold to below it', async (t) => {
  const cases: Array<[number, number, number | null, boolean, string]> = [
    [6000, 4000, 5000, true, 'above to below'],
    [5000, 4999, 5000, true, 'equal before counts as above'],
    [6000, 5000, 5000, false, 'landing on the threshold is not below'],
    [4000, 3000, 5000, false, 'below to further below'],
    [6000, 5500, 5000, false, 'stays above'],
    [100, -50, 0, true, 'a zero threshold: an overdraft crosses it'],
    [6000, 4000, null, false, 'no threshold'],
  ];
  for (const [before, after, threshold, want, why] of cases) t.equal(crossedBelow(before, after, threshold), want, why);
});

t.test('notify rules - linkId: one id per guardian and child', async (t) => {
  t.equal(linkId('g1', 'p1'), 'g1.p1');
  const hashed = /^l_[A-Za-z0-9_-]{22}$/;
  t.match(linkId('a.b', 'c'), hashed, 'a dot in the guardian id: hashed');
  t.match(linkId('a', 'b.c'), hashed, 'a dot in the person id: hashed');
  t.not(linkId('a.b', 'c'), linkId('a', 'b.c'), 'pairs that would join alike get different ids');
  t.equal(linkId('a.b', 'c'), linkId('a.b', 'c'), 'deterministic');
  const g = 'g'.repeat(31);
  t.equal(linkId(g, 'p'.repeat(32)), `${g}.${'p'.repeat(32)}`, '64 characters: kept as is');
  t.match(linkId(g, 'p'.repeat(33)), hashed, '65 characters: hashed');
});
