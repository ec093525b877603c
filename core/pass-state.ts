// The rules that remember: a repeated tap within the window, and presence (who is inside each
// school now). One PassState is owned by the gateway's sequencer, which applies taps one at a
// time in order; replaying the ledger through `record` rebuilds exactly the same state.
//
// Presence counts people, not taps: an allowed entry puts the person inside, an allowed exit
// takes them out. A second entry without an exit (they left without tapping) or an exit without
// an entry changes nothing, so the count is entries minus exits with each person counted once.
// Presence belongs to the school day: at local midnight in the school's time zone it starts
// from zero (nobody stays overnight; a missed exit tap does not haunt the next day).
//
// Time: a pass is judged at its pass time (`passTimeMs`): the gateway's clock for a live tap,
// the device's clock for a backlog tap (one the device says is 10 s to 7 days old). A backlog
// sent in one frame after a reconnection is then judged as it happened: entry, exit and entry an
// hour apart are three passes, not a repeat. The repeat window is |difference| in either order,
// and a pass older than the person's latest allowed pass is recorded but does not move presence
// (which follows the latest pass); a pass of an earlier local day does not touch today's.
import type { PersonKindName } from './registry.js';
import { Direction, Reason, type ReasonValue } from './rules.js';
import { localDayBounds, schoolDayAt } from './time.js';
import { DEVICE_TIME_PAST_MS_MAX } from './limits.js';

/** A tap the device says is at least this old is a backlog tap, judged by the device's clock, in ms. */
export const BACKLOG_AGE_MS_MIN = 10_000;
/** Beyond this age the device's clock is not trusted (gateway time instead), in ms. */
export const BACKLOG_AGE_MS_MAX = DEVICE_TIME_PAST_MS_MAX;

/**
 * The time a turnstile tap is judged at: its device time when that says it is a backlog tap
 * (BACKLOG_AGE_MS_MIN to BACKLOG_AGE_MS_MAX before the gateway's clock), else the gateway's time.
 * A live tap, a device without a clock (0) and a clock in the future all get the gateway's time.
 * Deterministic, so the ledger replay (device time and decision time are both in the event)
 * judges every pass at the same time again.
 */
export function passTimeMs(deviceTimeMs: number, gatewayMs: number): number {
  const age = gatewayMs - deviceTimeMs;
  return deviceTimeMs > 0 && age >= BACKLOG_AGE_MS_MIN && age <= BACKLOG_AGE_MS_MAX ? deviceTimeMs : gatewayMs;
}

export interface PassInput {
  readonly schoolId: string;
  readonly timeZone: string;
  readonly personId: string;
  readonly personKind: PersonKindName;
  readonly direction: number;
  /** The pass time (`passTimeMs`), ms since the epoch. */
  readonly atMs: number;
  /** True when atMs is the device's clock (a backlog tap), false when it is the gateway's. */
  readonly backlog: boolean;
}

export interface PresenceCounts {
  readonly schoolId: string;
  /** Local day, days since 1970-01-01 in the school's zone. */
  readonly day: number;
  readonly pupils: number;
  readonly staff: number;
}

interface SchoolPresence {
  day: number;
  endMs: number;
  readonly inside: Map<string, PersonKindName>;
  pupils: number;
  staff: number;
}

interface LastAllowed { entryMs: number; exitMs: number }

export interface PassSnapshot {
  readonly lastAllowed: ReadonlyArray<readonly [string, number | null, number | null]>;
  readonly schools: ReadonlyArray<{ readonly id: string; readonly day: number; readonly endMs: number; readonly inside: ReadonlyArray<readonly [string, PersonKindName]> }>;
}

const fin = (ms: number): number | null => (Number.isFinite(ms) ? ms : null);

export class PassState {
  private readonly lastAllowed = new Map<string, LastAllowed>();
  private readonly schools = new Map<string, SchoolPresence>();

  constructor(readonly repeatWindowMs: number) {}

  /** A plain copy of the state for a snapshot (see gateway/shard/snapshot.ts). -Infinity is stored as null. */
  toSnapshot(): PassSnapshot {
    return {
      lastAllowed: [...this.lastAllowed].map(([id, l]) => [id, fin(l.entryMs), fin(l.exitMs)]),
      schools: [...this.schools].map(([id, p]) => ({ id, day: p.day, endMs: p.endMs, inside: [...p.inside] })),
    };
  }

  loadSnapshot(snap: PassSnapshot): void {
    this.lastAllowed.clear();
    this.schools.clear();
    for (const [id, entryMs, exitMs] of snap.lastAllowed) this.lastAllowed.set(id, { entryMs: entryMs ?? -Infinity, exitMs: exitMs ?? -Infinity });
    for (const sc of snap.schools) {
      const inside = new Map(sc.inside);
      let pupils = 0;
      for (const k of inside.values()) if (k === 'pupil') pupils++;
      this.schools.set(sc.id, { day: sc.day, endMs: sc.endMs, inside, pupils, staff: inside.size - pupils });
    }
  }

  /**
   * The final reason for a tap the registry allowed (static reason OK): REPEATED_TAP when the
   * same person was allowed in the same direction within the window (before or after: a backlog
   * tap may be older than the last live pass), else OK. Records the result.
   */
  decide(input: PassInput): ReasonValue {
    const last = this.lastAllowed.get(input.personId);
    if (last !== undefined) {
      const lastMs = input.direction === Direction.DIRECTION_ENTRY ? last.entryMs : last.exitMs;
      if (Math.abs(input.atMs - lastMs) < this.repeatWindowMs) {
        return Reason.DECISION_REASON_REPEATED_TAP;
      }
    }
    this.record(input, Reason.DECISION_REASON_OK);
    return Reason.DECISION_REASON_OK;
  }

  /** Applies a decided tap to the state: used by `decide` and by the ledger replay at start. */
  record(input: PassInput, reason: ReasonValue): void {
    if (reason !== Reason.DECISION_REASON_OK) return;
    if (input.direction !== Direction.DIRECTION_ENTRY && input.direction !== Direction.DIRECTION_EXIT) return;
    let last = this.lastAllowed.get(input.personId);
    if (last === undefined) {
      last = { entryMs: -Infinity, exitMs: -Infinity };
      this.lastAllowed.set(input.personId, last);
    }
    // Presence follows the person's latest pass: an older one (a backlog arriving after a live
    // pass) is recorded for the window but changes nothing, nor does a pass of an earlier day.
    const latestMs = Math.max(last.entryMs, last.exitMs);
    if (input.direction === Direction.DIRECTION_ENTRY) last.entryMs = Math.max(last.entryMs, input.atMs);
    else last.exitMs = Math.max(last.exitMs, input.atMs);
    if (input.atMs < latestMs) return;
    const school = this.schoolAt(input.schoolId, input.timeZone, input.atMs);
    // A backlog pass of an earlier day belongs to that day. (A gateway clock stepped back across
    // midnight still counts in the current day: only the device's clock is checked.)
    if (input.backlog && schoolDayAt(input.timeZone, input.atMs) < school.day) return;
    if (input.direction === Direction.DIRECTION_ENTRY) {
      if (!school.inside.has(input.personId)) {
        school.inside.set(input.personId, input.personKind);
        if (input.personKind === 'pupil') school.pupils++; else school.staff++;
      }
    } else {
      const kind = school.inside.get(input.personId);
      if (kind !== undefined) {
        school.inside.delete(input.personId);
        if (kind === 'pupil') school.pupils--; else school.staff--;
      }
    }
  }

  /** Who is inside the school now: counts by kind. */
  presence(schoolId: string, timeZone: string, nowMs: number): PresenceCounts {
    const s = this.schoolAt(schoolId, timeZone, nowMs);
    return { schoolId, day: s.day, pupils: s.pupils, staff: s.staff };
  }

  /** Whether the person is inside the school now (entered today and not left). */
  isInside(schoolId: string, timeZone: string, personId: string, nowMs: number): boolean {
    return this.schoolAt(schoolId, timeZone, nowMs).inside.has(personId);
  }

  /** Ids of the persons inside the school now (for the emergency headcount). */
  insidePersonIds(schoolId: string, timeZone: string, nowMs: number): string[] {
    return [...this.schoolAt(schoolId, timeZone, nowMs).inside.keys()];
  }

  private schoolAt(schoolId: string, timeZone: string, ms: number): SchoolPresence {
    let s = this.schools.get(schoolId);
    if (s === undefined || ms >= s.endMs) {
      const bounds = localDayBounds(timeZone, ms);
      if (s === undefined || bounds.day > s.day) {
        s = { day: bounds.day, endMs: bounds.endMs, inside: new Map(), pupils: 0, staff: 0 };
        this.schools.set(schoolId, s);
      }
    }
    return s;
  }
}
