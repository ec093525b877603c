// PassState: the repeated-tap window (boundaries, per direction, denied taps start no window),
// presence by kind (entries minus exits, each person once), the reset at local midnight in the
// school's zone, and replay through `record` rebuilding the state `decide` built.
import t from 'tap';
import {
  BACKLOG_AGE_MS_MAX, BACKLOG_AGE_MS_MIN, Direction, PassState, passTimeMs, Reason, type PassInput, type PersonKindName, type ReasonValue,
} from '../../core/index.js';

const WINDOW_MS = 5000;
const MSK = 'Europe/Moscow';
const VVO = 'Asia/Vladivostok';
const ENTRY = Direction.DIRECTION_ENTRY;
const EXIT = Direction.DIRECTION_EXIT;
const OK = Reason.DECISION_REASON_OK;
const REPEATED = Reason.DECISION_REASON_REPEATED_TAP;
/** 2025-03-10 00:00 in Moscow (UTC+3) and in Vladivostok (UTC+10), as UTC ms. */
const MSK_MIDNIGHT_MS = Date.UTC(2025, 2, 9, 21, 0, 0);
const VVO_MIDNIGHT_MS = Date.UTC(2025, 2, 9, 14, 0, 0);
const DAY_0310 = Date.UTC(2025, 2, 10) / 86_400_000;
const T0 = MSK_MIDNIGHT_MS + 8 * 3_600_000;

function tap(personId: string, direction: number, atMs: number, personKind: PersonKindName = 'pupil', schoolId = 's1', timeZone = MSK,
  backlog = false): PassInput {
  return { schoolId, timeZone, personId, personKind, direction, atMs, backlog };
}

t.test('pass-state - repeated tap window boundaries', async (t) => {
  const cases: Array<{ name: string; taps: Array<[string, number, number]>; reasons: ReasonValue[] }> = [
    { name: 'same direction 1 ms inside the window', taps: [['p', ENTRY, T0], ['p', ENTRY, T0 + WINDOW_MS - 1]], reasons: [OK, REPEATED] },
    { name: 'same direction exactly at the window', taps: [['p', ENTRY, T0], ['p', ENTRY, T0 + WINDOW_MS]], reasons: [OK, OK] },
    { name: 'same instant', taps: [['p', EXIT, T0], ['p', EXIT, T0]], reasons: [OK, REPEATED] },
    { name: 'other direction is not a repeat', taps: [['p', ENTRY, T0], ['p', EXIT, T0 + 1]], reasons: [OK, OK] },
    { name: 'each direction keeps its own window', taps: [['p', ENTRY, T0], ['p', EXIT, T0 + 1], ['p', ENTRY, T0 + 2], ['p', EXIT, T0 + 3]], reasons: [OK, OK, REPEATED, REPEATED] },
    { name: 'other persons are independent', taps: [['p', ENTRY, T0], ['q', ENTRY, T0 + 1]], reasons: [OK, OK] },
    // A denied repeat does not start a window: the window still runs from the allowed tap.
    { name: 'a repeat does not extend the window', taps: [['p', ENTRY, T0], ['p', ENTRY, T0 + WINDOW_MS - 1], ['p', ENTRY, T0 + WINDOW_MS]], reasons: [OK, REPEATED, OK] },
    { name: 'the window is in ms, not reset at midnight', taps: [['p', ENTRY, MSK_MIDNIGHT_MS - 1], ['p', ENTRY, MSK_MIDNIGHT_MS]], reasons: [OK, REPEATED] },
  ];
  for (const c of cases) {
    const s = new PassState(WINDOW_MS);
    t.same(c.taps.map(([p, d, ms]) => s.decide(tap(p, d, ms))), c.reasons, c.name);
  }
});

t.test('pass-state - a zero window never repeats', async (t) => {
  const s = new PassState(0);
  t.same([s.decide(tap('p', ENTRY, T0)), s.decide(tap('p', ENTRY, T0))], [OK, OK]);
});

t.test('pass-state - a tap recorded as denied starts no window and changes no presence', async (t) => {
  const s = new PassState(WINDOW_MS);
  for (const reason of [REPEATED, Reason.DECISION_REASON_IDENTIFIER_BLOCKED, Reason.DECISION_REASON_UNSPECIFIED]) s.record(tap('p', ENTRY, T0), reason);
  t.equal(s.decide(tap('p', ENTRY, T0 + 1)), OK);
  t.same(s.presence('s1', MSK, T0 + 1), { schoolId: 's1', day: DAY_0310, pupils: 1, staff: 0 });
});

t.test('pass-state - a tap without direction starts no window and changes no presence', async (t) => {
  const s = new PassState(WINDOW_MS);
  s.record(tap('p', Direction.DIRECTION_UNSPECIFIED, T0), OK);
  t.same(s.presence('s1', MSK, T0), { schoolId: 's1', day: DAY_0310, pupils: 0, staff: 0 });
  t.equal(s.decide(tap('p', ENTRY, T0 + 1)), OK);
});

t.test('pass-state - presence is entries minus exits, each person once', async (t) => {
  const steps: Array<{ name: string; tap: PassInput; pupils: number; staff: number; inside: string[] }> = [
    { name: 'pupil enters', tap: tap('a', ENTRY, T0), pupils: 1, staff: 0, inside: ['a'] },
    { name: 'second pupil enters', tap: tap('b', ENTRY, T0 + 1), pupils: 2, staff: 0, inside: ['a', 'b'] },
    { name: 'staff enters', tap: tap('x', ENTRY, T0 + 2, 'staff'), pupils: 2, staff: 1, inside: ['a', 'b', 'x'] },
    { name: 'double entry (outside the window) counted once', tap: tap('a', ENTRY, T0 + WINDOW_MS), pupils: 2, staff: 1, inside: ['a', 'b', 'x'] },
    { name: 'exit without entry changes nothing', tap: tap('c', EXIT, T0 + WINDOW_MS + 1), pupils: 2, staff: 1, inside: ['a', 'b', 'x'] },
    { name: 'pupil exits', tap: tap('a', EXIT, T0 + WINDOW_MS + 2), pupils: 1, staff: 1, inside: ['b', 'x'] },
    { name: 'second exit (outside the window) changes nothing', tap: tap('a', EXIT, T0 + 2 * WINDOW_MS + 2), pupils: 1, staff: 1, inside: ['b', 'x'] },
    { name: 'staff exits', tap: tap('x', EXIT, T0 + 2 * WINDOW_MS + 3, 'staff'), pupils: 1, staff: 0, inside: ['b'] },
    { name: 'pupil re-enters', tap: tap('a', ENTRY, T0 + 3 * WINDOW_MS), pupils: 2, staff: 0, inside: ['b', 'a'] },
  ];
  const s = new PassState(WINDOW_MS);
  for (const step of steps) {
    t.equal(s.decide(step.tap), OK, `${step.name}: allowed`);
    const now = step.tap.atMs;
    t.same(s.presence('s1', MSK, now), { schoolId: 's1', day: DAY_0310, pupils: step.pupils, staff: step.staff }, `${step.name}: counts`);
    t.same(s.insidePersonIds('s1', MSK, now), step.inside, `${step.name}: inside`);
  }
  t.same(s.presence('s2', MSK, T0), { schoolId: 's2', day: DAY_0310, pupils: 0, staff: 0 }, 'another school is empty');
});

t.test('pass-state - presence resets at local midnight in the school zone', async (t) => {
  const zones: Array<{ zone: string; midnightMs: number }> = [
    { zone: MSK, midnightMs: MSK_MIDNIGHT_MS },
    { zone: VVO, midnightMs: VVO_MIDNIGHT_MS },
  ];
  for (const { zone, midnightMs } of zones) {
    const s = new PassState(WINDOW_MS);
    const lastMs = midnightMs - 1; // 23:59:59.999 local
    t.equal(s.decide(tap('a', ENTRY, lastMs - WINDOW_MS, 'pupil', 's1', zone)), OK);
    t.equal(s.decide(tap('x', ENTRY, lastMs, 'staff', 's1', zone)), OK);
    t.same(s.presence('s1', zone, lastMs), { schoolId: 's1', day: DAY_0310 - 1, pupils: 1, staff: 1 }, `${zone}: 23:59:59.999 is still the old day`);
    t.same(s.presence('s1', zone, midnightMs), { schoolId: 's1', day: DAY_0310, pupils: 0, staff: 0 }, `${zone}: 00:00:00.000 starts from zero`);
    t.same(s.insidePersonIds('s1', zone, midnightMs), [], `${zone}: nobody inside`);
    // An exit of someone who entered yesterday is an exit without entry today.
    t.equal(s.decide(tap('a', EXIT, midnightMs, 'pupil', 's1', zone)), OK);
    t.same(s.presence('s1', zone, midnightMs + 1), { schoolId: 's1', day: DAY_0310, pupils: 0, staff: 0 }, `${zone}: no negative count`);
    t.equal(s.decide(tap('b', ENTRY, midnightMs + 2, 'pupil', 's1', zone)), OK);
    t.same(s.presence('s1', zone, midnightMs + 2), { schoolId: 's1', day: DAY_0310, pupils: 1, staff: 0 }, `${zone}: counts the new day`);
  }
});

t.test('pass-state - each school resets at its own midnight', async (t) => {
  const s = new PassState(WINDOW_MS);
  const before = VVO_MIDNIGHT_MS - 1;
  s.decide(tap('m', ENTRY, before, 'pupil', 'moscow', MSK));
  s.decide(tap('v', ENTRY, before, 'pupil', 'vladivostok', VVO));
  // 14:00 UTC: midnight in Vladivostok, 17:00 in Moscow.
  t.same(s.presence('vladivostok', VVO, VVO_MIDNIGHT_MS), { schoolId: 'vladivostok', day: DAY_0310, pupils: 0, staff: 0 });
  t.same(s.presence('moscow', MSK, VVO_MIDNIGHT_MS), { schoolId: 'moscow', day: DAY_0310 - 1, pupils: 1, staff: 0 });
});

t.test('pass-state - a tap stamped before the current day (clock stepped back) counts in the current day', async (t) => {
  const s = new PassState(WINDOW_MS);
  s.decide(tap('a', ENTRY, MSK_MIDNIGHT_MS + 1));
  s.record(tap('b', ENTRY, MSK_MIDNIGHT_MS - 1), OK);
  t.same(s.presence('s1', MSK, MSK_MIDNIGHT_MS + 2), { schoolId: 's1', day: DAY_0310, pupils: 2, staff: 0 });
});

t.test('pass-state - replay through record rebuilds the state decide built', async (t) => {
  const persons: Array<[string, PersonKindName]> = [['a', 'pupil'], ['b', 'pupil'], ['c', 'pupil'], ['x', 'staff'], ['y', 'staff']];
  // A deterministic day and a half of taps with repeats, double entries and stray exits.
  let seed = 42;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const taps: PassInput[] = [];
  let ms = MSK_MIDNIGHT_MS - 12 * 3_600_000;
  for (let i = 0; i < 400; i++) {
    ms += next() % 400_000;
    const [personId, kind] = persons[next() % persons.length]!;
    taps.push(tap(personId, next() % 2 === 0 ? ENTRY : EXIT, ms, kind));
  }
  const live = new PassState(WINDOW_MS);
  const log = taps.map((input) => ({ input, reason: live.decide(input) }));
  t.ok(log.some((e) => e.reason === REPEATED), 'the log holds repeats');
  t.ok(log.some((e) => e.reason === OK), 'the log holds allowed taps');
  const replayed = new PassState(WINDOW_MS);
  for (const e of log) replayed.record(e.input, e.reason);
  for (const probeMs of [ms, ms + 1, ms + WINDOW_MS, MSK_MIDNIGHT_MS + 86_400_000]) {
    t.same(replayed.presence('s1', MSK, probeMs), live.presence('s1', MSK, probeMs), `presence at ${probeMs}`);
    t.same(replayed.insidePersonIds('s1', MSK, probeMs).sort(), live.insidePersonIds('s1', MSK, probeMs).sort(), `inside at ${probeMs}`);
  }
  // The windows agree too: the same questions, asked of both in the same order, get the same
  // answers (each answer changes both states alike).
  for (const [personId, kind] of persons) {
    for (const direction of [ENTRY, EXIT]) {
      const probe = tap(personId, direction, ms + 1, kind);
      t.equal(replayed.decide(probe), live.decide(probe), `${personId} ${direction}`);
    }
  }
});


t.test('pass-state - pass time: device time for a backlog tap, the gateway clock otherwise', async (t) => {
  const NOW = T0 + 10 * 3_600_000;
  const cases: Array<[string, number, number]> = [
    ['a live tap', NOW - 200, NOW],
    ['just under the backlog age', NOW - BACKLOG_AGE_MS_MIN + 1, NOW],
    ['at the backlog age', NOW - BACKLOG_AGE_MS_MIN, NOW - BACKLOG_AGE_MS_MIN],
    ['an hour old', NOW - 3_600_000, NOW - 3_600_000],
    ['at the oldest trusted age', NOW - BACKLOG_AGE_MS_MAX, NOW - BACKLOG_AGE_MS_MAX],
    ['older than that: the clock is not trusted', NOW - BACKLOG_AGE_MS_MAX - 1, NOW],
    ['in the future', NOW + 60_000, NOW],
    ['no clock (0)', 0, NOW],
  ];
  for (const [name, deviceMs, want] of cases) t.equal(passTimeMs(deviceMs, NOW), want, name);
});

t.test('pass-state - a backlog of entry, exit, entry an hour apart is three passes, not a repeat', async (t) => {
  const s = new PassState(WINDOW_MS);
  const arrivedMs = T0 + 3 * 3_600_000 + 50;
  const frame: Array<[number, number]> = [[ENTRY, T0 + 3_600_000], [EXIT, T0 + 2 * 3_600_000], [ENTRY, T0 + 3 * 3_600_000]];
  const reasons = frame.map(([d, deviceMs], i) => {
    const atMs = passTimeMs(deviceMs, arrivedMs + i);
    return s.decide(tap('p', d, atMs, 'pupil', 's1', MSK, atMs !== arrivedMs + i));
  });
  t.same(reasons, [OK, OK, OK], 'judged by the device clock');
  t.equal(s.isInside('s1', MSK, 'p', arrivedMs), true, 'inside: the subsidised meal sees the pupil present');
  // The gateway clock alone (what the sequencer used before) sees three taps within 2 ms.
  const old = new PassState(WINDOW_MS);
  t.same(frame.map(([d], i) => old.decide(tap('p', d, arrivedMs + i))), [OK, OK, REPEATED], 'the gateway clock alone: a repeat');
});

t.test('pass-state - a backlog repeat within the window by the device clock is still a repeat', async (t) => {
  const s = new PassState(WINDOW_MS);
  const arrivedMs = T0 + 60_000;
  t.same([s.decide(tap('p', ENTRY, passTimeMs(T0, arrivedMs))), s.decide(tap('p', ENTRY, passTimeMs(T0 + 2000, arrivedMs)))], [OK, REPEATED]);
});

t.test('pass-state - a backlog pass older than the latest pass is allowed but does not move presence', async (t) => {
  const s = new PassState(WINDOW_MS);
  t.equal(s.decide(tap('p', ENTRY, T0)), OK, 'live entry 08:00');
  t.equal(s.decide(tap('p', EXIT, T0 + 7_200_000)), OK, 'live exit 10:00');
  // Another turnstile's backlog arrives: an entry at 09:00 and an entry at 07:59:58.
  t.equal(s.decide(tap('p', ENTRY, T0 + 3_600_000)), OK, 'the 09:00 entry happened: allowed');
  t.equal(s.isInside('s1', MSK, 'p', T0 + 7_200_001), false, 'still outside: the 10:00 exit is the latest pass');
  t.equal(s.decide(tap('p', ENTRY, T0 + 3_600_000 - 2000, 'pupil', 's1', MSK, true)), REPEATED, 'within the window before the 09:00 entry');
  t.equal(s.decide(tap('p', EXIT, T0 + 7_200_000 + 3000)), REPEATED, 'within the window after the exit');
  t.equal(s.decide(tap('p', ENTRY, T0 + 7_300_000)), OK, 'a new entry after the exit');
  t.equal(s.isInside('s1', MSK, 'p', T0 + 7_300_001), true);
});

t.test('pass-state - a backlog pass of an earlier day does not touch today', async (t) => {
  const s = new PassState(WINDOW_MS);
  t.equal(s.decide(tap('p', ENTRY, T0)), OK, 'today 08:00');
  t.equal(s.decide(tap('q', ENTRY, T0 - 86_400_000 + 3_600_000, 'pupil', 's1', MSK, true)), OK, 'q entered yesterday 09:00 (backlog)');
  t.same(s.presence('s1', MSK, T0 + 1), { schoolId: 's1', day: DAY_0310, pupils: 1, staff: 0 }, 'only p is inside today');
});
