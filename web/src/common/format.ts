// Numbers, money and times as a Russian reader expects them. Money is an integer of kopecks
// everywhere in tapgate; only here does it become roubles, for reading.

const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 });

/** 123450 → "1 234,50 ₽". */
export function money(kop: number): string {
  return rub.format(kop / 100);
}

/** Roubles typed by a person ("150", "150,50", "150.5") → kopecks, or null when it is not an amount. */
export function kopOf(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:₽|руб\.?)?\s*$/.exec(text);
  if (m === null) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(opts);
  let f = cache.get(key);
  if (f === undefined) { f = new Intl.DateTimeFormat('ru-RU', { ...opts, timeZone: zone }); cache.set(key, f); }
  return f;
}

/** "08:15:03" in the school's zone. */
export function timeOf(ms: number, zone: string): string {
  return fmt(zone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

/** "1 декабря 2026" in the school's zone. */
export function dateOf(ms: number, zone: string): string {
  return fmt(zone, { day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

/** "2026-12-01": the school's local date of an instant. */
export function isoDateOf(ms: number, zone: string): string {
  const p = Object.fromEntries(fmt(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']}`;
}

/** "2026-12-01" → "1 декабря 2026". */
export function longDate(iso: string): string {
  return fmt('UTC', { day: 'numeric', month: 'long', year: 'numeric' }).format(Date.parse(`${iso}T12:00:00Z`));
}

/** Russian plural: plural(5, ['обед', 'обеда', 'обедов']) → "обедов". */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const r = new Intl.PluralRules('ru-RU').select(n);
  return r === 'one' ? forms[0] : r === 'few' ? forms[1] : forms[2];
}
