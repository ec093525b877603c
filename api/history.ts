// A child's history for guardians and operators (entries, exits, purchases with items,
// top-ups, refunds) read from ClickHouse, where the sink keeps every ledger event. Queries
// bind their values as quoted literals (see bindParams); ids and dates are checked
// before they get here.
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { assert, BASKET_ITEMS_MAX, ID_PATTERN, TRANSFER_CHANNEL, localDayStartMs, parseCalendarDate } from '../core/index.js';
import { DISTRIBUTED_READER_SETTINGS } from '../lib/index.js';
import { ApiError } from './errors.js';

/** Most rows one history request returns. */
export const HISTORY_ROWS_MAX = 1000;
/** Longest date range one history request may cover, in days. */
export const HISTORY_DAYS_MAX = 92;
/** How long a history query may take, in ms, before the view answers 503. */
const HISTORY_QUERY_TIMEOUT_MS = 10_000;
/** ClickHouse connections the history views may hold open at once. */
const HISTORY_CONNECTIONS_MAX = 4;

/** A school's pass as the desk reads it back: ids and numbers only (names come from the registry). */
export interface SchoolPassRow {
  readonly decidedAtMs: number; readonly deviceId: string; readonly seq: number; readonly personId: string; readonly personKind: number;
  readonly className: string; readonly direction: number; readonly verdict: number; readonly reason: number;
}
/** Most passes the guard's desk reads back when it opens (its page keeps as many rows). */
export const DESK_BACKLOG_MAX = 100;
export interface PassRow { readonly decidedAtMs: number; readonly schoolId: string; readonly deviceId: string; readonly direction: number; readonly verdict: number; readonly reason: number }
export interface PurchaseRow {
  readonly decidedAtMs: number; readonly schoolId: string; readonly deviceId: string; readonly seq: number; readonly mealKind: number;
  readonly verdict: number; readonly reason: number; readonly amountKop: number; readonly balanceAfterKop: number; readonly subsidised: boolean;
  readonly items: ReadonlyArray<{ readonly productId: string; readonly category: string; readonly priceKop: number; readonly quantity: number }>;
}
/**
 * One money event of an account. `transfer_out`: the balance left a shard with its pupil (negative
 * amount, balance after 0 there); `transfer_in`: it arrived in the new one (docs/shards.md).
 */
export type MoneyKind = 'top_up' | 'refund' | 'transfer_out' | 'transfer_in';
export interface MoneyRow { readonly atMs: number; readonly kind: MoneyKind; readonly amountKop: number; readonly balanceAfterKop: number; readonly ref: string }
const MONEY_KINDS: ReadonlySet<string> = new Set<MoneyKind>(['top_up', 'refund', 'transfer_out', 'transfer_in']);

/** One notice of the delivery log as a guardian reads it: ids, type, channel, latest status. */
export interface NotificationRow {
  readonly key: string; readonly personId: string; readonly type: string; readonly channel: string; readonly status: string;
  readonly code: string; readonly late: boolean; readonly eventTimeMs: number; readonly updatedAtMs: number;
}
/** Most notices "my notifications" returns. */
export const NOTIFICATIONS_ROWS_MAX = 200;
/** How far back "my notifications" looks, in days. */
export const NOTIFICATIONS_DAYS_MAX = 31;

export class HistoryReader {
  private readonly ch: ClickHouseClient;
  /** The notifier creates the delivery log table; until it has, nobody has notices. */
  private deliveryLogExists = false;

  /** `cluster`: the sharded layout's (docs/clickhouse-sharding.md), or null for one server. */
  constructor(url: string, private readonly database: string, cluster: string | null = null) {
    const options = { url, database, request_timeout: HISTORY_QUERY_TIMEOUT_MS, max_open_connections: HISTORY_CONNECTIONS_MAX };
    // A query with IN (SELECT ... FROM purchases) over purchase_items would name two Distributed tables: see the settings.
    this.ch = createClient(cluster === null ? options : { ...options, clickhouse_settings: DISTRIBUTED_READER_SETTINGS });
  }

  async close(): Promise<void> { await this.ch.close(); }

  private async rows<T>(query: string, params: Readonly<Record<string, string>>): Promise<T[]> {
    const sql = bindParams(query, params);
    try {
      const rs = await this.ch.query({ query: sql, format: 'JSONEachRow' });
      return await rs.json<T>();
    } catch {
      throw new ApiError('API_UNAVAILABLE', 'the history store (ClickHouse) cannot answer now; retry later');
    }
  }

  /** The guardian's notices of the last NOTIFICATIONS_DAYS_MAX days, newest first, each with its latest status. */
  async notifications(guardianId: string, limit: number, nowMs: number): Promise<NotificationRow[]> {
    const from = new Date(nowMs - NOTIFICATIONS_DAYS_MAX * 86_400_000).toISOString().slice(0, 10);
    const n = Math.max(1, Math.min(NOTIFICATIONS_ROWS_MAX, Math.floor(limit)));
    // At equal times a later stage wins: queued < sent < the final statuses. Aliases differ from
    // the columns: ClickHouse 18.16 would put an alias named like a column into the other aggregates.
    const rank = "at_ms * 4 + multiIf(status = 'queued', 0, status = 'sent', 1, 2)";
    const sql = bindParams(`SELECT key, any(person_id) AS n_person_id, any(type) AS n_type, any(channel) AS n_channel,
         argMax(status, ${rank}) AS n_status, argMax(code, ${rank}) AS n_code, max(late) AS n_late, min(event_time_ms) AS n_event_time_ms,
         max(at_ms) AS updated_at_ms
       FROM notifications WHERE guardian_id = {g:String} AND event_date >= toDate({from:String})
       GROUP BY key ORDER BY n_event_time_ms DESC, key LIMIT ${n}`, { g: guardianId, from });
    let rows: Record<string, string | number>[];
    try {
      if (!this.deliveryLogExists) {
        const [r] = await (await this.ch.query({ query: 'EXISTS TABLE notifications', format: 'JSONEachRow' })).json<{ result: number | string }>();
        if (Number(r?.result ?? 0) !== 1) return [];
        this.deliveryLogExists = true;
      }
      rows = await (await this.ch.query({ query: sql, format: 'JSONEachRow' })).json<Record<string, string | number>>();
    } catch {
      throw new ApiError('API_UNAVAILABLE', 'the delivery log (ClickHouse) cannot answer now; retry later');
    }
    return rows.map((r) => ({ key: String(r['key']), personId: String(r['n_person_id']), type: String(r['n_type']), channel: String(r['n_channel']),
      status: String(r['n_status']), code: String(r['n_code']), late: Number(r['n_late']) === 1, eventTimeMs: Number(r['n_event_time_ms']),
      updatedAtMs: Number(r['updated_at_ms']) }));
  }

  async passes(personId: string, range: Range): Promise<PassRow[]> {
    const { from, to } = utcDates(range);
    const rows = await this.rows<Record<string, string | number>>(
      `SELECT decided_at_ms, school_id, device_id, direction, verdict, reason FROM pass_events
       WHERE person_id = {p:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('decided_at_ms', range)}
       ORDER BY decided_at_ms LIMIT ${HISTORY_ROWS_MAX}`, { p: personId, from, to });
    return rows.map((r) => ({ decidedAtMs: Number(r['decided_at_ms']), schoolId: String(r['school_id']), deviceId: String(r['device_id']),
      direction: Number(r['direction']), verdict: Number(r['verdict']), reason: Number(r['reason']) }));
  }

  /** A school's latest decided turnstile passes in the range (allowed or refused), newest first, at most `limit`. */
  async schoolPasses(schoolId: string, range: Range, limit: number): Promise<SchoolPassRow[]> {
    const { from, to } = utcDates(range);
    const n = Math.max(1, Math.min(DESK_BACKLOG_MAX, Math.floor(limit)));
    const rows = await this.rows<Record<string, string | number>>(
      `SELECT decided_at_ms, device_id, seq, person_id, person_kind, class_name, direction, verdict, reason FROM pass_events
       WHERE school_id = {s:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('decided_at_ms', range)}
         AND verdict IN (1, 2)
       ORDER BY decided_at_ms DESC, device_id DESC, seq DESC LIMIT ${n}`, { s: schoolId, from, to });
    return rows.map((r) => ({ decidedAtMs: Number(r['decided_at_ms']), deviceId: String(r['device_id']), seq: Number(r['seq']),
      personId: String(r['person_id']), personKind: Number(r['person_kind']), className: String(r['class_name']),
      direction: Number(r['direction']), verdict: Number(r['verdict']), reason: Number(r['reason']) }));
  }

  async purchases(personId: string, range: Range): Promise<PurchaseRow[]> {
    const { from, to } = utcDates(range);
    const rows = await this.rows<Record<string, string | number>>(
      `SELECT decided_at_ms, school_id, device_id, seq, meal_kind, verdict, reason, amount_kop, balance_after_kop, benefit_id FROM purchases
       WHERE person_id = {p:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('decided_at_ms', range)}
       ORDER BY decided_at_ms LIMIT ${HISTORY_ROWS_MAX}`, { p: personId, from, to });
    if (rows.length === 0) return [];
    const byKey = itemsByPurchase(await this.itemsOf(rows, from, to));
    return rows.map((r) => purchaseRowOf(r, byKey));
  }

  /**
   * Whether an account ever had a top-up, refund, transfer or purchase, at any date: a merge
   * removes a duplicate's account only when this is false (core/merge.ts).
   */
  async accountHasHistory(accountId: string): Promise<boolean> {
    const found = await Promise.all(['top_ups', 'refunds', 'transfers', 'purchases'].map((table) =>
      this.rows(`SELECT 1 AS one FROM ${table} WHERE account_id = {a:String} LIMIT 1`, { a: accountId })));
    return found.some((rows) => rows.length > 0);
  }

  /** A school's approved, paid purchases in the range with their items, newest first (the office's refund list). */
  async schoolPurchases(schoolId: string, range: Range): Promise<Array<PurchaseRow & { readonly personId: string }>> {
    const { from, to } = utcDates(range);
    const where = `school_id = {s:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('decided_at_ms', range)}`;
    const params = { s: schoolId, from, to };
    const rows = await this.rows<Record<string, string | number>>(
      `SELECT decided_at_ms, school_id, device_id, seq, person_id, meal_kind, verdict, reason, amount_kop, balance_after_kop, benefit_id
       FROM purchases WHERE ${where} ORDER BY decided_at_ms DESC LIMIT ${HISTORY_ROWS_MAX}`, params);
    if (rows.length === 0) return [];
    const byKey = itemsByPurchase(await this.itemsOf(rows, from, to));
    return rows.map((r) => ({ ...purchaseRowOf(r, byKey), personId: String(r['person_id']) }));
  }

  /**
   * The items of these purchases (at most HISTORY_ROWS_MAX), read by purchase_items' own sort key:
   * their schools, the dates, and each (device_id, seq) named in the query. A subquery on
   * purchases instead would scan purchases a second time and every school's items of the dates.
   */
  private async itemsOf(purchases: ReadonlyArray<Record<string, string | number>>, from: string, to: string) {
    // At most HISTORY_ROWS_MAX pairs of a 64-character id and a seq: under 100 KB of SQL, well
    // within ClickHouse's max_query_size of 256 KiB.
    assert(purchases.length <= HISTORY_ROWS_MAX, 'itemsOf takes at most HISTORY_ROWS_MAX purchases');
    // Values read back from ClickHouse: one that is not an id is the store's fault, not the client's.
    const storedId = (v: unknown) => {
      if (typeof v !== 'string' || !ID_PATTERN.test(v)) throw new ApiError('API_UNAVAILABLE', 'the history store returned a purchase with a malformed id');
      return literal(v, 'id');
    };
    const schools = [...new Set(purchases.map((r) => storedId(r['school_id'])))];
    const keys = purchases.map((r) => {
      const seq = Number(r['seq']);
      if (!Number.isSafeInteger(seq) || seq < 0) throw new ApiError('API_UNAVAILABLE', 'the history store returned a purchase without a seq');
      return `(${storedId(r['device_id'])}, ${seq})`;
    });
    return this.rows<Record<string, string | number>>(
      `SELECT device_id, seq, product_id, category, price_kop, quantity FROM purchase_items
       WHERE school_id IN (${schools.join(', ')}) AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String})
         AND (device_id, seq) IN (${keys.join(', ')})
       ORDER BY device_id, seq, item_index LIMIT ${purchases.length * BASKET_ITEMS_MAX}`, { from, to });
  }

  async money(accountId: string, range: Range): Promise<MoneyRow[]> {
    const { from, to } = utcDates(range);
    const rows = await this.rows<Record<string, string | number>>(
      `SELECT applied_at_ms, if(channel = '${TRANSFER_CHANNEL}', 'transfer_in', 'top_up') AS kind, amount_kop, balance_after_kop, payment_id AS ref FROM top_ups
         WHERE account_id = {a:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('applied_at_ms', range)}
         ORDER BY applied_at_ms LIMIT ${HISTORY_ROWS_MAX}
       UNION ALL
       SELECT applied_at_ms, 'refund' AS kind, amount_kop, balance_after_kop, refund_id AS ref FROM refunds
         WHERE account_id = {a:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('applied_at_ms', range)}
         ORDER BY applied_at_ms LIMIT ${HISTORY_ROWS_MAX}
       UNION ALL
       SELECT applied_at_ms, 'transfer_out' AS kind, -amount_kop AS amount_kop, toInt64(0) AS balance_after_kop, transfer_id AS ref FROM transfers
         WHERE account_id = {a:String} AND event_date >= toDate({from:String}) AND event_date <= toDate({to:String}) AND ${within('applied_at_ms', range)}
         ORDER BY applied_at_ms LIMIT ${HISTORY_ROWS_MAX}`, { a: accountId, from, to });
    return rows.map((r) => ({ atMs: Number(r['applied_at_ms']), kind: MONEY_KINDS.has(String(r['kind'])) ? String(r['kind']) as MoneyKind : 'top_up',
      amountKop: Number(r['amount_kop']), balanceAfterKop: Number(r['balance_after_kop']), ref: String(r['ref']) }))
      .sort((a, b) => a.atMs - b.atMs).slice(0, HISTORY_ROWS_MAX);
  }
}

/** What a bound value may be: an opaque id or a YYYY-MM-DD date; neither can hold a quote or a backslash. */
const BINDABLE = new RegExp(`${ID_PATTERN.source}|^\\d{4}-\\d{2}-\\d{2}$`);

/**
 * Puts `{name:String}` values into the query text as quoted literals. ClickHouse 18.16 (the
 * Debian server this runs against) has no query parameters: it refuses `param_<name>` as an
 * unknown setting. Values are ids and dates checked before they get here; one that is not
 * either is refused, and quotes and backslashes are escaped all the same.
 */
export function bindParams(query: string, params: Readonly<Record<string, string>>): string {
  return query.replace(/\{([A-Za-z_][A-Za-z0-9_]*):String\}/g, (_, name: string) => literal(params[name], name));
}

/** One id or date as a quoted SQL literal; anything else is refused. */
function literal(v: string | undefined, name: string): string {
  if (v === undefined || !BINDABLE.test(v)) throw new ApiError('API_INVALID_REQUEST', `the ${name} of a history query is not an id or a date`, { field: name });
  return `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** A span of time, [fromMs, toMs), in UTC ms: the school's local days a request names. */
export interface Range { readonly fromMs: number; readonly toMs: number }

/** The UTC dates the range touches: ClickHouse partitions by the UTC date, so these prune parts. */
function utcDates(r: Range): { from: string; to: string } {
  return { from: new Date(r.fromMs).toISOString().slice(0, 10), to: new Date(r.toMs - 1).toISOString().slice(0, 10) };
}

/** `col` within the range; both bounds are integers we computed, never client text. */
function within(col: string, r: Range): string {
  if (!Number.isSafeInteger(r.fromMs) || !Number.isSafeInteger(r.toMs)) throw new Error('range bounds must be integers');
  return `${col} >= ${r.fromMs} AND ${col} < ${r.toMs}`;
}

/** The school's local days from..to (YYYY-MM-DD, both included) as UTC ms; checks the pair: to not before from, at most HISTORY_DAYS_MAX days. */
export function localRange(from: string, to: string, timeZone: string): Range {
  const dayA = parseCalendarDate(from);
  const dayB = parseCalendarDate(to);
  if (dayA === null || dayB === null) {
    throw new ApiError('API_INVALID_REQUEST', 'from and to must be calendar dates YYYY-MM-DD (years 1900-2199)', { field: dayA === null ? 'from' : 'to' });
  }
  const [a, b] = [dayA * 86_400_000, dayB * 86_400_000];
  if (b < a) throw new ApiError('API_INVALID_REQUEST', 'to is before from', { field: 'to' });
  if ((b - a) / 86_400_000 >= HISTORY_DAYS_MAX) throw new ApiError('API_INVALID_REQUEST', `a range covers at most ${HISTORY_DAYS_MAX} days`, { field: 'to' });
  return { fromMs: localDayStartMs(timeZone, a / 86_400_000), toMs: localDayStartMs(timeZone, b / 86_400_000 + 1) };
}

type Items = Map<string, PurchaseRow['items'][number][]>;

/** purchase_items rows grouped by their purchase, `device#seq`. */
function itemsByPurchase(items: ReadonlyArray<Record<string, string | number>>): Items {
  const byKey: Items = new Map();
  for (const i of items) {
    const key = `${String(i['device_id'])}#${String(i['seq'])}`;
    const list = byKey.get(key) ?? [];
    list.push({ productId: String(i['product_id']), category: String(i['category']), priceKop: Number(i['price_kop']), quantity: Number(i['quantity']) });
    byKey.set(key, list);
  }
  return byKey;
}

/** A purchases row with its items. */
function purchaseRowOf(r: Record<string, string | number>, byKey: Items): PurchaseRow {
  return { decidedAtMs: Number(r['decided_at_ms']), schoolId: String(r['school_id']), deviceId: String(r['device_id']),
    seq: Number(r['seq']), mealKind: Number(r['meal_kind']), verdict: Number(r['verdict']), reason: Number(r['reason']),
    amountKop: Number(r['amount_kop']), balanceAfterKop: Number(r['balance_after_kop']), subsidised: String(r['benefit_id']) !== '',
    items: byKey.get(`${String(r['device_id'])}#${String(r['seq'])}`) ?? [] };
}
