// The canteen half of the sequencer: a POS tap the registry allowed goes through the money
// rules (core/purchase.ts) against the balances, daily spending and subsidised meals the
// sequencer owns; every POS decision, approved or declined, becomes a PurchaseEvent in the
// ledger. Runs on the sequencer's single writer, so two readers debiting one account at the
// same instant are simply two taps in a row: the second sees the first's balance.
import { tapgate } from '../../core/proto.js';
import {
  basketKop, DEVICE_TIME_PAST_MS_MAX, schoolDayAt, PurchaseState, Reason, verdictOf, type Device, type MoneyState, type PassState, type PurchaseOutcome,
  type RefundOutcome, type RegistryIndex,
} from '../../core/index.js';
import type { TapOutcome } from '../../processors/protocol.js';
import type { LedgerWriter } from './ledger.js';

/** An offline sale's device time is trusted back to this far, in ms (older: the gateway's time). */
export const OFFLINE_TIME_PAST_MS_MAX = DEVICE_TIME_PAST_MS_MAX;
/** ...and this far ahead of the gateway's clock, in ms. */
export const OFFLINE_TIME_FUTURE_MS_MAX = 5 * 60_000;

export interface PosResult {
  readonly reason: number;
  readonly amountKop: number;
  readonly balanceAfterKop: number;
  readonly subsidised: boolean;
  readonly appendNo: number;
}

export class PosDesk {
  readonly purchases: PurchaseState;

  constructor(
    private readonly registry: RegistryIndex,
    readonly money: MoneyState,
    private readonly passes: PassState,
    private readonly ledger: LedgerWriter,
  ) {
    this.purchases = new PurchaseState(money);
  }

  decide(device: Device, t: TapOutcome, nowMs: number): PosResult {
    const pos = t.pos!;
    const school = this.registry.schools.get(device.schoolId);
    const timeZone = school?.timeZone ?? 'UTC';
    // An offline sale counts when it happened (its day, its meal period), if its clock is sane.
    const atMs = pos.offline && t.deviceTimeMs >= nowMs - OFFLINE_TIME_PAST_MS_MAX && t.deviceTimeMs <= nowMs + OFFLINE_TIME_FUTURE_MS_MAX
      ? t.deviceTimeMs : nowMs;
    const schoolDay = schoolDayAt(timeZone, atMs);
    const account = t.personId === '' ? undefined : this.registry.accountOfPersonId(t.personId);
    let o: PurchaseOutcome;
    if (t.reason !== Reason.DECISION_REASON_OK) {
      // Declined by the registry (unknown, blocked, expired, other school, not allowed here): the
      // card's holder is not served, so neither their account nor its balance is disclosed.
      o = { reason: t.reason, accountId: '', basketKop: basketKop(pos.items), amountKop: 0, balanceAfterKop: 0, benefitId: '', mealPeriod: '',
        overdraft: false, lowBalance: false };
    } else {
      o = this.purchases.decide({ deviceId: device.id, seq: t.seq, personId: t.personId, account,
        benefits: this.registry.benefitsOfPersonId(t.personId), mealKind: pos.mealKind, items: pos.items,
        unknownItem: pos.unknownItem, offline: pos.offline,
        timeZone, schoolDay, atMs, decidedAtMs: nowMs, present: this.passes.isInside(device.schoolId, timeZone, t.personId, nowMs) });
    }
    const appendNo = this.ledger.addPurchase({
      deviceId: device.id, seq: t.seq, schoolId: device.schoolId, personId: t.personId, identifierId: t.identifierId,
      accountId: o.accountId, mealKind: pos.mealKind, verdict: verdictOf(o.reason), reason: o.reason,
      items: pos.items.map((i) => ({ productId: i.productId, category: i.category, priceKop: i.priceKop, quantity: i.quantity })),
      basketKop: o.basketKop, amountKop: o.amountKop, balanceAfterKop: o.balanceAfterKop, benefitId: o.benefitId, mealPeriod: o.mealPeriod,
      offline: pos.offline, overdraft: o.overdraft, lowBalance: o.lowBalance, deviceTimeMs: t.deviceTimeMs, decidedAtMs: nowMs, schoolDay,
    });
    return { reason: o.reason, amountKop: o.amountKop, balanceAfterKop: o.balanceAfterKop, subsidised: o.benefitId !== '', appendNo };
  }

  /** Reverses a purchase for an operator; the refund is appended to the ledger when applied. */
  refund(req: { refundId: string; deviceId: string; seq: number; reason: string; operatorId: string }, nowMs: number): RefundOutcome {
    const o = this.purchases.refund(req.refundId, req.deviceId, req.seq, nowMs, this.ledger.currentNo);
    if (o.kind === 'applied') {
      const r = o.refund;
      this.ledger.addRefund({ refundId: r.refundId, deviceId: r.deviceId, seq: r.seq, accountId: r.accountId, amountKop: r.amountKop,
        balanceAfterKop: r.balanceAfterKop, reason: req.reason, operatorId: req.operatorId, appliedAtMs: r.appliedAtMs });
    }
    return o;
  }

  replayRefund(e: tapgate.events.v1.IRefundEvent): void {
    this.purchases.recordRefund({ refundId: e.refundId ?? '', deviceId: e.deviceId ?? '', seq: Number(e.seq ?? 0), accountId: e.accountId ?? '',
      amountKop: Number(e.amountKop ?? 0), balanceAfterKop: Number(e.balanceAfterKop ?? 0), appliedAtMs: Number(e.appliedAtMs ?? 0), appendNo: 0 });
  }

  /** Rebuilds the money state from one stored POS decision (at start). */
  replay(e: tapgate.events.v1.IPurchaseEvent): void {
    this.purchases.record({ deviceId: e.deviceId ?? '', seq: Number(e.seq ?? 0), personId: e.personId ?? '', schoolDay: e.schoolDay ?? 0,
      decidedAtMs: Number(e.decidedAtMs ?? 0) }, {
      reason: e.reason ?? 0, accountId: e.accountId ?? '', basketKop: Number(e.basketKop ?? 0), amountKop: Number(e.amountKop ?? 0),
      balanceAfterKop: Number(e.balanceAfterKop ?? 0), benefitId: e.benefitId ?? '', mealPeriod: e.mealPeriod ?? '', overdraft: e.overdraft ?? false,
      lowBalance: e.lowBalance ?? false,
    });
  }
}
