// Day boundaries in a school's time zone. Daily limits, subsidised meals and presence all
// reset at local midnight, so "today" is always the school's today, never the server's.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at instant ms, in ms (Moscow: +3 h). */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The local calendar date at ms in the zone, as days since 1970-01-01. */
export function localDayNumber(timeZone: string, ms: number): number {
  return Math.floor((ms + zoneOffsetMs(timeZone, ms)) / 86_400_000);
}

/** The instant (UTC ms) when local day `day` begins in the zone: local 00:00, DST-aware. */
export function localDayStartMs(timeZone: string, day: number): number {
  const midnightAsUtc = day * 86_400_000;
  let guess = midnightAsUtc - zoneOffsetMs(timeZone, midnightAsUtc);
  // Re-read the offset at the guess: correct across an offset change near midnight.
  guess = midnightAsUtc - zoneOffsetMs(timeZone, guess);
  // Where clocks jump forward at local midnight (America/Santiago, America/Havana) the day has
  // no 00:00 and the guess lands in the day before; the day starts at the jump, which is local
  // midnight reckoned with the offset in force before it.
  if (localDayNumber(timeZone, guess) < day) guess = midnightAsUtc - zoneOffsetMs(timeZone, guess);
  return guess;
}

/** [start, end) of the local day containing ms, as UTC ms. */
export function localDayBounds(timeZone: string, ms: number): { day: number; startMs: number; endMs: number } {
  const day = localDayNumber(timeZone, ms);
  return { day, startMs: localDayStartMs(timeZone, day), endMs: localDayStartMs(timeZone, day + 1) };
}

const dayCache = new Map<string, { day: number; startMs: number; endMs: number }>();

/**
 * The local day number at ms, from a per-zone cache of the current day's bounds: the per-tap path
 * pays a comparison, and the Intl formatting only when a day boundary is crossed.
 */
export function schoolDayAt(timeZone: string, ms: number): number {
  const c = dayCache.get(timeZone);
  if (c !== undefined && ms >= c.startMs && ms < c.endMs) return c.day;
  const b = localDayBounds(timeZone, ms);
  // Cache only the newest day: offline taps from earlier days must not evict it for good.
  if (c === undefined || b.day >= c.day) dayCache.set(timeZone, b);
  return b.day;
}

/** Days since 1970-01-01 as the calendar date "YYYY-MM-DD". */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
