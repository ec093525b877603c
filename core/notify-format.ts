// The formatting behind the filters of notification templates (core/notify-text.ts): times and
// dates in the school's time zone, roubles from kopecks, Russian plural forms, initials, gender
// forms and lists. Pure: no I/O, no clock; the instant and the zone always come from the caller.
import { assert } from './errors.js';

/** Narrow no-break space: the Russian thousands separator («1 250 ₽»). */
export const THOUSANDS_SEPARATOR = '\u202f';
/** No-break space between an amount and «₽», so that a line never breaks inside an amount. */
const CURRENCY_SPACE = '\u00a0';
/** The typographic minus of an overdraft («−12,50 ₽»), not the hyphen. */
const MINUS_SIGN = '\u2212';
const KOP_PER_RUB = 100;
/** What joins the elements of a list («булочка, чай»). */
export const LIST_SEPARATOR = ', ';

const plurals = new Intl.PluralRules('ru');
const formatters = new Map<string, Intl.DateTimeFormat>();

type DatePart = 'time' | 'date' | 'weekday';
const DATE_OPTIONS: Readonly<Record<DatePart, Intl.DateTimeFormatOptions>> = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { day: 'numeric', month: 'long' },
  weekday: { weekday: 'long' },
};

function formatter(part: DatePart, timeZone: string): Intl.DateTimeFormat {
  const key = `${part} ${timeZone}`;
  let f = formatters.get(key);
  if (f === undefined) {
    // An unknown zone throws a RangeError here: a school record with a bad zone is a bug upstream.
    f = new Intl.DateTimeFormat('ru-RU', { ...DATE_OPTIONS[part], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** «08:12»: the local wall-clock time at instant ms (ms since the epoch) in the zone. */
export function formatTime(ms: number, timeZone: string): string {
  assert(Number.isFinite(ms), 'an instant is a finite number of ms');
  return formatter('time', timeZone).format(ms);
}

/** «1 декабря»: the local calendar date at instant ms in the zone, month in the genitive. */
export function formatDate(ms: number, timeZone: string): string {
  assert(Number.isFinite(ms), 'an instant is a finite number of ms');
  return formatter('date', timeZone).format(ms);
}

/** «понедельник»: the local day of the week at instant ms in the zone. */
export function formatWeekday(ms: number, timeZone: string): string {
  assert(Number.isFinite(ms), 'an instant is a finite number of ms');
  return formatter('weekday', timeZone).format(ms);
}

/** A whole number with its thousands grouped by a narrow no-break space: «1 250». */
export function formatInteger(n: number): string {
  assert(Number.isSafeInteger(n), 'an integer');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, THOUSANDS_SEPARATOR);
  return n < 0 ? MINUS_SIGN + digits : digits;
}

/** A count as shown beside its noun: grouped when whole, a decimal comma otherwise. */
export function formatCount(n: number): string {
  assert(Number.isFinite(n), 'a count is finite');
  return Number.isInteger(n) ? formatInteger(n) : String(n).replace('-', MINUS_SIGN).replace('.', ',');
}

/** Kopecks as roubles: «50 ₽», «50,50 ₽», «1 250 ₽», «−12,50 ₽» (an overdraft). */
export function formatRub(kop: number): string {
  assert(Number.isSafeInteger(kop), 'an amount is a whole number of kopecks');
  const abs = Math.abs(kop);
  const rub = formatInteger(Math.floor(abs / KOP_PER_RUB));
  const rest = abs % KOP_PER_RUB;
  const amount = rest === 0 ? rub : `${rub},${String(rest).padStart(2, '0')}`;
  return `${kop < 0 ? MINUS_SIGN : ''}${amount}${CURRENCY_SPACE}₽`;
}

/**
 * The form of a noun for n by the Russian plural rules: forms are [one, few, many] as in
 * «обед|обеда|обедов» (1, 2, 5; 21 takes one, 11 and 111 take many). A fraction (category
 * "other") takes the genitive singular, which is the few form: «1,5 часа».
 */
export function pluralForm(n: number, forms: readonly [string, string, string]): string {
  assert(Number.isFinite(n), 'a count is finite');
  switch (plurals.select(n)) {
    case 'one': return forms[0];
    case 'many': return forms[2];
    default: return forms[1];
  }
}

/** «Петрова Анна Ивановна» → «Петрова А. И.»; a hyphenated given name keeps its hyphen: «А.-М.». */
export function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/u).filter((w) => w !== '');
  if (words.length === 0) return '';
  const [surname, ...rest] = words;
  const initial = (part: string): string => `${[...part][0]!.toLocaleUpperCase('ru')}.`;
  const short = rest.map((w) => w.split('-').filter((p) => p !== '').map(initial).join('-'));
  return [surname!, ...short].join(' ');
}

/**
 * The form for a person's sex: 'm' the first, 'f' the second, anything else ('' when the
 * registry does not know) the third, or when there is none both joined: «вошёл/вошла».
 */
export function genderForm(sex: string, forms: readonly string[]): string {
  assert(forms.length === 2 || forms.length === 3, 'gender takes two or three forms');
  if (sex === 'm') return forms[0]!;
  if (sex === 'f') return forms[1]!;
  return forms[2] ?? `${forms[0]!}/${forms[1]!}`;
}

/** A bought item: a product name and how many were bought. */
export interface NotifyItem { readonly name: string; readonly qty: number }

/** «булочка ×2, чай»: a quantity is shown only when it is not one. */
export function formatItems(items: readonly NotifyItem[]): string {
  return items.map((i) => (i.qty === 1 ? i.name : `${i.name} ×${formatCount(i.qty)}`)).join(LIST_SEPARATOR);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A rendered plain text as a minimal HTML document: every character escaped, paragraphs from
 * blank lines, line breaks within a paragraph kept. No styles beyond a readable font: mail
 * clients strip most CSS, and the plain text alternative carries the same words.
 */
export function htmlDocument(subject: string, text: string): string {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '')
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  return [
    '<!doctype html>',
    '<html lang="ru">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 15px; line-height: 1.4">',
    ...paragraphs,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
