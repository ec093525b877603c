// Turns the PassEvents of one LedgerBatch into ClickHouse rows. Pure: no I/O. Events carry
// opaque ids only (no names, UIDs or photos), and the row copies exactly those. An event that
// cannot be stored as it is (a number out of its column's range, an over-long string) is
// reported, never truncated or wrapped into a different value. The TabSeparated encoding and
// the split of rows into one-part inserts serve every table.
import type { tapgate } from '../../core/proto.js';

type PassEvent = tapgate.events.v1.IPassEvent;

/** Longest id or class name stored, in UTF-16 units; registry ids are far shorter. */
export const ROW_STRING_MAX = 256;
/** decided_at_ms must fall before this (2100-01-01): DateTime and Date end soon after. */
export const DECIDED_AT_MS_MAX = 4_102_444_800_000;
const DAY_MS = 86_400_000;

export interface PassRow {
  event_date: string;
  decided_at: number;
  decided_at_ms: number;
  device_time_ms: number;
  school_id: string;
  device_id: string;
  seq: number;
  person_id: string;
  identifier_id: string;
  identifier_kind: string;
  person_kind: number;
  class_name: string;
  direction: number;
  verdict: number;
  reason: number;
  gateway_id: string;
  ledger_stream_seq: number;
  ledger_event_index: number;
}

export interface RowsResult {
  readonly rows: PassRow[];
  /** Indexes (in the batch) of events that could not become rows, with why. */
  readonly invalid: Array<{ index: number; why: string }>;
}

let cachedDay = -1;
let cachedDate = '';

/** The UTC date of a time in ms since the epoch, as YYYY-MM-DD. */
export function utcDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  return cachedDate;
}

export const uintOk = (n: number, max: number) => Number.isSafeInteger(n) && n >= 0 && n <= max;

/** One row, or the name of the first field that cannot be stored. Straight-line: it runs per event. */
export function passRow(e: PassEvent, gatewayId: string, streamSeq: number, index: number): PassRow | string {
  const decidedAtMs = (e.decidedAtMs ?? 0) as number;
  const deviceTimeMs = (e.deviceTimeMs ?? 0) as number;
  const seq = (e.seq ?? 0) as number;
  const personKind = e.personKind ?? 0;
  const direction = e.direction ?? 0;
  const verdict = e.verdict ?? 0;
  const reason = e.reason ?? 0;
  if (!uintOk(decidedAtMs, DECIDED_AT_MS_MAX - 1)) return 'decided_at_ms';
  if (!uintOk(deviceTimeMs, Number.MAX_SAFE_INTEGER)) return 'device_time_ms';
  if (!uintOk(seq, Number.MAX_SAFE_INTEGER)) return 'seq';
  if (!uintOk(personKind, 255)) return 'person_kind';
  if (!uintOk(direction, 255)) return 'direction';
  if (!uintOk(verdict, 255)) return 'verdict';
  if (!uintOk(reason, 255)) return 'reason';
  const row: PassRow = {
    event_date: utcDate(decidedAtMs),
    decided_at: Math.floor(decidedAtMs / 1000),
    decided_at_ms: decidedAtMs,
    device_time_ms: deviceTimeMs,
    school_id: e.schoolId ?? '',
    device_id: e.deviceId ?? '',
    seq,
    person_id: e.personId ?? '',
    identifier_id: e.identifierId ?? '',
    identifier_kind: e.identifierKind ?? '',
    person_kind: personKind,
    class_name: e.className ?? '',
    direction,
    verdict,
    reason,
    gateway_id: gatewayId,
    ledger_stream_seq: streamSeq,
    ledger_event_index: index,
  };
  if (row.school_id.length > ROW_STRING_MAX) return 'school_id';
  if (row.device_id.length > ROW_STRING_MAX) return 'device_id';
  if (row.person_id.length > ROW_STRING_MAX) return 'person_id';
  if (row.identifier_id.length > ROW_STRING_MAX) return 'identifier_id';
  if (row.identifier_kind.length > ROW_STRING_MAX) return 'identifier_kind';
  if (row.class_name.length > ROW_STRING_MAX) return 'class_name';
  if (row.gateway_id.length > ROW_STRING_MAX) return 'gateway_id';
  return row;
}

/** The rows of one ledger message, skipping events at or below `fromIndex` (already stored). */
export function batchRows(passes: readonly PassEvent[], gatewayId: string, streamSeq: number, fromIndex = 0): RowsResult {
  const rows: PassRow[] = [];
  const invalid: Array<{ index: number; why: string }> = [];
  for (let i = fromIndex; i < passes.length; i++) {
    const r = passRow(passes[i]!, gatewayId, streamSeq, i);
    if (typeof r === 'string') invalid.push({ index: i, why: `${r} out of range` });
    else rows.push(r);
  }
  return { rows, invalid };
}

const TSV_SPECIAL = /[\\\t\n\r]/;
const TSV_SPECIAL_ALL = /[\\\t\n\r]/g;
const TSV_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A String value in ClickHouse's TabSeparated escaping: backslash, tab, LF and CR escaped. */
export function tsvString(v: string): string {
  return TSV_SPECIAL.test(v) ? v.replace(TSV_SPECIAL_ALL, (c) => TSV_ESCAPES[c]!) : v;
}

/**
 * Rows as a TabSeparated body, columns in table order (COLUMNS in schema.ts). ClickHouse
 * parses it about twice as fast as JSONEachRow; numbers were checked by passRow, strings are
 * escaped, so no value can end a field or a row early.
 */
export function tsvRows(rows: readonly PassRow[]): string {
  let out = '';
  for (const r of rows) {
    out += `${r.event_date}\t${r.decided_at}\t${r.decided_at_ms}\t${r.device_time_ms}\t${tsvString(r.school_id)}\t${tsvString(r.device_id)}\t` +
      `${r.seq}\t${tsvString(r.person_id)}\t${tsvString(r.identifier_id)}\t${tsvString(r.identifier_kind)}\t${r.person_kind}\t` +
      `${tsvString(r.class_name)}\t${r.direction}\t${r.verdict}\t${r.reason}\t${tsvString(r.gateway_id)}\t${r.ledger_stream_seq}\t${r.ledger_event_index}\n`;
  }
  return out;
}

/**
 * Rows of any table as a TabSeparated body, in the order of `columns`: numbers as they are
 * (checked when the row was made), strings escaped. For the money tables, whose rows are few.
 */
export function tsvRowsOf(columns: readonly string[], rows: ReadonlyArray<Readonly<Record<string, string | number>>>): string {
  let out = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const v = r[columns[i]!];
      if (v === undefined) throw new Error(`row has no ${columns[i]}`);
      line += (i === 0 ? '' : '\t') + (typeof v === 'string' ? tsvString(v) : String(v));
    }
    out += line + '\n';
  }
  return out;
}

/** The partition (toYYYYMM(event_date)) a row goes to, as 'YYYY-MM'. */
export function rowMonth(r: { readonly event_date: string }): string {
  return r.event_date.slice(0, 7);
}

/**
 * Splits rows (in ledger order) into runs that each go to one partition and hold at most
 * `rowsMax` rows. One run is one INSERT, which MergeTree writes as one part, atomically.
 */
export function insertRuns<R extends { readonly event_date: string }>(rows: readonly R[], rowsMax: number): R[][] {
  const runs: R[][] = [];
  let run: R[] = [];
  let month = '';
  for (const r of rows) {
    const m = rowMonth(r);
    if (run.length > 0 && (m !== month || run.length >= rowsMax)) { runs.push(run); run = []; }
    month = m;
    run.push(r);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
