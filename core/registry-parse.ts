// Validation of registry records: parseRecord turns one record of a kind, from JSON or CSV
// cells, into its frozen typed form (core/registry.ts), or throws REGISTRY_INVALID_RECORD naming
// the field. Under a WriteCheck it also applies the human text policy, strict dates and canonical
// class names (core/text.ts, ADR 0010); records read back from KV are parsed without it.
import { TapgateError } from './errors.js';
import { CARD_UID_BYTES_MAX, CARD_UID_BYTES_MIN, DEVICE_SECRET_BYTES } from './limits.js';
import { isoDate } from './time.js';
import {
  birthDateProblem, canonicalClassName, checkText, parseCalendarDate, TEXT_PROBLEM_MESSAGES,
} from './text.js';
import {
  ACCOUNT_NUMBER_PATTERN, CATEGORY_PATTERN, CLOCK_TIME_PATTERN, DAILY_LIMIT_KOP_MAX, DEFAULT_SHARD_ID, DEVICE_KINDS,
  DEVICE_TEXT_CHARS_MAX, DIGEST_EVENTS, EMAIL_PATTERN, GRANT_SCOPES, GUARDIAN_RELATIONS, IDENTIFIER_KINDS, IDENTIFIER_STATUSES,
  ID_PATTERN, INVITATION_STATUSES, MEAL_PERIODS, NAME_CHARS_MAX, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, PERSON_KINDS,
  PHONE_PATTERN, PRODUCT_PRICE_KOP_MAX, PUSH_ENDPOINT_CHARS_MAX, SCHOOL_KINDS, SHARD_ID_PATTERN, TEXT_CHARS_MAX,
  type GrantScope, type Identifier, type QuietHours, type RecordKind, type RegistryRecord,
} from './registry.js';

/**
 * What a record is checked against when it is written (API, roster import, registry files):
 * the human text policy, strict calendar dates with plausible ranges and canonical class names
 * (core/text.ts, ADR 0010), with `nowMs` for "not in the future". Records read back from the
 * registry are parsed without it, so that one stored before the policy still loads (the repair
 * command, `npm run registry:repair`, finds and fixes those).
 */
export interface WriteCheck { readonly nowMs: number }

function fail(message: string, details: Record<string, unknown>): never {
  throw new TapgateError('REGISTRY_INVALID_RECORD', message, { details });
}

type Raw = Record<string, unknown>;

function str(raw: Raw, field: string, where: string, opts: { optional?: boolean; max?: number } = {}): string {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (opts.optional) return '';
    fail(`${where}: ${field} is required`, { field });
  }
  if (typeof v !== 'string') fail(`${where}: ${field} must be a string`, { field });
  if (v.length > (opts.max ?? TEXT_CHARS_MAX)) fail(`${where}: ${field} is longer than ${opts.max ?? TEXT_CHARS_MAX} characters`, { field });
  return v;
}

/**
 * A human text field: under a WriteCheck it must meet the text policy and is returned in
 * canonical form; otherwise as stored. White space only is refused as empty, unless
 * `blankIsNone` (a patronymic, a photo reference: fields that may be absent) makes it ''.
 */
function human(raw: Raw, field: string, where: string, check: WriteCheck | undefined,
  opts: { optional?: boolean; max?: number; blankIsNone?: boolean } = {}): string {
  const max = opts.max ?? TEXT_CHARS_MAX;
  const v = str(raw, field, where, { ...opts, max: check === undefined ? max : max * 4 });
  if (check === undefined || v === '') return v;
  const r = checkText(v, max);
  if ('ok' in r) return r.ok;
  if (r.problem === 'empty' && opts.blankIsNone === true) return '';
  const message = r.problem === 'too_long' ? `is longer than ${max} characters` : TEXT_PROBLEM_MESSAGES[r.problem];
  fail(`${where}: ${field} ${message}`, { field, problem: r.problem });
}

function id(raw: Raw, field: string, where: string): string {
  const v = str(raw, field, where, { max: 64 });
  if (!ID_PATTERN.test(v)) fail(`${where}: ${field} "${v}" is not an id ([A-Za-z0-9_.-], 1..64, not starting with '.')`, { field });
  return v;
}

function oneOf<T extends string>(raw: Raw, field: string, allowed: readonly T[], where: string, fallback?: T): T {
  const v = raw[field];
  if ((v === undefined || v === '') && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(`${where}: ${field} must be one of ${allowed.join(', ')}`, { field });
  }
  return v as T;
}

function isTimeZone(tz: string): boolean {
  try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
}

function parseBool(raw: Raw, field: string, where: string, fallback: boolean): boolean {
  const v = raw[field];
  if (v === undefined || v === '') return fallback;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  fail(`${where}: ${field} must be true or false`, { field });
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An optional amount of 0 to DAILY_LIMIT_KOP_MAX kopecks (JSON number or CSV digits); null when empty. */
function guardianEmail(raw: Raw, where: string): string {
  const email = str(raw, 'email', where, { optional: true, max: 254 });
  if (email !== '' && !EMAIL_PATTERN.test(email)) fail(`${where}: email must be an address like name@example.ru`, { field: 'email' });
  return email;
}

function quietHours(raw: Raw, where: string): QuietHours | null {
  const q = raw['quietHours'];
  if (q === undefined || q === null) return null;
  const o = (typeof q === 'object' ? q : {}) as Raw;
  const from = str(o, 'from', `${where}.quietHours`, { max: 5 });
  const to = str(o, 'to', `${where}.quietHours`, { max: 5 });
  if (!CLOCK_TIME_PATTERN.test(from) || !CLOCK_TIME_PATTERN.test(to) || from === to) {
    fail(`${where}: quietHours must be {from, to} as different HH:MM times`, { field: 'quietHours' });
  }
  return Object.freeze({ from, to });
}

function optionalKop(raw: Raw, field: string, where: string): number | null {
  const v = raw[field];
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > DAILY_LIMIT_KOP_MAX) fail(`${where}: ${field} must be an integer from 0 to ${DAILY_LIMIT_KOP_MAX}`, { field });
  return n;
}

/** A list from JSON (array of strings) or a CSV cell ("a|b|c"). */
function list(raw: Raw, field: string, where: string): string[] {
  const v = raw[field];
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') return v.split('|');
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(`${where}: ${field} must be a list of strings`, { field });
  return v as string[];
}

/** A local calendar date "YYYY-MM-DD" as days since 1970-01-01; strict (no roll-over, years 1900..2199) under a WriteCheck. */
function localDate(raw: Raw, field: string, where: string, check?: WriteCheck): number {
  const v = raw[field];
  if (check !== undefined) {
    const day = typeof v === 'string' ? parseCalendarDate(v) : null;
    if (day === null) fail(`${where}: ${field} must be a calendar date YYYY-MM-DD (month 01-12, a day of that month, year 1900-2199)`, { field, problem: 'date' });
    return day;
  }
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  const ms = m === null ? NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (m === null || !Number.isFinite(ms) || new Date(ms).getUTCDate() !== Number(m[3])) fail(`${where}: ${field} must be a date YYYY-MM-DD`, { field });
  return ms / 86_400_000;
}

function scopeList(raw: Raw, where: string): GrantScope[] {
  const scopes = list(raw, 'scopes', where).map((x) => oneOf({ scopes: x }, 'scopes', GRANT_SCOPES, where));
  if (scopes.length === 0) fail(`${where}: scopes must list at least one of ${GRANT_SCOPES.join(', ')}`, { field: 'scopes' });
  return [...new Set(scopes)];
}

function parseExpiry(raw: Raw, where: string): number | null {
  const v = raw['expiresAt'];
  if (v === undefined || v === null || v === '') return null;
  // A time without a zone would be read in the loader's own zone, so ISO times must carry one.
  const ms = typeof v === 'number' ? v
    : typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v)
    : typeof v === 'string' && ISO_WITH_ZONE.test(v) ? Date.parse(v) : NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    fail(`${where}: expiresAt must be an ISO 8601 time with a zone (2026-09-01T18:00:00+03:00 or ...Z) or ms since the epoch`, { field: 'expiresAt' });
  }
  return ms;
}

/** Validates one record of the given kind, from JSON (or CSV cells), into its frozen typed form. */
export function parseRecord(kind: RecordKind, raw: Raw, check?: WriteCheck): RegistryRecord {
  const where = `${kind} ${typeof raw['id'] === 'string' ? raw['id'] : '(no id)'}`;
  switch (kind) {
    case 'school': {
      const timeZone = str(raw, 'timeZone', where, { max: 64 });
      if (!isTimeZone(timeZone)) fail(`${where}: timeZone "${timeZone}" is not an IANA time zone`, { field: 'timeZone' });
      const shardRaw = raw['shardId'] ?? DEFAULT_SHARD_ID;
      if (typeof shardRaw !== 'string' || !SHARD_ID_PATTERN.test(shardRaw)) {
        fail(`${where}: shardId must be 1 to 32 of [a-z0-9-], starting with a letter or digit`, { field: 'shardId' });
      }
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), name: human(raw, 'name', where, check), timeZone,
        kind: oneOf(raw, 'kind', SCHOOL_KINDS, where, 'school'), shardId: shardRaw as string }) };
    }
    case 'device': {
      const secretHex = str(raw, 'secretHex', where, { max: 64 }).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(secretHex)) fail(`${where}: secretHex must be ${DEVICE_SECRET_BYTES} bytes as 64 hex digits`, { field: 'secretHex' });
      if (/^(.)\1*$/.test(secretHex)) fail(`${where}: secretHex is a trivial key; generate a random one`, { field: 'secretHex' });
      const allowedRaw = raw['allowedPersonKinds'];
      const list = typeof allowedRaw === 'string' ? (allowedRaw === '' ? [] : allowedRaw.split('|')) : allowedRaw ?? [];
      if (!Array.isArray(list)) fail(`${where}: allowedPersonKinds must be a list`, { field: 'allowedPersonKinds' });
      const allowed = list.length === 0 ? [...PERSON_KINDS] : list.map((k) => oneOf({ allowedPersonKinds: k }, 'allowedPersonKinds', PERSON_KINDS, where));
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), schoolId: id(raw, 'schoolId', where), kind: oneOf(raw, 'kind', DEVICE_KINDS, where),
        secretHex, enabled: parseBool(raw, 'enabled', where, true), allowedPersonKinds: Object.freeze([...new Set(allowed)]),
        name: human(raw, 'name', where, check, { optional: true, max: DEVICE_TEXT_CHARS_MAX, blankIsNone: true }),
        place: human(raw, 'place', where, check, { optional: true, max: DEVICE_TEXT_CHARS_MAX, blankIsNone: true }) }) };
    }
    case 'person': {
      const name = (field: string, blankIsNone = false) => human(raw, field, where, check, { optional: true, max: NAME_CHARS_MAX, blankIsNone });
      const [surname, givenName, patronymic] = [name('surname'), name('givenName'), name('patronymic', true)];
      const birthDate = personBirthDate(raw, where, check);
      const displayName = human(raw, 'displayName', where, check, { optional: surname !== '' })
        || [surname, givenName, patronymic].filter((x) => x !== '').join(' ');
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), schoolId: id(raw, 'schoolId', where), kind: oneOf(raw, 'kind', PERSON_KINDS, where),
        displayName, className: personClassName(raw, where, check),
        photoRef: human(raw, 'photoRef', where, check, { optional: true, blankIsNone: true }),
        photoConsent: parseBool(raw, 'photoConsent', where, false), surname, givenName, patronymic, birthDate }) };
    }
    case 'guardian': {
      const phone = str(raw, 'phone', where, { max: 16 });
      if (!PHONE_PATTERN.test(phone)) fail(`${where}: phone must be E.164 (+79161234567)`, { field: 'phone' });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), phone, surname: human(raw, 'surname', where, check, { max: NAME_CHARS_MAX }),
        givenName: human(raw, 'givenName', where, check, { optional: true, max: NAME_CHARS_MAX, blankIsNone: true }),
        email: guardianEmail(raw, where) }) };
    }
    case 'guardianship': {
      const relation = oneOf(raw, 'relation', GUARDIAN_RELATIONS, where);
      const scopes = relation === 'parent' ? [...GRANT_SCOPES] : scopeList(raw, where);
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), guardianId: id(raw, 'guardianId', where), personId: id(raw, 'personId', where),
        relation, scopes: Object.freeze(scopes), grantedBy: relation === 'parent' ? '' : id(raw, 'grantedBy', where) }) };
    }
    case 'invitation': {
      const phone = str(raw, 'phone', where, { max: 16 });
      if (!PHONE_PATTERN.test(phone)) fail(`${where}: phone must be E.164 (+79161234567)`, { field: 'phone' });
      const expiresAtMs = parseExpiry(raw, where);
      if (expiresAtMs === null) fail(`${where}: expiresAt is required`, { field: 'expiresAt' });
      const guardianshipId = str(raw, 'guardianshipId', where, { optional: true, max: 64 });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), personId: id(raw, 'personId', where), guardianId: id(raw, 'guardianId', where),
        phone, surname: human(raw, 'surname', where, check, { max: NAME_CHARS_MAX }), scopes: Object.freeze(scopeList(raw, where)),
        status: oneOf(raw, 'status', INVITATION_STATUSES, where, 'pending'), expiresAtMs, guardianshipId }) };
    }
    case 'preferences': {
      const subsRaw = raw['subscriptions'] ?? [];
      if (!Array.isArray(subsRaw) || subsRaw.length > NOTIFICATION_EVENTS.length) fail(`${where}: subscriptions must be a list of at most ${NOTIFICATION_EVENTS.length}`, { field: 'subscriptions' });
      const seen = new Set<string>();
      const subscriptions = (subsRaw as unknown[]).map((x) => {
        const sub = (typeof x === 'object' && x !== null ? x : {}) as Raw;
        const event = oneOf(sub, 'event', NOTIFICATION_EVENTS, where);
        if (seen.has(event)) fail(`${where}: subscriptions lists ${event} twice`, { field: 'subscriptions' });
        seen.add(event);
        const channels = list(sub, 'channels', where).map((c) => oneOf({ channels: c }, 'channels', NOTIFICATION_CHANNELS, where));
        if (DIGEST_EVENTS.includes(event) && channels.some((c) => c !== 'email')) fail(`${where}: ${event} goes by e-mail only`, { field: 'subscriptions' });
        return Object.freeze({ event, channels: Object.freeze([...new Set(channels)]) });
      });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), guardianId: id(raw, 'guardianId', where), personId: id(raw, 'personId', where),
        subscriptions: Object.freeze(subscriptions), lowBalanceThresholdKop: optionalKop(raw, 'lowBalanceThresholdKop', where),
        quietHours: quietHours(raw, where) }) };
    }
    case 'push_subscription': {
      const endpoint = str(raw, 'endpoint', where, { max: PUSH_ENDPOINT_CHARS_MAX });
      if (!/^https:\/\/[^\s]+$/.test(endpoint)) fail(`${where}: endpoint must be an https URL`, { field: 'endpoint' });
      const key = (field: string, bytes: number) => {
        const v = str(raw, field, where, { max: 200 });
        if (!/^[A-Za-z0-9_-]+$/.test(v) || Buffer.from(v, 'base64url').length !== bytes) fail(`${where}: ${field} must be ${bytes} bytes, base64url`, { field });
        return v;
      };
      const createdAtMs = raw['createdAtMs'];
      if (typeof createdAtMs !== 'number' || !Number.isSafeInteger(createdAtMs) || createdAtMs < 0) fail(`${where}: createdAtMs must be ms since the epoch`, { field: 'createdAtMs' });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), guardianId: id(raw, 'guardianId', where), endpoint,
        p256dh: key('p256dh', 65), auth: key('auth', 16), createdAtMs: createdAtMs as number }) };
    }
    case 'category': {
      const code = str(raw, 'code', where, { max: 32 });
      if (!CATEGORY_PATTERN.test(code)) fail(`${where}: code must be [a-z0-9_-], 1..32`, { field: 'code' });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), schoolId: id(raw, 'schoolId', where), code, name: human(raw, 'name', where, check) }) };
    }
    case 'product': {
      const category = str(raw, 'category', where, { max: 32 });
      if (!CATEGORY_PATTERN.test(category)) fail(`${where}: category must be [a-z0-9_-], 1..32`, { field: 'category' });
      const priceRaw = raw['priceKop'];
      const priceKop = typeof priceRaw === 'string' && /^\d{1,12}$/.test(priceRaw) ? Number(priceRaw) : priceRaw;
      if (typeof priceKop !== 'number' || !Number.isSafeInteger(priceKop) || priceKop < 0 || priceKop > PRODUCT_PRICE_KOP_MAX) {
        fail(`${where}: priceKop must be an integer from 0 to ${PRODUCT_PRICE_KOP_MAX}`, { field: 'priceKop' });
      }
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), schoolId: id(raw, 'schoolId', where), name: human(raw, 'name', where, check),
        category, priceKop, active: parseBool(raw, 'active', where, true) }) };
    }
    case 'account': {
      const number = str(raw, 'number', where, { max: 10 });
      if (!ACCOUNT_NUMBER_PATTERN.test(number)) fail(`${where}: number must be 8 to 10 digits`, { field: 'number' });
      const dailyLimitKop = optionalKop(raw, 'dailyLimitKop', where);
      const lowBalanceThresholdKop = optionalKop(raw, 'lowBalanceThresholdKop', where);
      const bannedCategories = list(raw, 'bannedCategories', where).map((c) => {
        if (!CATEGORY_PATTERN.test(c)) fail(`${where}: bannedCategories: "${c}" is not a category ([a-z0-9_-], 1..32)`, { field: 'bannedCategories' });
        return c;
      });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), number, personId: id(raw, 'personId', where), dailyLimitKop,
        bannedCategories: Object.freeze([...new Set(bannedCategories)]), lowBalanceThresholdKop }) };
    }
    case 'benefit': {
      const periods = list(raw, 'mealPeriods', where);
      if (periods.length === 0) fail(`${where}: mealPeriods must list at least one of ${MEAL_PERIODS.join(', ')}`, { field: 'mealPeriods' });
      const mealPeriods = periods.map((p) => oneOf({ mealPeriods: p }, 'mealPeriods', MEAL_PERIODS, where));
      const validFromDay = localDate(raw, 'validFrom', where, check);
      const validToDay = localDate(raw, 'validTo', where, check);
      if (validToDay < validFromDay) fail(`${where}: validTo is before validFrom`, { field: 'validTo' });
      return { kind, value: Object.freeze({ id: id(raw, 'id', where), personId: id(raw, 'personId', where),
        mealPeriods: Object.freeze([...new Set(mealPeriods)]), validFromDay, validToDay }) };
    }
    case 'identifier': return { kind, value: parseIdentifier(raw, where) };
  }
}

const isAbsent = (v: unknown): boolean => v === undefined || v === null || v === '';

/** An identifier: a person's or a guardian's (exactly one holder), its UID, kind, status and expiry. */
function parseIdentifier(raw: Raw, where: string): Identifier {
  const uidHex = str(raw, 'uidHex', where, { max: CARD_UID_BYTES_MAX * 2 }).toLowerCase();
  if (!/^([0-9a-f]{2})+$/.test(uidHex) || uidHex.length < CARD_UID_BYTES_MIN * 2) {
    fail(`${where}: uidHex must be ${CARD_UID_BYTES_MIN} to ${CARD_UID_BYTES_MAX} bytes as hex`, { field: 'uidHex' });
  }
  const byGuardian = !isAbsent(raw['guardianId']);
  if (byGuardian === !isAbsent(raw['personId'])) {
    fail(`${where}: exactly one of personId and guardianId must be set (an identifier is a person's or a guardian's)`,
      { field: byGuardian ? 'personId' : 'guardianId' });
  }
  const identifierKind = oneOf(raw, 'kind', IDENTIFIER_KINDS, where);
  const expiresAtMs = parseExpiry(raw, where);
  if (identifierKind === 'temporary' && expiresAtMs === null) fail(`${where}: a temporary identifier needs expiresAt`, { field: 'expiresAt' });
  const replacesId = isAbsent(raw['replacesId']) ? undefined : id(raw, 'replacesId', where);
  return Object.freeze({ id: id(raw, 'id', where), personId: byGuardian ? '' : id(raw, 'personId', where),
    ...(byGuardian ? { guardianId: id(raw, 'guardianId', where) } : {}), kind: identifierKind, uidHex,
    status: oneOf(raw, 'status', IDENTIFIER_STATUSES, where, 'active'), expiresAtMs, ...(replacesId === undefined ? {} : { replacesId }) });
}

/** A person's birth date "YYYY-MM-DD" or ''; under a WriteCheck from 1900-01-01 to today. */
function personBirthDate(raw: Raw, where: string, check: WriteCheck | undefined): string {
  if (raw['birthDate'] === undefined || raw['birthDate'] === '') return '';
  const day = localDate(raw, 'birthDate', where, check);
  const problem = check === undefined ? null : birthDateProblem(day, check.nowMs);
  if (problem === 'future') fail(`${where}: birthDate is in the future`, { field: 'birthDate', problem: 'future' });
  if (problem === 'too_early') fail(`${where}: birthDate is before 1900-01-01`, { field: 'birthDate', problem: 'too_early' });
  return isoDate(day);
}

/** A class name; under a WriteCheck in canonical form (core/text.ts: a grade 0..11 and a letter or number). */
function personClassName(raw: Raw, where: string, check: WriteCheck | undefined): string {
  const v = str(raw, 'className', where, { optional: true, max: 16 });
  if (check === undefined || v === '') return v;
  const c = canonicalClassName(v);
  if (c === null) fail(`${where}: className must be a grade 0 to 11 with a letter or number (5А, 11-Б, 10-2)`, { field: 'className', problem: 'class_name' });
  return c;
}
