// The policy for every human text field (names, display names, school, category and product
// names, token labels), for calendar dates and for class names (ADR 0010). Text is stored in
// one canonical form: Unicode NFC, surrounding white space trimmed, inner runs of white space
// one space. It must be non-empty after that, at most a bounded number of characters, and may
// hold no control characters (C0/C1, CR, LF, NUL, TAB), format characters (bidi overrides and
// isolates, zero-width characters, soft hyphen), line or paragraph separators, private-use or
// lone surrogate code points: such text breaks screens, logs, CSV exports and strict UTF-8
// decoders, and zero-width characters would let one child be registered twice.

/** Code points no human text field may hold: Cc, Cf (bidi controls among them), Cs (a lone surrogate under /u), Co, Zl, Zp. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
const FORBIDDEN_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu;
/** Bidi controls, reported as their own problem: they reorder what a screen shows. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** A lone surrogate (a pair is one code point under /u and does not match). */
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATE_ALL = /\p{Cs}/gu;

export type TextProblem = 'empty' | 'too_long' | 'control' | 'bidi' | 'surrogate';

/** Why a text breaks the policy, in words an operator can act on. */
export const TEXT_PROBLEM_MESSAGES: Readonly<Record<TextProblem, string>> = {
  empty: 'is empty (or only white space)',
  too_long: 'is too long',
  control: 'holds a control, format or line-break character',
  bidi: 'holds a bidirectional override or isolate character',
  surrogate: 'holds a lone UTF-16 surrogate (not valid Unicode text)',
};

/** The canonical form of a text: NFC, trimmed, inner white space runs as one space. */
export function canonicalText(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The first problem of a text, or null when it meets the policy. Forbidden code points are
 * looked for before white space is collapsed: a CR, LF or TAB is refused, not made a space.
 */
export function textProblem(s: string, maxChars: number): TextProblem | null {
  // normalize() leaves a lone surrogate as it is, so it is still found here.
  const n = s.normalize('NFC');
  if (LONE_SURROGATE.test(n)) return 'surrogate';
  if (BIDI.test(n)) return 'bidi';
  if (FORBIDDEN.test(n)) return 'control';
  const c = canonicalText(n);
  if (c === '') return 'empty';
  if ([...c].length > maxChars) return 'too_long';
  return null;
}

/** A text in canonical form, or the reason it cannot be stored. */
export function checkText(s: string, maxChars: number): { ok: string } | { problem: TextProblem } {
  const problem = textProblem(s, maxChars);
  return problem === null ? { ok: canonicalText(s) } : { problem };
}

/**
 * What a repair makes of a stored text: the forbidden code points dropped, then the canonical
 * form; null when nothing acceptable is left (an operator must enter it again).
 */
export function repairText(s: string, maxChars: number): string | null {
  const c = canonicalText(s.replace(FORBIDDEN_ALL, ' '));
  return textProblem(c, maxChars) === null ? c : null;
}

/**
 * Text safe to encode as UTF-8 for a device: lone surrogates become U+FFFD. The send path's
 * guard for records stored before the policy; costs one regex test when there is nothing to do.
 */
export function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE_ALL, '\ufffd') : s;
}

// ---- dates ----

/** Earliest birth date accepted. */
export const BIRTH_DATE_MIN = '1900-01-01';
/** Calendar dates (benefit ranges, history queries) outside these years are refused. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2199;

/**
 * A strict calendar date "YYYY-MM-DD" as days since 1970-01-01, or null: month 01..12, the day
 * within the month (leap years counted), the year within DATE_YEAR_MIN..DATE_YEAR_MAX. Nothing
 * rolls over: 2016-13-02, 2015-02-30 and 0000-01-01 are refused.
 */
export function parseCalendarDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || mo < 1 || mo > 12 || d < 1) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/**
 * Why a birth date (days since 1970-01-01) is implausible, or null: before BIRTH_DATE_MIN, or
 * after `todayDay`. The caller's today is reckoned in UTC plus one day, so that a child born
 * today east of Greenwich is never refused.
 */
export function birthDateProblem(day: number, nowMs: number): 'too_early' | 'future' | null {
  if (day < parseCalendarDate(BIRTH_DATE_MIN)!) return 'too_early';
  if (day > Math.floor(nowMs / 86_400_000) + 1) return 'future';
  return null;
}

// ---- class names ----

/** Class names in canonical form: a grade 0..11, then 1 to 2 Cyrillic letters or '-' and a number 1..99. */
export const CLASS_NAME_PATTERN = /^(?:[0-9]|1[01])(?:[А-ЯЁ]{1,2}|-[1-9][0-9]?)?$/u;
/** Longest class name accepted as input (before canonicalisation). */
export const CLASS_NAME_CHARS_MAX = 8;
/** Latin capitals that look like Cyrillic ones, typed for them on the wrong keyboard layout. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

/**
 * A class name in canonical form ("5А", "11Б", "10-2", "0"), '' for none, or null when it is not
 * a class name. Accepted input: any case, white space and a dash between grade and letter
 * ("5 а", "11-б"), Latin look-alike letters ("5A" is "5А"). Anything else, a teacher's surname
 * above all, is refused: the class name reaches analytics, where no name may go.
 */
export function canonicalClassName(s: string): string | null {
  if ([...s].length > CLASS_NAME_CHARS_MAX * 2) return null;
  const c = s.normalize('NFC').replace(/\s+/gu, '').replace(/[\u2010-\u2015\u2212]/gu, '-').toUpperCase()
    .replace(/[A-Z]/g, (ch) => LATIN_LOOKALIKES[ch] ?? ch);
  if (c === '') return '';
  const letters = /^(\d{1,2})-?([А-ЯЁ]{1,2})$/u.exec(c);
  const canonical = letters === null ? c : `${letters[1]}${letters[2]}`;
  return CLASS_NAME_PATTERN.test(canonical) ? canonical : null;
}
