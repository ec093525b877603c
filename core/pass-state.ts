// The rules that remember: a repeated tap within the window, and presence (who is inside each
// school now). One PassState is owned by the gateway's sequencer, which applies taps one at a
// time in order; replaying the ledger through `record` rebuilds exactly the same state.
//
// Presence counts people, not taps: an allowed entry puts the person inside, an allowed exit
// takes them out. A second entry without an exit (they left without tapping) or an exit without
// an entry changes nothing, so the count is entries minus exits with each person counted once.
// Presence belongs to the school day: at local midnight in the school's time zone it starts
// from zero (nobody stays overnight; a missed exit tap does not haunt the next day).
import type { PersonKindName } from './registry.js';
import { Direction, Reason, type ReasonValue } from './rules.js';
import { localDayBounds } from './time.js';

export interface PassInput {
  readonly schoolId: string;
  readonly timeZone: string;
  readonly personId: string;
  readonly personKind: PersonKindName;
  readonly direction: number;
  readonly decidedAtMs: number;
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

  /** A plain copy of the state for a snapshot (see gateway/snapshot.ts). -Infinity is stored as null. */
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
   * same person was allowed in the same direction within the window, else OK. Records the result.
   */
  decide(input: PassInput): ReasonValue {
    const last = this.lastAllowed.get(input.personId);
    if (last !== undefined) {
      const lastMs = input.direction === Direction.DIRECTION_ENTRY ? last.entryMs : last.exitMs;
      if (input.decidedAtMs - lastMs < this.repeatWindowMs) {
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
    const school = this.schoolAt(input.schoolId, input.timeZone, input.decidedAtMs);
    if (input.direction === Direction.DIRECTION_ENTRY) {
      last.entryMs = input.decidedAtMs;
      if (!school.inside.has(input.personId)) {
        school.inside.set(input.personId, input.personKind);
        if (input.personKind === 'pupil') school.pupils++; else school.staff++;
      }
    } else {
      last.exitMs = input.decidedAtMs;
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
