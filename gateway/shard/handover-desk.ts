// The hand-over part of the sequencer (protocol v1.3, ADR 0015): one tap names an adult and up to
// eight children. The workers decided the cards; here, on the sequencer's single writer, the
// adult's right to each child is checked on the full registry (core/handover.ts), each child allowed
// so far goes through the repeated-tap and presence rules as an ordinary pass, and each child
// becomes one PassEvent carrying the adult's ids. The adult's own tap is no event: the adult is not
// a person of the school. Replaying those events (`replay`) rebuilds the same seq memory entry.
import { tapgate } from '../../core/proto.js';
import {
  handoverReasons, handoverTapReason, passTimeMs, personKindOf, Reason, verdictOf, wellFormed,
  type Device, type HandoverChildResult, type PassState, type RegistryIndex, type SeqMemory, type StoredDecision,
} from '../../core/index.js';
import type { TapOutcome } from '../../processors/protocol.js';
import type { LedgerWriter } from './ledger.js';

/** Child reasons for which the guard's screen shows the child: a pupil of this school is recognised. */
export const SHOWS_CHILD = new Set<number>([Reason.DECISION_REASON_OK, Reason.DECISION_REASON_REPEATED_TAP,
  Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE, Reason.DECISION_REASON_ESCORT_NOT_AUTHORISED]);

/** A hand-over read back from the ledger, one child event at a time. */
interface Pending {
  readonly deviceId: string; readonly seq: number; readonly count: number; readonly escortReason: number;
  readonly guardianId: string; readonly decidedAtMs: number; readonly children: HandoverChildResult[];
}

/** What seq memory keeps of a hand-over: the adult when their card was accepted, each child when shown. */
function storedHandover(seq: number, escortReason: number, guardianId: string, reasons: readonly number[],
  personIds: readonly string[], decidedAtMs: number, appendNo: number): StoredDecision {
  const adultShown = escortReason === Reason.DECISION_REASON_OK ? guardianId : '';
  const handover = reasons.map((reason, k) => ({ reason, personId: SHOWS_CHILD.has(reason) ? personIds[k]! : '' }));
  return { seq, reason: handoverTapReason(escortReason, reasons), personId: adultShown, decidedAtMs, appendNo, handover };
}

export class HandoverDesk {
  private pending: Pending | null = null;

  constructor(
    private readonly registry: RegistryIndex,
    private readonly passes: PassState,
    private readonly seqs: SeqMemory,
    private readonly ledger: LedgerWriter,
  ) {}

  /** Decides a new hand-over tap, appends one PassEvent per child, and remembers the decision. */
  decide(device: Device, t: TapOutcome, nowMs: number): StoredDecision {
    const h = t.handover!;
    const rule = handoverReasons(this.registry, t.reason, h.guardianId, h.children);
    const school = this.registry.schools.get(device.schoolId);
    const atMs = passTimeMs(t.deviceTimeMs, nowMs);
    const reasons = rule.children.map((c, k) => {
      const person = this.registry.persons.get(h.children[k]!.personId);
      if (c.reason !== Reason.DECISION_REASON_OK || school === undefined || person === undefined) return c.reason;
      return this.passes.decide({ schoolId: device.schoolId, timeZone: school.timeZone, personId: person.id,
        personKind: person.kind, direction: t.direction, atMs, backlog: atMs !== nowMs });
    });
    let appendNo = 0;
    h.children.forEach((c, k) => {
      const person = c.personId === '' ? undefined : this.registry.persons.get(c.personId);
      const identifier = c.identifierId === '' ? undefined : this.registry.identifiers.get(c.identifierId);
      appendNo = this.ledger.add({
        deviceId: device.id, seq: t.seq, schoolId: device.schoolId, personId: c.personId, identifierId: c.identifierId,
        personKind: person === undefined ? 0 : personKindOf(person), className: wellFormed(person?.className ?? ''),
        direction: t.direction, verdict: verdictOf(reasons[k]!), reason: reasons[k]!, deviceTimeMs: t.deviceTimeMs,
        decidedAtMs: nowMs, identifierKind: identifier?.kind ?? '', escortGuardianId: h.guardianId,
        escortIdentifierId: t.identifierId, escortRelation: rule.children[k]!.relation, escortReason: rule.escortReason,
        childIndex: k, childCount: h.children.length,
      });
    });
    const personIds = h.children.map((c) => c.personId);
    const stored = storedHandover(t.seq, rule.escortReason, h.guardianId, reasons, personIds, nowMs, appendNo);
    this.seqs.remember(device.id, stored);
    return stored;
  }

  /**
   * Takes one hand-over PassEvent of the ledger (child_count > 0). The events of one tap are
   * consecutive (one sequencer turn writes them, and a snapshot cut never falls inside a turn), so
   * the last child completes the tap's seq memory entry.
   */
  replay(e: tapgate.events.v1.IPassEvent): void {
    const index = e.childIndex ?? 0;
    if (index === 0) {
      this.pending = { deviceId: e.deviceId ?? '', seq: Number(e.seq ?? 0), count: e.childCount ?? 0,
        escortReason: e.escortReason ?? 0, guardianId: e.escortGuardianId ?? '', decidedAtMs: Number(e.decidedAtMs ?? 0),
        children: [] };
    }
    const p = this.pending;
    const sameTap = p !== null && p.deviceId === (e.deviceId ?? '') && p.seq === Number(e.seq ?? 0);
    if (p === null || !sameTap || p.children.length !== index) return;
    p.children.push({ reason: e.reason ?? 0, personId: e.personId ?? '' });
    if (p.children.length < p.count) return;
    this.pending = null;
    this.seqs.remember(p.deviceId, storedHandover(p.seq, p.escortReason, p.guardianId, p.children.map((c) => c.reason),
      p.children.map((c) => c.personId), p.decidedAtMs, 0));
  }
}
