// One-time SMS sign-in codes of parents and trusted persons (docs/console.md "SMS sign-in"): the
// rules, without I/O. Per phone a record keeps when codes were issued (for the limit on codes per
// window), the current code as an HMAC under a fresh salt (never the code), its expiry, how many
// wrong attempts it has had and whether it was used. The API keeps the record in KV and writes it
// with compare-and-set, so these functions decide and the caller stores.
//
// A phone nobody registered gets the same record with a code that is never sent: the limits,
// the answers and the work done are the same, so nothing tells a stranger which phones exist.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Digits of a code. */
export const LOGIN_CODE_LENGTH = 6;
/** How long a code is valid, in ms, unless the API's configuration shortens it. */
export const LOGIN_CODE_TTL_MS = 5 * 60 * 1000;
/** Wrong attempts a code takes; the next attempt finds it void (a new code is needed). */
export const LOGIN_CODE_WRONG_MAX = 5;
/** Codes one phone may be sent within LOGIN_WINDOW_MS. */
export const LOGIN_CODES_PER_PHONE_MAX = 3;
/** The window of the per-phone and per-address limits, in ms. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export interface LoginCodeRecord {
  /** When codes were issued within the window, oldest first. */
  readonly issuedAtMs: readonly number[];
  /** base64url salt of the current code's HMAC; '' when no code is open. */
  readonly salt: string;
  /** HMAC-SHA256(salt, code), hex; '' when no code is open (none issued, used, or void). */
  readonly codeHmac: string;
  readonly expiresAtMs: number;
  /** Wrong attempts against the current code. */
  readonly wrong: number;
}

export type IssueOutcome =
  | { readonly kind: 'issued'; readonly code: string; readonly record: LoginCodeRecord }
  | { readonly kind: 'limited'; readonly retryAfterMs: number };

export type CheckOutcome =
  /** The code matched: store `record` (the code closed) before opening the session. */
  | { readonly kind: 'ok'; readonly record: LoginCodeRecord }
  /** A wrong code: store `record` (one more wrong attempt; void at LOGIN_CODE_WRONG_MAX). */
  | { readonly kind: 'wrong'; readonly record: LoginCodeRecord; readonly voided: boolean }
  /** No open code: none issued, expired or used. Nothing to store. */
  | { readonly kind: 'none' }
  /** The code took LOGIN_CODE_WRONG_MAX wrong attempts: a new one may be asked for after retryAfterMs. */
  | { readonly kind: 'locked'; readonly retryAfterMs: number };

function hmac(salt: string, code: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64url')).update(code, 'utf8').digest('hex');
}

/** Issues within the window still counting at `nowMs`. */
function recent(rec: LoginCodeRecord | null, nowMs: number): number[] {
  return (rec?.issuedAtMs ?? []).filter((t) => t > nowMs - LOGIN_WINDOW_MS && t <= nowMs);
}

/** Ms until the phone may be sent another code (0: now): the same sliding window as the per-address counts. */
export function nextIssueInMs(rec: LoginCodeRecord | null, nowMs: number): number {
  return takeAttempt(recent(rec, nowMs), LOGIN_CODES_PER_PHONE_MAX, LOGIN_WINDOW_MS, nowMs).waitMs;
}

/** How far another process's clock may run ahead of this one for its attempt times to count, in ms. */
const CLOCK_SKEW_MS_MAX = 60_000;

/**
 * One more attempt in a sliding window of `windowMs` that allows `max`: the times to keep, this
 * one added, and wait 0; or, at the limit, nothing to write (times null) and the ms until one
 * more is allowed. Times from several processes may come out of order: they are sorted; a time up
 * to a minute ahead of this clock (another host's) counts, one further ahead does not.
 */
export function takeAttempt(times: readonly number[], max: number, windowMs: number, nowMs: number): { readonly times: number[] | null; readonly waitMs: number } {
  const live = times.filter((t) => Number.isFinite(t) && t > nowMs - windowMs && t <= nowMs + CLOCK_SKEW_MS_MAX).sort((a, b) => a - b);
  if (live.length >= max) return { times: null, waitMs: Math.max(1, live[live.length - max]! + windowMs - nowMs) };
  return { times: [...live, nowMs].sort((a, b) => a - b), waitMs: 0 };
}

/** A fresh random code of LOGIN_CODE_LENGTH digits (leading zeros kept). */
export function randomLoginCode(): string {
  return String(randomInt(0, 10 ** LOGIN_CODE_LENGTH)).padStart(LOGIN_CODE_LENGTH, '0');
}

/** A new code for a phone, replacing any open one, unless the phone had its codes for this window. */
export function issueLoginCode(rec: LoginCodeRecord | null, nowMs: number, ttlMs: number, code = randomLoginCode()): IssueOutcome {
  const waitMs = nextIssueInMs(rec, nowMs);
  if (waitMs > 0) return { kind: 'limited', retryAfterMs: waitMs };
  const salt = randomBytes(16).toString('base64url');
  return { kind: 'issued', code,
    record: { issuedAtMs: [...recent(rec, nowMs), nowMs], salt, codeHmac: hmac(salt, code), expiresAtMs: nowMs + ttlMs, wrong: 0 } };
}

/** Checks a code against the phone's record; one code signs in once. */
export function checkLoginCode(rec: LoginCodeRecord | null, code: string, nowMs: number): CheckOutcome {
  if (rec === null || rec.codeHmac === '' || rec.expiresAtMs <= nowMs) return { kind: 'none' };
  if (rec.wrong >= LOGIN_CODE_WRONG_MAX) return { kind: 'locked', retryAfterMs: Math.max(1000, nextIssueInMs(rec, nowMs)) };
  const given = Buffer.from(hmac(rec.salt, code), 'hex');
  const stored = Buffer.from(rec.codeHmac, 'hex');
  const closed = { ...rec, issuedAtMs: recent(rec, nowMs), salt: '', codeHmac: '' };
  if (given.length === stored.length && timingSafeEqual(given, stored)) return { kind: 'ok', record: { ...closed, wrong: 0 } };
  const wrong = rec.wrong + 1;
  // A void code keeps its HMAC and the count, so the next attempt is told it is locked (429).
  return { kind: 'wrong', record: { ...rec, issuedAtMs: recent(rec, nowMs), wrong }, voided: wrong >= LOGIN_CODE_WRONG_MAX };
}
