// Daily and weekly digests: e-mail only, planned at a local hour in each school's time zone, with
// what they say read from the ledger's copy in ClickHouse when they are sent.
//
// Planning: once a minute each owned partition looks at every school; at or after the digest
// hour of a local day it plans that day's daily digest (and on Sundays the weekly one, Monday to
// Sunday) for every pupil whose guardians in the partition subscribe, and journals a mark per
// school so a day is planned once. The notice records the ledger position of the moment (the
// cut). A notifier that was down over the hour plans the day's digest when it comes back; days
// it missed entirely are not planned (docs/notifications.md).
//
// Sending: the digest waits (a retry) until the ClickHouse sink has stored every ledger message
// up to the cut, so its totals are the ledger's: the entries, exits, purchases and top-ups of the
// local day (or week) up to the moment it was planned, and the balance after the last money event.
import type { ClickHouseClient } from '@clickhouse/client';
import { audienceOf, localDayNumber, localDayStartMs, type RegistryIndex } from '../../core/index.js';
import type { NotifyParams } from '../../core/notify-text.js';
import type { Notice } from './partition.js';
import { noticeKey, partitionOf } from './plan.js';

/** The local weekday of the weekly digest, counted as Date.getUTCDay() does: Sunday closes the week. */
export const DIGEST_WEEKDAY = 0;
/** Most rows a digest query reads (a day of one pupil is far below). */
const DIGEST_ROWS_MAX = 1000;

export interface DigestPlan { readonly planned: Notice[]; readonly marks: Record<string, number> }

/** The local weekday (0 Sunday) of a local day number (days since 1970-01-01, a Thursday). */
const weekdayOf = (day: number) => (day + 4) % 7;

/**
 * Digests due now in one partition: for each school whose local time is past the digest hour and
 * whose mark is older than today. `marks` are the partition's (school -> last local day planned).
 */
export function planDigests(registry: RegistryIndex, partition: number, partitions: number, marks: ReadonlyMap<string, number>,
  nowMs: number, hour: number, ledgerCut: number): DigestPlan {
  const planned: Notice[] = [];
  const newMarks: Record<string, number> = {};
  for (const school of registry.schools.values()) {
    const day = localDayNumber(school.timeZone, nowMs);
    const dayStartMs = localDayStartMs(school.timeZone, day);
    if (nowMs < dayStartMs + hour * 3_600_000 || (marks.get(school.id) ?? -1) >= day) continue;
    newMarks[school.id] = day;
    const weekly = weekdayOf(day) === DIGEST_WEEKDAY;
    for (const personId of registry.personIdsOfSchool(school.id)) {
      for (const type of weekly ? ['daily_digest', 'weekly_digest'] as const : ['daily_digest'] as const) {
        for (const a of audienceOf(registry, personId, type)) {
          if (partitionOf(a.guardianId, partitions) !== partition || !a.channels.includes('email')) continue;
          const fromMs = type === 'daily_digest' ? dayStartMs : localDayStartMs(school.timeZone, day - 6);
          planned.push({ key: noticeKey(`${type}:${day}:${personId}`, a.guardianId, 'email', type), type, channel: 'email',
            guardianId: a.guardianId, personId, schoolId: school.id, eventTimeMs: nowMs, plannedAtMs: nowMs, notBeforeMs: nowMs,
            late: false, ledgerSeq: 0, params: { fromMs, toMs: nowMs, ledgerCut, accountId: registry.accountOfPersonId(personId)?.id ?? '' } });
        }
      }
    }
  }
  return { planned, marks: newMarks };
}

type Row = Record<string, string | number>;

/** Reads what a digest says from the sink's tables. */
export class DigestReader {
  constructor(private readonly ch: ClickHouseClient, private readonly database: string) {}

  private async rows(sql: string): Promise<Row[]> {
    return (await this.ch.query({ query: sql, format: 'JSONEachRow' })).json<Row>();
  }

  /** True when the sink has stored every ledger message up to `cut`. */
  async caughtUp(cut: number): Promise<boolean> {
    const [r] = await this.rows(`SELECT max(ledger_stream_seq) AS seq FROM ${this.database}.sink_progress`);
    return Number(r?.['seq'] ?? 0) >= cut;
  }

  /**
   * The template parameters of a digest (besides the child, school and their names, which the
   * sender adds), or null while the sink is behind the cut.
   */
  async params(n: Notice, productName: (id: string) => string, timeZone: string): Promise<NotifyParams | null> {
    const p = n.params;
    const [fromMs, toMs, cut] = [Number(p['fromMs']), Number(p['toMs']), Number(p['ledgerCut'])];
    if (!await this.caughtUp(cut)) return null;
    const person = quoteId(n.personId);
    const account = quoteId(String(p['accountId'] ?? ''));
    const db = this.database;
    const fromDate = new Date(fromMs - 86_400_000).toISOString().slice(0, 10);
    const span = (col: string) => `${col} >= ${Math.trunc(fromMs)} AND ${col} < ${Math.trunc(toMs)} AND event_date >= toDate('${fromDate}')`;
    const passes = await this.rows(`SELECT decided_at_ms, direction FROM ${db}.pass_events WHERE person_id = ${person} AND verdict = 1
      AND ledger_stream_seq <= ${cut} AND ${span('decided_at_ms')} ORDER BY decided_at_ms LIMIT ${DIGEST_ROWS_MAX}`);
    const purchases = await this.rows(`SELECT device_id, seq, decided_at_ms, meal_kind, amount_kop FROM ${db}.purchases
      WHERE person_id = ${person} AND verdict = 1 AND ledger_stream_seq <= ${cut} AND ${span('decided_at_ms')} ORDER BY decided_at_ms LIMIT ${DIGEST_ROWS_MAX}`);
    const items = purchases.length === 0 ? [] : await this.rows(`SELECT device_id, seq, product_id, quantity FROM ${db}.purchase_items
      WHERE verdict = 1 AND event_date >= toDate('${fromDate}') AND (device_id, seq) IN
      (SELECT device_id, seq FROM ${db}.purchases WHERE person_id = ${person} AND verdict = 1 AND ledger_stream_seq <= ${cut}
        AND ${span('decided_at_ms')}) ORDER BY item_index`);
    const topUps = account === "''" ? [] : await this.rows(`SELECT applied_at_ms, amount_kop FROM ${db}.top_ups WHERE account_id = ${account}
      AND ledger_stream_seq <= ${cut} AND ${span('applied_at_ms')} ORDER BY applied_at_ms LIMIT ${DIGEST_ROWS_MAX}`);
    const balance = account === "''" ? [] : await this.rows(`SELECT balance_after_kop FROM (
        SELECT ledger_stream_seq, ledger_event_index, balance_after_kop FROM ${db}.purchases WHERE account_id = ${account} AND ledger_stream_seq <= ${cut}
        UNION ALL SELECT ledger_stream_seq, ledger_event_index, balance_after_kop FROM ${db}.top_ups WHERE account_id = ${account} AND ledger_stream_seq <= ${cut}
        UNION ALL SELECT ledger_stream_seq, ledger_event_index, balance_after_kop FROM ${db}.refunds WHERE account_id = ${account} AND ledger_stream_seq <= ${cut})
      ORDER BY ledger_stream_seq DESC, ledger_event_index DESC LIMIT 1`);
    const itemsOf = new Map<string, Array<{ name: string; qty: number }>>();
    for (const i of items) {
      const k = `${String(i['device_id'])}#${String(i['seq'])}`;
      itemsOf.set(k, [...(itemsOf.get(k) ?? []), { name: productName(String(i['product_id'])), qty: Number(i['quantity']) }]);
    }
    const bought = purchases.map((r) => ({ at: Number(r['decided_at_ms']), amount: Number(r['amount_kop']),
      items: itemsOf.get(`${String(r['device_id'])}#${String(r['seq'])}`) ?? [], mealKind: Number(r['meal_kind']) }));
    const spent = bought.reduce((s, b) => s + b.amount, 0);
    const topUpTotal = topUps.reduce((s, r) => s + Number(r['amount_kop']), 0);
    const meals = bought.filter((b) => b.mealKind === 2 || b.mealKind === 3).length;
    const entries = passes.filter((r) => Number(r['direction']) === 1).map((r) => Number(r['decided_at_ms']));
    const exits = passes.filter((r) => Number(r['direction']) === 2).map((r) => Number(r['decided_at_ms']));
    const zoneDays = new Set(entries.map((ms) => localDayNumber(timeZone, ms)));
    return {
      day: fromMs, from: fromMs, to: toMs, entries, exits,
      purchases: bought.map((b) => ({ at: b.at, items: b.items, amount: b.amount })), purchaseCount: bought.length, purchaseTotal: spent, spent,
      topUps: topUps.map((r) => ({ at: Number(r['applied_at_ms']), amount: Number(r['amount_kop']) })), topUpCount: topUps.length, topUpTotal,
      meals, daysPresent: zoneDays.size, balance: Number(balance[0]?.['balance_after_kop'] ?? 0),
    };
  }
}

/** An id as a quoted SQL literal: ids are [A-Za-z0-9_.-] (core ID_PATTERN), so no quote can be in one. */
function quoteId(id: string): string {
  if (!/^[A-Za-z0-9_.-]{0,64}$/.test(id)) throw new Error('not an id');
  return `'${id}'`;
}
