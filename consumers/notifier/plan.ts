// Turns one ledger message into notices: for each event, who hears about it (core/notify-rules.ts),
// on which channels, when, and with which ids and numbers. Names are not resolved here: a notice
// carries ids only until the moment it is sent. Pure but for the registry it reads.
//
// A notice's key is a hash of (event, recipient, channel, type): the same event planned twice
// (a redelivered ledger message, a replay after a takeover) gets the same key, and the
// partition state plans a key once.
import { createHash } from 'node:crypto';
import {
  audienceOf, COLLAPSE_WINDOW_MS, crossedBelow, notBeforeMs, timeliness,
  type Audience, type NoticeType, type RegistryIndex,
  TRANSFER_CHANNEL,
} from '../../core/index.js';
import type { tapgate } from '../../core/proto.js';
import type { Notice, NoticeParams, Outcome, PartitionState } from './partition.js';

type LedgerBatch = tapgate.events.v1.LedgerBatch;
type PassEvent = tapgate.events.v1.PassEvent;
type PurchaseEvent = tapgate.events.v1.PurchaseEvent;

const VERDICT_ALLOW = 1;
const DIRECTION_ENTRY = 1;
const DIRECTION_EXIT = 2;
/** DecisionReason ESCORT_NOT_AUTHORISED: the adult may not take this child (docs/protocol.md section 15). */
const REASON_ESCORT_NOT_AUTHORISED = 16;
/** A device clock more than this ahead of the gateway's is not believed, in ms. */
const DEVICE_CLOCK_AHEAD_MAX_MS = 60_000;
const MEAL_TYPES: Readonly<Record<number, NoticeType>> = { 1: 'buffet', 2: 'hot_meal', 3: 'subsidised_meal' };

/** A hand-over event's notice: drop-off or pick-up when allowed; a refused pick-up or drop-off is told at once. */
function handoverType(ev: PassEvent): NoticeType | null {
  if (ev.verdict === VERDICT_ALLOW) return ev.direction === DIRECTION_ENTRY ? 'dropoff' : ev.direction === DIRECTION_EXIT ? 'pickup' : null;
  if (ev.reason !== REASON_ESCORT_NOT_AUTHORISED) return null;
  return ev.direction === DIRECTION_EXIT ? 'pickup_refused' : ev.direction === DIRECTION_ENTRY ? 'dropoff_refused' : null;
}

/** The outbox key of a notice: 32 hex digits. */
export function noticeKey(eventRef: string, guardianId: string, channel: string, type: NoticeType): string {
  return createHash('sha256').update(`${eventRef}\n${guardianId}\n${channel}\n${type}`).digest('hex').slice(0, 32);
}

/** The partition a recipient belongs to: FNV-1a of the guardian id, modulo the partition count. */
export function partitionOf(guardianId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < guardianId.length; i++) {
    h ^= guardianId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}

/** When an event happened: the device's clock when it is plausible, the gateway's otherwise. */
export function eventTime(deviceTimeMs: number, decidedAtMs: number): number {
  return deviceTimeMs > 0 && deviceTimeMs <= decidedAtMs + DEVICE_CLOCK_AHEAD_MAX_MS ? deviceTimeMs : decidedAtMs;
}

/** Outcome codes of a collapsed exit and of the re-entry that collapsed it (worker.ts undoes a pair whose exit already went). */
export const COLLAPSED_EXIT = 'EXIT_AND_REENTRY';
export const COLLAPSED_ENTRY = 'REENTRY_AFTER_EXIT';

/** What planning one message produced for one partition. */
export interface PartitionPlan { readonly planned: Notice[]; readonly outcomes: Outcome[] }

export interface PlanContext {
  readonly registry: RegistryIndex;
  readonly partitions: number;
  /** The states of the partitions this process owns and that have not yet planned this message. */
  readonly states: ReadonlyMap<number, PartitionState>;
  readonly nowMs: number;
  /** Held exits of a child among a partition's plans not yet journaled. */
  readonly pendingExits: (partition: number, personId: string, schoolId: string, sinceMs: number, untilMs: number) => string[];
}

interface EventInfo {
  readonly ref: string; readonly type: NoticeType; readonly personId: string; readonly schoolId: string;
  readonly eventTimeMs: number; readonly params: NoticeParams;
}

export class Planner {
  private readonly out = new Map<number, PartitionPlan>();
  /** Exit notices planned from this message, by partition and child. */
  private readonly exits = new Map<string, Notice[]>();
  /** Held exit notices already collapsed by this message, so each is closed once. */
  private readonly collapsed = new Set<string>();

  constructor(private readonly ctx: PlanContext, private readonly ledgerSeq: number) {}

  /** Plans every event of the message; returns the plans of the partitions that got something. */
  static plan(ctx: PlanContext, ledgerSeq: number, batch: LedgerBatch): Map<number, PartitionPlan> {
    const p = new Planner(ctx, ledgerSeq);
    for (const ev of batch.passes) p.pass(ev as PassEvent);
    for (const m of batch.money) {
      if (m.purchase) p.purchase(m.purchase as PurchaseEvent);
      else if (m.topUp) p.topUp(m.topUp as tapgate.events.v1.TopUpEvent);
    }
    return p.out;
  }

  private plansOf(partition: number): PartitionPlan {
    let plan = this.out.get(partition);
    if (plan === undefined) { plan = { planned: [], outcomes: [] }; this.out.set(partition, plan); }
    return plan;
  }

  private pass(ev: PassEvent): void {
    if (ev.personId === '' || ev.personKind !== 1) return;
    const at = eventTime(ev.deviceTimeMs, ev.decidedAtMs);
    const handover = ev.childCount > 0;
    const type = handover ? handoverType(ev) : ev.verdict !== VERDICT_ALLOW ? null
      : ev.direction === DIRECTION_ENTRY ? 'entry' : ev.direction === DIRECTION_EXIT ? 'exit' : null;
    if (type === null) return;
    const ref = handover ? `h:${ev.deviceId}:${ev.seq}:${ev.childIndex}` : `p:${ev.deviceId}:${ev.seq}:${ev.personId}`;
    this.emit({ ref, type, personId: ev.personId, schoolId: ev.schoolId, eventTimeMs: at,
      params: { direction: ev.direction, deviceId: ev.deviceId,
        ...(handover ? { escortGuardianId: ev.escortGuardianId, escortRelation: ev.escortRelation } : {}) } });
  }

  private purchase(ev: PurchaseEvent): void {
    if (ev.verdict !== VERDICT_ALLOW || ev.personId === '') return;
    const type = MEAL_TYPES[ev.mealKind];
    if (type === undefined) return;
    const at = eventTime(ev.deviceTimeMs, ev.decidedAtMs);
    const items = ev.items.map((i) => ({ productId: i.productId ?? '', quantity: i.quantity ?? 1, priceKop: Number(i.priceKop ?? 0) }));
    const params = { amountKop: ev.amountKop, basketKop: ev.basketKop, balanceAfterKop: ev.balanceAfterKop, items, mealPeriod: ev.mealPeriod,
      overdraft: ev.overdraft };
    this.emit({ ref: `b:${ev.deviceId}:${ev.seq}`, type, personId: ev.personId, schoolId: ev.schoolId, eventTimeMs: at, params });
    if (ev.amountKop <= 0) return;
    const before = ev.balanceAfterKop + ev.amountKop;
    const accountThreshold = this.ctx.registry.accountOfPersonId(ev.personId)?.lowBalanceThresholdKop ?? null;
    this.emit({ ref: `l:${ev.deviceId}:${ev.seq}`, type: 'low_balance', personId: ev.personId, schoolId: ev.schoolId, eventTimeMs: at,
      params: { balanceAfterKop: ev.balanceAfterKop } },
    (a) => {
      const threshold = a.lowBalanceThresholdKop ?? accountThreshold;
      return crossedBelow(before, ev.balanceAfterKop, threshold) ? { thresholdKop: threshold ?? 0 } : null;
    });
  }

  private topUp(ev: tapgate.events.v1.TopUpEvent): void {
    // A balance moving with a pupil to another shard is no payment: the parents are not told.
    if (ev.channel === TRANSFER_CHANNEL) return;
    const account = this.ctx.registry.accounts.get(ev.accountId);
    if (account === undefined) return;
    const person = this.ctx.registry.persons.get(account.personId);
    if (person === undefined) return;
    this.emit({ ref: `t:${ev.channel}:${ev.paymentId}`, type: 'top_up', personId: person.id, schoolId: person.schoolId, eventTimeMs: ev.appliedAtMs,
      params: { amountKop: ev.amountKop, balanceAfterKop: ev.balanceAfterKop } });
  }

  /** Plans the event for every recipient in an owned partition; `extra` may refuse a recipient (null) or add params. */
  private emit(ev: EventInfo, extra?: (a: Audience) => NoticeParams | null): void {
    const { registry, partitions, states, nowMs } = this.ctx;
    const audience = audienceOf(registry, ev.personId, ev.type);
    if (audience.length === 0) return;
    const zone = registry.schools.get(ev.schoolId)?.timeZone ?? 'Europe/Moscow';
    const when = timeliness(ev.type, ev.eventTimeMs, nowMs);
    for (const a of audience) {
      const partition = partitionOf(a.guardianId, partitions);
      const state = states.get(partition);
      if (state === undefined) continue;
      const more = extra === undefined ? {} : extra(a);
      if (more === null) continue;
      const plan = this.plansOf(partition);
      const since = ev.eventTimeMs - COLLAPSE_WINDOW_MS;
      const until = ev.eventTimeMs;
      const collapse = ev.type !== 'entry' ? [] : [...state.heldExitKeys(ev.personId, ev.schoolId, since, until),
        ...this.ctx.pendingExits(partition, ev.personId, ev.schoolId, since, until),
        ...(this.exits.get(`${partition}/${ev.personId}`) ?? []).filter((n) => n.schoolId === ev.schoolId
          && n.eventTimeMs >= since && n.eventTimeMs <= until).map((n) => n.key)];
      const heldUntil = ev.type === 'exit' ? ev.eventTimeMs + COLLAPSE_WINDOW_MS : nowMs;
      for (const channel of a.channels) {
        const key = noticeKey(ev.ref, a.guardianId, channel, ev.type);
        const n: Notice = { key, type: ev.type, channel, guardianId: a.guardianId, personId: ev.personId, schoolId: ev.schoolId,
          eventTimeMs: ev.eventTimeMs, plannedAtMs: nowMs, notBeforeMs: notBeforeMs(ev.type, heldUntil, a.quietHours, zone),
          late: when === 'late', ledgerSeq: this.ledgerSeq, params: { ...ev.params, ...more, relation: a.relation } };
        plan.planned.push(n);
        if (n.type === 'exit') {
          const k = `${partition}/${n.personId}`;
          this.exits.set(k, [...(this.exits.get(k) ?? []), n]);
        }
        if (when === 'digest_only') plan.outcomes.push({ key, status: 'skipped', atMs: nowMs, code: 'TOO_LATE' });
        else if (collapse.length > 0) plan.outcomes.push({ key, status: 'collapsed', atMs: nowMs, code: COLLAPSED_ENTRY, personId: ev.personId });
      }
      for (const key of collapse) {
        if (this.collapsed.has(key)) continue;
        this.collapsed.add(key);
        plan.outcomes.push({ key, status: 'collapsed', atMs: nowMs, code: COLLAPSED_EXIT, personId: ev.personId });
      }
    }
  }
}
