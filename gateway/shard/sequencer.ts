// The sequencer: the single writer of the gateway's tap state. It takes each frame's
// registry outcomes from the workers, in arrival order, and applies what needs memory: a
// retransmitted seq gets its original decision back (no second event); a new tap passes the
// repeated-tap rule and updates presence; every new decision goes to the ledger, and the
// frame's reply is released only when the ledger append holding its decisions is acknowledged.
// Replaying the ledger at start through `replay` rebuilds the same state. A hand-over tap (an
// adult and children, v1.3) is decided by the HandoverDesk on the same writer.
import { tapgate } from '../../core/proto.js';
import {
  Direction, MoneyState, PassState, PAYMENT_IDS_MEMORY_MS, PersonKind, Reason, SeqMemory, passTimeMs, personKindOf, verdictOf, wellFormed,
  type Device, type Guardian, type Person, type PersonKindName, type RegistryIndex, type StoredDecision,
} from '../../core/index.js';
import type { TapOutcome } from '../../processors/protocol.js';
import type { LedgerWriter } from './ledger.js';
import { PosDesk } from './pos.js';
import { HandoverDesk } from './handover-desk.js';
import type { GatewayMetrics } from '../metrics.js';

type IDecision = tapgate.device.v1.IDecision;

/** The decisions for one frame and the ledger append number they wait for. */
export interface FrameReply {
  readonly decisions: IDecision[];
  readonly neededNo: number;
}

export type SequenceResult = { readonly reply: FrameReply } | { readonly tooOld: { readonly seq: number; readonly highestSeq: number } };

/** Reasons for which the guard's screen shows who the person is. */
const SHOWS_PERSON = new Set<number>([Reason.DECISION_REASON_OK, Reason.DECISION_REASON_REPEATED_TAP, Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE,
  Reason.DECISION_REASON_INSUFFICIENT_FUNDS, Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED, Reason.DECISION_REASON_BANNED_CATEGORY,
  Reason.DECISION_REASON_NO_BENEFIT, Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN, Reason.DECISION_REASON_NOT_PRESENT_TODAY,
  Reason.DECISION_REASON_NO_ACCOUNT, Reason.DECISION_REASON_UNKNOWN_PRODUCT]);
const REASON_NAMES = tapgate.device.v1.DecisionReason as unknown as Record<number, string>;
const VERDICT_NAMES = tapgate.device.v1.Verdict as unknown as Record<number, string>;
const PERSON_KIND_NAMES: Record<number, PersonKindName> = { [PersonKind.PERSON_KIND_PUPIL]: 'pupil', [PersonKind.PERSON_KIND_STAFF]: 'staff' };

/**
 * What the guard's screen shows of a person. Every string is made well-formed (a lone surrogate
 * becomes U+FFFD): protobufjs would encode it as invalid UTF-8, a strict decoder on the device
 * would refuse the frame, and every retransmission would get the same frame back. Records
 * written through the API or a registry file cannot hold one (core/text.ts); this guards those
 * stored before that policy until `npm run registry:repair` fixes them.
 */
export function displayOf(p: Person): tapgate.device.v1.IDisplay {
  return { displayName: wellFormed(p.displayName), className: wellFormed(p.className), photoRef: p.photoConsent ? wellFormed(p.photoRef) : '', personKind: personKindOf(p) };
}

/** What the guard's screen shows of the adult of a hand-over (v1.3): the name only. */
export function guardianDisplayOf(g: Guardian): tapgate.device.v1.IDisplay {
  return { displayName: wellFormed(`${g.surname} ${g.givenName}`.trim()), personKind: PersonKind.PERSON_KIND_GUARDIAN };
}

/** What seq memory keeps of a decision: the person only when the screen may show them. */
function storedDecision(seq: number, reason: number, personId: string, decidedAtMs: number, appendNo: number,
  pos?: StoredDecision['pos']): StoredDecision {
  const d = { seq, reason, personId: SHOWS_PERSON.has(reason) ? personId : '', decidedAtMs, appendNo };
  return pos === undefined ? d : { ...d, pos };
}

export class Sequencer {
  readonly seqs: SeqMemory;
  readonly passes: PassState;
  /** Balances and payment ids: money state shares the sequencer's single writer and its ledger. */
  readonly money: MoneyState;
  readonly pos: PosDesk;
  readonly handovers: HandoverDesk;
  private readonly tapCounters = new Map<number, { inc(): void }>();

  constructor(
    private readonly registry: RegistryIndex,
    private readonly ledger: LedgerWriter,
    private readonly metrics: GatewayMetrics,
    seqMemory: number,
    repeatWindowMs: number,
    paymentIdsMemoryMs = PAYMENT_IDS_MEMORY_MS,
  ) {
    this.money = new MoneyState(paymentIdsMemoryMs);
    this.seqs = new SeqMemory(seqMemory);
    this.passes = new PassState(repeatWindowMs);
    this.pos = new PosDesk(registry, this.money, this.passes, ledger);
    this.handovers = new HandoverDesk(registry, this.passes, this.seqs, ledger);
  }

  /** Applies one frame's taps. All or nothing: a seq too old refuses the whole frame. */
  sequence(device: Device, taps: readonly TapOutcome[], nowMs: number): SequenceResult {
    for (const t of taps) {
      const found = this.seqs.lookup(device.id, t.seq);
      if (found.kind === 'too_old') return { tooOld: { seq: t.seq, highestSeq: found.highestSeq } };
    }
    const decisions: IDecision[] = [];
    let neededNo = 0;
    for (const t of taps) {
      const found = this.seqs.lookup(device.id, t.seq);
      const stored = found.kind === 'decided' ? found.decision : this.decideNew(device, t, nowMs);
      if (found.kind === 'decided') this.metrics.tapsReplayed.inc();
      if (stored.appendNo > neededNo) neededNo = stored.appendNo;
      decisions.push(this.toDecision(stored, found.kind === 'decided'));
    }
    return { reply: { decisions, neededNo } };
  }

  private decideNew(device: Device, t: TapOutcome, nowMs: number): StoredDecision {
    if (device.kind === 'pos' && t.pos !== null) return this.decidePos(device, t, nowMs);
    if (t.handover !== undefined) {
      const stored = this.handovers.decide(device, t, nowMs);
      this.tapCounter(verdictOf(stored.reason), stored.reason).inc();
      return stored;
    }
    const person = t.personId === '' ? undefined : this.registry.persons.get(t.personId);
    let reason = t.reason;
    const school = this.registry.schools.get(device.schoolId);
    if (reason === Reason.DECISION_REASON_OK && person !== undefined && school !== undefined && device.kind === 'turnstile') {
      const atMs = passTimeMs(t.deviceTimeMs, nowMs);
      reason = this.passes.decide({ schoolId: device.schoolId, timeZone: school.timeZone, personId: person.id,
        personKind: person.kind, direction: t.direction, atMs, backlog: atMs !== nowMs });
    }
    const verdict = verdictOf(reason);
    const identifier = t.identifierId === '' ? undefined : this.registry.identifiers.get(t.identifierId);
    const appendNo = this.ledger.add({
      deviceId: device.id, seq: t.seq, schoolId: device.schoolId, personId: t.personId, identifierId: t.identifierId,
      personKind: person === undefined ? 0 : personKindOf(person), className: wellFormed(person?.className ?? ''),
      direction: t.direction, verdict, reason, deviceTimeMs: t.deviceTimeMs, decidedAtMs: nowMs,
      identifierKind: identifier?.kind ?? '',
    });
    const stored = storedDecision(t.seq, reason, t.personId, nowMs, appendNo);
    this.seqs.remember(device.id, stored);
    this.tapCounter(verdict, reason).inc();
    return stored;
  }

  private decidePos(device: Device, t: TapOutcome, nowMs: number): StoredDecision {
    const r = this.pos.decide(device, t, nowMs);
    if (t.pos!.repriced > 0) this.metrics.posItemsRepriced.inc(t.pos!.repriced);
    const stored = storedDecision(t.seq, r.reason, t.personId, nowMs, r.appendNo,
      { amountKop: r.amountKop, balanceAfterKop: r.balanceAfterKop, subsidised: r.subsidised });
    this.seqs.remember(device.id, stored);
    this.tapCounter(verdictOf(r.reason), r.reason).inc();
    return stored;
  }

  /** The labelled child of tapgate_gateway_taps_total, cached: resolving labels per tap costs more than the increment. */
  private tapCounter(verdict: number, reason: number): { inc(): void } {
    const key = verdict * 256 + reason;
    let c = this.tapCounters.get(key);
    if (c === undefined) {
      c = this.metrics.taps.labels(VERDICT_NAMES[verdict] ?? String(verdict), REASON_NAMES[reason] ?? String(reason));
      this.tapCounters.set(key, c);
    }
    return c;
  }

  private toDecision(stored: StoredDecision, replayed: boolean): IDecision {
    const d: IDecision = { seq: stored.seq, verdict: verdictOf(stored.reason), reason: stored.reason, decidedAtMs: stored.decidedAtMs, replayed };
    if (stored.pos !== undefined) {
      d.amountKop = stored.pos.amountKop;
      d.balanceAfterKop = stored.pos.balanceAfterKop;
      d.subsidised = stored.pos.subsidised;
    }
    if (stored.handover !== undefined) {
      const g = stored.personId === '' ? undefined : this.registry.guardians.get(stored.personId);
      if (g !== undefined) d.display = guardianDisplayOf(g);
      d.children = stored.handover.map((c) => {
        const p = c.personId === '' ? undefined : this.registry.persons.get(c.personId);
        return { verdict: verdictOf(c.reason), reason: c.reason, ...(p === undefined ? {} : { display: displayOf(p) }) };
      });
    } else if (stored.personId !== '') {
      const p = this.registry.persons.get(stored.personId);
      if (p !== undefined) d.display = displayOf(p);
    }
    return d;
  }

  /** Rebuilds state from one ledger batch (at start; the batch is durable). */
  replay(batch: tapgate.events.v1.ILedgerBatch): number {
    for (const m of batch.money ?? []) {
      if (m.topUp != null) {
        const t = m.topUp;
        this.money.record({ channel: t.channel ?? '', paymentId: t.paymentId ?? '', accountId: t.accountId ?? '', amountKop: Number(t.amountKop ?? 0),
          balanceAfterKop: Number(t.balanceAfterKop ?? 0), appliedAtMs: Number(t.appliedAtMs ?? 0), appendNo: 0 });
      } else if (m.purchase != null) {
        const e = m.purchase;
        const reason = e.reason ?? 0;
        this.seqs.rememberFields(e.deviceId ?? '', Number(e.seq ?? 0), reason, SHOWS_PERSON.has(reason) ? e.personId ?? '' : '', Number(e.decidedAtMs ?? 0), 0,
          { amountKop: Number(e.amountKop ?? 0), balanceAfterKop: Number(e.balanceAfterKop ?? 0), subsidised: (e.benefitId ?? '') !== '' });
        this.pos.replay(e);
      } else if (m.refund != null) {
        this.pos.replayRefund(m.refund);
      } else if (m.transferOut != null) {
        const t = m.transferOut;
        this.money.transferOut({ transferId: t.transferId ?? '', accountId: t.accountId ?? '', amountKop: Number(t.amountKop ?? 0),
          toShardId: t.toShardId ?? '', appliedAtMs: Number(t.appliedAtMs ?? 0) });
      } else if (m.transferDone != null) {
        this.money.transferDone(m.transferDone.transferId ?? '');
      }
    }
    const passes = batch.passes ?? [];
    for (const e of passes) {
      const deviceId = e.deviceId ?? '';
      const reason = e.reason ?? 0;
      const personId = e.personId ?? '';
      const decidedAtMs = Number(e.decidedAtMs ?? 0);
      // A hand-over child's presence moves below like any pass; its seq entry is the desk's.
      if ((e.childCount ?? 0) > 0) this.handovers.replay(e);
      else this.seqs.rememberFields(deviceId, Number(e.seq ?? 0), reason, SHOWS_PERSON.has(reason) ? personId : '', decidedAtMs, 0);
      const kind = PERSON_KIND_NAMES[e.personKind ?? 0];
      const school = this.registry.schools.get(e.schoolId ?? '');
      const direction = e.direction ?? 0;
      if (kind !== undefined && school !== undefined && (direction === Direction.DIRECTION_ENTRY || direction === Direction.DIRECTION_EXIT)) {
        const atMs = passTimeMs(Number(e.deviceTimeMs ?? 0), decidedAtMs);
        this.passes.record({ schoolId: school.id, timeZone: school.timeZone, personId, personKind: kind, direction, atMs,
          backlog: atMs !== decidedAtMs }, reason);
      }
    }
    return passes.length + (batch.money?.length ?? 0);
  }
}
