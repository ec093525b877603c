// Time zones: the offset at an instant (sub-second instants, DST switches), local day numbers,
// and [start, end) of a local day, including the 23- and 25-hour days of a DST zone and zones
// whose clocks jump at local midnight, where the day starts at the jump.
import t from 'tap';
import { localDayBounds, localDayNumber, localDayStartMs, zoneOffsetMs } from '../../core/index.js';

const H = 3_600_000;
const DAY = 86_400_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const dayNo = (y: number, mo: number, d: number) => utc(y, mo, d) / DAY;

t.test('time - zoneOffsetMs', async (t) => {
  const cases: Array<[string, number, number]> = [
    ['UTC', utc(2025, 3, 10, 12), 0],
    ['Europe/Moscow', utc(2025, 3, 10, 12), 3 * H],
    ['Europe/Moscow', utc(2025, 7, 10, 12), 3 * H],
    ['Asia/Vladivostok', utc(2025, 3, 10, 12), 10 * H],
    ['Asia/Kolkata', utc(2025, 3, 10, 12), 5.5 * H],
    ['America/New_York', utc(2025, 1, 10, 12), -5 * H],
    ['Europe/Berlin', utc(2024, 1, 15, 12), 1 * H],
    ['Europe/Berlin', utc(2024, 7, 15, 12), 2 * H],
    // Spring forward at 01:00 UTC on 2024-03-31; fall back at 01:00 UTC on 2024-10-27.
    ['Europe/Berlin', utc(2024, 3, 31, 0, 59, 59, 999), 1 * H],
    ['Europe/Berlin', utc(2024, 3, 31, 1), 2 * H],
    ['Europe/Berlin', utc(2024, 10, 27, 0, 59, 59, 999), 2 * H],
    ['Europe/Berlin', utc(2024, 10, 27, 1), 1 * H],
    // Sub-second instants and instants before 1970.
    ['Europe/Moscow', utc(2025, 3, 9, 20, 59, 59, 999), 3 * H],
    ['Europe/Moscow', utc(1969, 12, 31, 23, 59, 59, 500), 3 * H],
  ];
  for (const [zone, ms, want] of cases) t.equal(zoneOffsetMs(zone, ms), want, `${zone} at ${new Date(ms).toISOString()}`);
});

t.test('time - localDayNumber follows the local calendar', async (t) => {
  const cases: Array<[string, number, number]> = [
    ['Europe/Moscow', utc(2025, 3, 9, 20, 59, 59, 999), dayNo(2025, 3, 9)],
    ['Europe/Moscow', utc(2025, 3, 9, 21), dayNo(2025, 3, 10)],
    ['Asia/Vladivostok', utc(2025, 3, 9, 13, 59, 59, 999), dayNo(2025, 3, 9)],
    ['Asia/Vladivostok', utc(2025, 3, 9, 14), dayNo(2025, 3, 10)],
    ['America/New_York', utc(2025, 1, 10, 4, 59, 59, 999), dayNo(2025, 1, 9)],
    ['America/New_York', utc(2025, 1, 10, 5), dayNo(2025, 1, 10)],
    ['UTC', 0, 0],
    ['UTC', -1, -1],
  ];
  for (const [zone, ms, want] of cases) t.equal(localDayNumber(zone, ms), want, `${zone} at ${new Date(ms).toISOString()}`);
});

t.test('time - localDayBounds', async (t) => {
  const cases: Array<{ name: string; zone: string; ms: number; day: number; startMs: number; endMs: number }> = [
    { name: 'Moscow, noon', zone: 'Europe/Moscow', ms: utc(2025, 3, 10, 9), day: dayNo(2025, 3, 10), startMs: utc(2025, 3, 9, 21), endMs: utc(2025, 3, 10, 21) },
    { name: 'Moscow, 23:59:59.999', zone: 'Europe/Moscow', ms: utc(2025, 3, 10, 20, 59, 59, 999), day: dayNo(2025, 3, 10), startMs: utc(2025, 3, 9, 21), endMs: utc(2025, 3, 10, 21) },
    { name: 'Moscow, 00:00:00.000', zone: 'Europe/Moscow', ms: utc(2025, 3, 10, 21), day: dayNo(2025, 3, 11), startMs: utc(2025, 3, 10, 21), endMs: utc(2025, 3, 11, 21) },
    { name: 'Vladivostok', zone: 'Asia/Vladivostok', ms: utc(2025, 3, 10, 0), day: dayNo(2025, 3, 10), startMs: utc(2025, 3, 9, 14), endMs: utc(2025, 3, 10, 14) },
    { name: 'Berlin, 23-hour day', zone: 'Europe/Berlin', ms: utc(2024, 3, 31, 12), day: dayNo(2024, 3, 31), startMs: utc(2024, 3, 30, 23), endMs: utc(2024, 3, 31, 22) },
    { name: 'Berlin, 25-hour day', zone: 'Europe/Berlin', ms: utc(2024, 10, 27, 12), day: dayNo(2024, 10, 27), startMs: utc(2024, 10, 26, 22), endMs: utc(2024, 10, 27, 23) },
    { name: 'Berlin, the hour after the switch back', zone: 'Europe/Berlin', ms: utc(2024, 10, 27, 1, 30), day: dayNo(2024, 10, 27), startMs: utc(2024, 10, 26, 22), endMs: utc(2024, 10, 27, 23) },
    { name: 'New York, day after the switch', zone: 'America/New_York', ms: utc(2024, 3, 11, 12), day: dayNo(2024, 3, 11), startMs: utc(2024, 3, 11, 4), endMs: utc(2024, 3, 12, 4) },
    // Clocks jump from 00:00 to 01:00: local midnight does not exist, the day starts at the jump.
    { name: 'Santiago, day without midnight', zone: 'America/Santiago', ms: utc(2024, 9, 8, 12), day: dayNo(2024, 9, 8), startMs: utc(2024, 9, 8, 4), endMs: utc(2024, 9, 9, 3) },
    { name: 'Santiago, the hour before the jump', zone: 'America/Santiago', ms: utc(2024, 9, 8, 3, 30), day: dayNo(2024, 9, 7), startMs: utc(2024, 9, 7, 4), endMs: utc(2024, 9, 8, 4) },
    { name: 'Havana, day without midnight', zone: 'America/Havana', ms: utc(2024, 3, 10, 12), day: dayNo(2024, 3, 10), startMs: utc(2024, 3, 10, 5), endMs: utc(2024, 3, 11, 4) },
    // Clocks fall back from 24:00 to 23:00: the day before has 25 hours.
    { name: 'Santiago, 25-hour day', zone: 'America/Santiago', ms: utc(2024, 4, 6, 12), day: dayNo(2024, 4, 6), startMs: utc(2024, 4, 6, 3), endMs: utc(2024, 4, 7, 4) },
  ];
  for (const c of cases) {
    t.same(localDayBounds(c.zone, c.ms), { day: c.day, startMs: c.startMs, endMs: c.endMs }, c.name);
    t.equal(localDayStartMs(c.zone, c.day), c.startMs, `${c.name}: localDayStartMs`);
  }
});

t.test('time - every instant lies in its day, and days tile the timeline', async (t) => {
  // Every 3 hours over 2024 (a leap year with DST switches in all these zones but Moscow and
  // Vladivostok), plus the millisecond before and at each day's end.
  const zones = ['Europe/Moscow', 'Asia/Vladivostok', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe'];
  for (const zone of zones) {
    let bad = 0;
    let firstBad = '';
    for (let ms = utc(2024, 1, 1); ms < utc(2025, 1, 1); ms += 3 * H) {
      const b = localDayBounds(zone, ms);
      const next = localDayBounds(zone, b.endMs);
      const last = localDayBounds(zone, b.endMs - 1);
      const ok = b.startMs <= ms && ms < b.endMs && next.day === b.day + 1 && next.startMs === b.endMs && last.day === b.day
        && b.endMs - b.startMs >= 22 * H && b.endMs - b.startMs <= 26 * H;
      if (!ok) { bad++; if (firstBad === '') firstBad = `${new Date(ms).toISOString()} ${JSON.stringify(b)}`; }
    }
    t.equal(bad, 0, `${zone}${firstBad === '' ? '' : `: first bad at ${firstBad}`}`);
  }
});

t.test('time - schoolDayAt agrees with localDayNumber across midnight, back and forth', async (t) => {
  const { schoolDayAt, localDayNumber: dayOf } = await import('../../core/index.js');
  const zone = 'Asia/Vladivostok';
  const midnight = Date.UTC(2026, 10, 22, 14, 0, 0); // 00:00 on 23 Nov in Vladivostok (UTC+10)
  for (const ms of [midnight - 1, midnight, midnight + 1, midnight - 86_400_000, midnight + 5 * 86_400_000, midnight - 1, midnight]) {
    t.equal(schoolDayAt(zone, ms), dayOf(zone, ms), new Date(ms).toISOString());
  }
});
