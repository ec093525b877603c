// Who hears about what: the domain rules of notifications, shared by the API (which checks a
// guardian's preferences against their grants) and the notifier (which decides, per ledger event,
// who gets which notice on which channel and when). Pure: no I/O, no clock of its own.
//
// The rules, in the order the notifier applies them (docs/notifications.md says the same):
// - A notice goes to a guardian of the child (a parent, or a trusted person) whose link grants
//   the scope the event type reports from (EVENT_SCOPE) and whose preferences subscribe to that
//   event type on a channel. A refused kindergarten pick-up or drop-off goes to every parent at
//   once, on the channels of their entry/exit subscription, or by SMS when they chose none.
// - Event time, not send time: a notice planned more than LATE_AFTER_MS after its event is
//   "late"; entries and exits that late are not sent (the digest has them), other notices are
//   sent labelled late; anything older than DIGEST_ONLY_AFTER_MS goes only into the digest.
// - An exit is held for COLLAPSE_WINDOW_MS: an entry of the same child at the same school within
//   that window collapses the pair (neither is sent; the digest has both).
// - Quiet hours (per recipient and child) hold purchase, top-up and balance notices until they
//   end; entries, exits and hand-overs are never held.
// - A low-balance notice is sent when a debit takes the balance from at or above the
//   recipient's threshold to below it: once per crossing, again only after a top-up or refund
//   took it back above.
import { createHash } from 'node:crypto';
import type { RegistryIndex } from './registry-index.js';
import type {
  GrantScope, Guardianship, NotificationChannel, NotificationEvent, Preferences, QuietHours,
} from './registry.js';
import { zoneOffsetMs } from './time.js';

/** The grant an event type reports from: a trusted person hears only about what they may see. */
export const EVENT_SCOPE: Readonly<Record<NotificationEvent, GrantScope>> = {
  entry_exit: 'passes', buffet: 'purchases', hot_meal: 'purchases', subsidised_meal: 'purchases',
  top_up: 'balance', low_balance: 'balance', daily_digest: 'passes', weekly_digest: 'passes',
};

/** What one notice says: one template per type and channel. */
export const NOTICE_TYPES = ['entry', 'exit', 'dropoff', 'pickup', 'pickup_refused', 'dropoff_refused', 'buffet', 'hot_meal',
  'subsidised_meal', 'top_up', 'low_balance', 'daily_digest', 'weekly_digest'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** The preference a notice type is subscribed through. */
export const NOTICE_EVENT: Readonly<Record<NoticeType, NotificationEvent>> = {
  entry: 'entry_exit', exit: 'entry_exit', dropoff: 'entry_exit', pickup: 'entry_exit', pickup_refused: 'entry_exit', dropoff_refused: 'entry_exit',
  buffet: 'buffet', hot_meal: 'hot_meal', subsidised_meal: 'subsidised_meal', top_up: 'top_up',
  low_balance: 'low_balance', daily_digest: 'daily_digest', weekly_digest: 'weekly_digest',
};

/** Notices that quiet hours never hold: where the child is. */
export const NEVER_HELD: ReadonlySet<NoticeType> = new Set(['entry', 'exit', 'dropoff', 'pickup', 'pickup_refused',
  'dropoff_refused']);

/** A notice planned this long after its event is labelled late, in ms (15 minutes). */
export const LATE_AFTER_MS = 15 * 60_000;
/** A notice planned this long after its event is not sent at all; the digest has it, in ms (12 hours). */
export const DIGEST_ONLY_AFTER_MS = 12 * 3_600_000;
/** An exit followed by an entry within this window sends neither, in ms (3 minutes). */
export const COLLAPSE_WINDOW_MS = 3 * 60_000;

/**
 * The id of a guardian's link to a child (and of their preferences for it): one per pair.
 * `<guardian id>.<person id>` when neither holds a '.' and it fits in 64 characters (so no two
 * pairs share it), otherwise a hash of the pair.
 */
export function linkId(guardianId: string, personId: string): string {
  const joined = `${guardianId}.${personId}`;
  if (!guardianId.includes('.') && !personId.includes('.') && joined.length <= 64) return joined;
  return `l_${createHash('sha256').update(`${guardianId}\n${personId}`).digest('base64url').slice(0, 22)}`;
}

/** The guardian's preferences for the child, checked to be that pair's. */
export function preferencesOf(reg: RegistryIndex, guardianId: string, personId: string): Preferences | undefined {
  const p = reg.preferences.get(linkId(guardianId, personId));
  return p !== undefined && p.guardianId === guardianId && p.personId === personId ? p : undefined;
}

/** One guardian who hears about a notice, and how. */
export interface Audience {
  readonly guardianId: string;
  readonly relation: Guardianship['relation'];
  readonly channels: readonly NotificationChannel[];
  readonly lowBalanceThresholdKop: number | null;
  readonly quietHours: QuietHours | null;
}

/** Who hears about a notice of this type for this child, and on which channels (empty channels: nobody). */
export function audienceOf(reg: RegistryIndex, personId: string, type: NoticeType): Audience[] {
  const event = NOTICE_EVENT[type];
  const out: Audience[] = [];
  for (const link of reg.guardianshipsOfPersonId(personId)) {
    const prefs = preferencesOf(reg, link.guardianId, personId);
    const base = { guardianId: link.guardianId, relation: link.relation,
      lowBalanceThresholdKop: prefs?.lowBalanceThresholdKop ?? null, quietHours: prefs?.quietHours ?? null };
    if (type === 'pickup_refused' || type === 'dropoff_refused') {
      if (link.relation !== 'parent') continue;
      const sub = prefs?.subscriptions.find((s) => s.event === 'entry_exit');
      out.push({ ...base, channels: sub !== undefined && sub.channels.length > 0 ? sub.channels : ['sms'] });
      continue;
    }
    if (!link.scopes.includes(EVENT_SCOPE[event])) continue;
    const sub = prefs?.subscriptions.find((s) => s.event === event);
    if (sub === undefined || sub.channels.length === 0) continue;
    out.push({ ...base, channels: sub.channels });
  }
  return out;
}

export type Timeliness = 'on_time' | 'late' | 'digest_only';

/** How late a notice is when it is planned: event time, not send time. */
export function timeliness(type: NoticeType, eventTimeMs: number, plannedAtMs: number): Timeliness {
  const age = plannedAtMs - eventTimeMs;
  if (age > DIGEST_ONLY_AFTER_MS) return 'digest_only';
  if (age <= LATE_AFTER_MS) return 'on_time';
  // "Masha entered at 08:12" read at 11:40 says nothing useful: the digest has it. A refused
  // pick-up is still told, however late.
  return type === 'entry' || type === 'exit' || type === 'dropoff' || type === 'pickup' ? 'digest_only' : 'late';
}

/** Minutes since local midnight of 'HH:MM'. */
function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * When a notice planned at `atMs` may go, given the recipient's quiet hours in the school's zone:
 * `atMs` itself outside them, else the instant they end. Never-held types always go at once.
 */
export function notBeforeMs(type: NoticeType, atMs: number, quiet: QuietHours | null, timeZone: string): number {
  if (quiet === null || NEVER_HELD.has(type)) return atMs;
  const offset = zoneOffsetMs(timeZone, atMs);
  const local = atMs + offset;
  const minute = Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return atMs;
  const wait = ((to - minute + 1440) % 1440) * 60_000 - (local % 60_000);
  // The zone offset may change inside the wait (a DST switch); the next minute boundary is close enough.
  return atMs + wait;
}

/** True when a debit moved the balance from at or above the threshold to below it. */
export function crossedBelow(balanceBeforeKop: number, balanceAfterKop: number, thresholdKop: number | null): boolean {
  return thresholdKop !== null && balanceBeforeKop >= thresholdKop && balanceAfterKop < thresholdKop;
}
