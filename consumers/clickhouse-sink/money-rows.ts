// Turns the MoneyEvents of one LedgerBatch into rows of the purchases, purchase_items, top_ups,
// refunds and transfers tables (a TransferDoneEvent makes no row: no money moves). Pure: no I/O. Money events carry opaque ids only (account id, never the
// account number; person id, never a name), and the rows copy exactly those. Every row keeps
// the event's index in the message's `money` list, so a table's positions are stable whatever
// else the message holds. An event that cannot be stored as it is (a number out of its
// column's range, an over-long string) is reported whole, with its items: never truncated.
import type { tapgate } from '../../core/proto.js';
import { REFUND_REASON_CHARS_MAX } from '../../core/index.js';
import { DECIDED_AT_MS_MAX, ROW_STRING_MAX, uintOk, utcDate } from './rows.js';

type MoneyEvent = tapgate.events.v1.IMoneyEvent;
type PurchaseEvent = tapgate.events.v1.IPurchaseEvent;
type TopUpEvent = tapgate.events.v1.ITopUpEvent;
type RefundEvent = tapgate.events.v1.IRefundEvent;
type TransferOutEvent = tapgate.events.v1.ITransferOutEvent;

/** Longest refund reason stored: the same bound the gateway accepts (core/money.ts). */
export { REFUND_REASON_CHARS_MAX };
const UINT32_MAX = 4_294_967_295;

export type PurchaseRow = {
  event_date: string; decided_at: number; decided_at_ms: number; device_time_ms: number;
  school_id: string; device_id: string; seq: number; person_id: string; account_id: string; identifier_id: string;
  meal_kind: number; verdict: number; reason: number;
  basket_kop: number; amount_kop: number; balance_after_kop: number;
  benefit_id: string; meal_period: string; offline: number; overdraft: number; school_day: number;
  gateway_id: string; ledger_stream_seq: number; ledger_event_index: number;
};

export type PurchaseItemRow = {
  event_date: string; decided_at: number; school_id: string; device_id: string; seq: number;
  product_id: string; category: string; price_kop: number; quantity: number; verdict: number;
  ledger_stream_seq: number; ledger_event_index: number; item_index: number;
};

export type TopUpRow = {
  event_date: string; applied_at: number; applied_at_ms: number; channel: string; payment_id: string; account_id: string;
  amount_kop: number; balance_after_kop: number; gateway_id: string; ledger_stream_seq: number; ledger_event_index: number;
};

export type RefundRow = {
  event_date: string; applied_at: number; applied_at_ms: number; refund_id: string; device_id: string; seq: number;
  account_id: string; amount_kop: number; balance_after_kop: number; reason: string; operator_id: string;
  gateway_id: string; ledger_stream_seq: number; ledger_event_index: number;
};

export type TransferRow = {
  event_date: string; applied_at: number; applied_at_ms: number; transfer_id: string; account_id: string; amount_kop: number;
  from_shard_id: string; to_shard_id: string; gateway_id: string; ledger_stream_seq: number; ledger_event_index: number;
};

export interface MoneyRows {
  readonly purchases: PurchaseRow[];
  readonly items: PurchaseItemRow[];
  readonly topUps: TopUpRow[];
  readonly refunds: RefundRow[];
  readonly transfers: TransferRow[];
  /** Indexes (in the money list) of events that could not become rows, with why. */
  readonly invalid: Array<{ index: number; why: string }>;
}

const num = (v: number | null | undefined) => (v ?? 0) as number;
const timeOk = (ms: number) => uintOk(ms, DECIDED_AT_MS_MAX - 1);
const kopOk = (n: number) => Number.isSafeInteger(n);
const longString = (r: Readonly<Record<string, unknown>>, names: readonly string[], max = ROW_STRING_MAX) =>
  names.find((n) => (r[n] as string).length > max);

/** The purchase's row and its item rows, or the name of the first field that cannot be stored. */
export function purchaseRows(e: PurchaseEvent, gatewayId: string, streamSeq: number, index: number): { row: PurchaseRow; items: PurchaseItemRow[] } | string {
  const decidedAtMs = num(e.decidedAtMs);
  const row: PurchaseRow = {
    event_date: '', decided_at: Math.floor(decidedAtMs / 1000), decided_at_ms: decidedAtMs, device_time_ms: num(e.deviceTimeMs),
    school_id: e.schoolId ?? '', device_id: e.deviceId ?? '', seq: num(e.seq), person_id: e.personId ?? '',
    account_id: e.accountId ?? '', identifier_id: e.identifierId ?? '',
    meal_kind: e.mealKind ?? 0, verdict: e.verdict ?? 0, reason: e.reason ?? 0,
    basket_kop: num(e.basketKop), amount_kop: num(e.amountKop), balance_after_kop: num(e.balanceAfterKop),
    benefit_id: e.benefitId ?? '', meal_period: e.mealPeriod ?? '', offline: e.offline === true ? 1 : 0, overdraft: e.overdraft === true ? 1 : 0,
    school_day: e.schoolDay ?? 0, gateway_id: gatewayId, ledger_stream_seq: streamSeq, ledger_event_index: index,
  };
  if (!timeOk(decidedAtMs)) return 'decided_at_ms';
  if (!uintOk(row.device_time_ms, Number.MAX_SAFE_INTEGER)) return 'device_time_ms';
  if (!uintOk(row.seq, Number.MAX_SAFE_INTEGER)) return 'seq';
  for (const n of ['meal_kind', 'verdict', 'reason'] as const) if (!uintOk(row[n], 255)) return n;
  for (const n of ['basket_kop', 'amount_kop', 'balance_after_kop'] as const) if (!kopOk(row[n])) return n;
  if (!uintOk(row.school_day, UINT32_MAX)) return 'school_day';
  const long = longString(row, ['school_id', 'device_id', 'person_id', 'account_id', 'identifier_id', 'benefit_id', 'meal_period', 'gateway_id']);
  if (long !== undefined) return long;
  row.event_date = utcDate(decidedAtMs);
  const items: PurchaseItemRow[] = [];
  const list = e.items ?? [];
  for (let i = 0; i < list.length; i++) {
    const it = list[i]!;
    const item: PurchaseItemRow = {
      event_date: row.event_date, decided_at: row.decided_at, school_id: row.school_id, device_id: row.device_id, seq: row.seq,
      product_id: it.productId ?? '', category: it.category ?? '', price_kop: num(it.priceKop), quantity: it.quantity ?? 0,
      verdict: row.verdict, ledger_stream_seq: streamSeq, ledger_event_index: index, item_index: i,
    };
    if (!kopOk(item.price_kop)) return `items[${i}].price_kop`;
    if (!uintOk(item.quantity, UINT32_MAX)) return `items[${i}].quantity`;
    const bad = longString(item, ['product_id', 'category']);
    if (bad !== undefined) return `items[${i}].${bad}`;
    items.push(item);
  }
  return { row, items };
}

export function topUpRow(e: TopUpEvent, gatewayId: string, streamSeq: number, index: number): TopUpRow | string {
  const appliedAtMs = num(e.appliedAtMs);
  const row: TopUpRow = {
    event_date: '', applied_at: Math.floor(appliedAtMs / 1000), applied_at_ms: appliedAtMs,
    channel: e.channel ?? '', payment_id: e.paymentId ?? '', account_id: e.accountId ?? '',
    amount_kop: num(e.amountKop), balance_after_kop: num(e.balanceAfterKop),
    gateway_id: gatewayId, ledger_stream_seq: streamSeq, ledger_event_index: index,
  };
  if (!timeOk(appliedAtMs)) return 'applied_at_ms';
  for (const n of ['amount_kop', 'balance_after_kop'] as const) if (!kopOk(row[n])) return n;
  const long = longString(row, ['channel', 'payment_id', 'account_id', 'gateway_id']);
  if (long !== undefined) return long;
  row.event_date = utcDate(appliedAtMs);
  return row;
}

export function refundRow(e: RefundEvent, gatewayId: string, streamSeq: number, index: number): RefundRow | string {
  const appliedAtMs = num(e.appliedAtMs);
  const row: RefundRow = {
    event_date: '', applied_at: Math.floor(appliedAtMs / 1000), applied_at_ms: appliedAtMs,
    refund_id: e.refundId ?? '', device_id: e.deviceId ?? '', seq: num(e.seq), account_id: e.accountId ?? '',
    amount_kop: num(e.amountKop), balance_after_kop: num(e.balanceAfterKop), reason: e.reason ?? '', operator_id: e.operatorId ?? '',
    gateway_id: gatewayId, ledger_stream_seq: streamSeq, ledger_event_index: index,
  };
  if (!timeOk(appliedAtMs)) return 'applied_at_ms';
  if (!uintOk(row.seq, Number.MAX_SAFE_INTEGER)) return 'seq';
  for (const n of ['amount_kop', 'balance_after_kop'] as const) if (!kopOk(row[n])) return n;
  const long = longString(row, ['refund_id', 'device_id', 'account_id', 'operator_id', 'gateway_id']) ??
    longString(row, ['reason'], REFUND_REASON_CHARS_MAX);
  if (long !== undefined) return long;
  row.event_date = utcDate(appliedAtMs);
  return row;
}

/** A TransferOutEvent's row; fromShardId is the shard whose ledger it came from. */
export function transferRow(e: TransferOutEvent, gatewayId: string, fromShardId: string, streamSeq: number, index: number): TransferRow | string {
  const appliedAtMs = num(e.appliedAtMs);
  const row: TransferRow = {
    event_date: '', applied_at: Math.floor(appliedAtMs / 1000), applied_at_ms: appliedAtMs,
    transfer_id: e.transferId ?? '', account_id: e.accountId ?? '', amount_kop: num(e.amountKop),
    from_shard_id: fromShardId, to_shard_id: e.toShardId ?? '',
    gateway_id: gatewayId, ledger_stream_seq: streamSeq, ledger_event_index: index,
  };
  if (!timeOk(appliedAtMs)) return 'applied_at_ms';
  if (!kopOk(row.amount_kop)) return 'amount_kop';
  const long = longString(row, ['transfer_id', 'account_id', 'from_shard_id', 'to_shard_id', 'gateway_id']);
  if (long !== undefined) return long;
  row.event_date = utcDate(appliedAtMs);
  return row;
}

const kindCount = (m: MoneyEvent) => (m.topUp != null ? 1 : 0) + (m.purchase != null ? 1 : 0) + (m.refund != null ? 1 : 0) +
  (m.transferOut != null ? 1 : 0) + (m.transferDone != null ? 1 : 0);

/**
 * The rows of one message's money list; each event keeps its index in that list. shardId is the
 * shard whose ledger subject the message came from (the transfers' from_shard_id).
 */
export function moneyRows(money: readonly MoneyEvent[], gatewayId: string, streamSeq: number, shardId = ''): MoneyRows {
  const out: MoneyRows = { purchases: [], items: [], topUps: [], refunds: [], transfers: [], invalid: [] };
  for (let i = 0; i < money.length; i++) {
    const m = money[i]!;
    const kinds = kindCount(m);
    if (kinds !== 1) {
      out.invalid.push({ index: i, why: `${kinds} kinds set` });
    } else if (m.transferDone != null) {
      // No row: see the file's opening paragraph.
    } else if (m.transferOut != null) {
      const r = transferRow(m.transferOut, gatewayId, shardId, streamSeq, i);
      if (typeof r === 'string') out.invalid.push({ index: i, why: `transfer ${r} out of range` });
      else out.transfers.push(r);
    } else if (m.purchase != null) {
      const r = purchaseRows(m.purchase, gatewayId, streamSeq, i);
      if (typeof r === 'string') out.invalid.push({ index: i, why: `purchase ${r} out of range` });
      else { out.purchases.push(r.row); out.items.push(...r.items); }
    } else if (m.topUp != null) {
      const r = topUpRow(m.topUp, gatewayId, streamSeq, i);
      if (typeof r === 'string') out.invalid.push({ index: i, why: `top-up ${r} out of range` });
      else out.topUps.push(r);
    } else {
      const r = refundRow(m.refund!, gatewayId, streamSeq, i);
      if (typeof r === 'string') out.invalid.push({ index: i, why: `refund ${r} out of range` });
      else out.refunds.push(r);
    }
  }
  return out;
}
