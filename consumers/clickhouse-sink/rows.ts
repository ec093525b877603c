// Turns the PassEvents of one LedgerBatch into ClickHouse rows. Pure: no I/O. Events carry
// opaque ids only (no names, UIDs or photos), and the row copies exactly those. An event that
// cannot be stored as it is (a number out of its column's range, an over-long string) is
// reported, never truncated or wrapped into a different value.
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

function uint(v: number | null | undefined, max: number): number | null {
  const n = v ?? 0;
  return Number.isSafeInteger(n) && n >= 0 && n <= max ? n : null;
}

function str(v: string | null | undefined): string | null {
  const s = v ?? '';
  return s.length <= ROW_STRING_MAX ? s : null;
}

/** One row, or the name of the first field that cannot be stored. */
export function passRow(e: PassEvent, gatewayId: string, streamSeq: number, index: number): PassRow | string {
  const decidedAtMs = uint(e.decidedAtMs as number | null | undefined, DECIDED_AT_MS_MAX - 1);
  if (decidedAtMs === null) return 'decided_at_ms';
  const deviceTimeMs = uint(e.deviceTimeMs as number | null | undefined, Number.MAX_SAFE_INTEGER);
  if (deviceTimeMs === null) return 'device_time_ms';
  const seq = uint(e.seq as number | null | undefined, Number.MAX_SAFE_INTEGER);
  if (seq === null) return 'seq';
  const small = { person_kind: uint(e.personKind, 255), direction: uint(e.direction, 255), verdict: uint(e.verdict, 255), reason: uint(e.reason, 255) };
  for (const [k, v] of Object.entries(small)) if (v === null) return k;
  const strings = {
    school_id: str(e.schoolId), device_id: str(e.deviceId), person_id: str(e.personId), identifier_id: str(e.identifierId),
    identifier_kind: str(e.identifierKind), class_name: str(e.className), gateway_id: str(gatewayId),
  };
  for (const [k, v] of Object.entries(strings)) if (v === null) return k;
  return {
    event_date: utcDate(decidedAtMs),
    decided_at: Math.floor(decidedAtMs / 1000),
    decided_at_ms: decidedAtMs,
    device_time_ms: deviceTimeMs,
    school_id: strings.school_id!,
    device_id: strings.device_id!,
    seq,
    person_id: strings.person_id!,
    identifier_id: strings.identifier_id!,
    identifier_kind: strings.identifier_kind!,
    person_kind: small.person_kind!,
    class_name: strings.class_name!,
    direction: small.direction!,
    verdict: small.verdict!,
    reason: small.reason!,
    gateway_id: strings.gateway_id!,
    ledger_stream_seq: streamSeq,
    ledger_event_index: index,
  };
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

/** The partition (toYYYYMM(event_date)) a row goes to, as 'YYYY-MM'. */
export function rowMonth(r: PassRow): string {
  return r.event_date.slice(0, 7);
}

/**
 * Splits rows (in ledger order) into runs that each go to one partition and hold at most
 * `rowsMax` rows. One run is one INSERT, which MergeTree writes as one part, atomically.
 */
export function insertRuns(rows: readonly PassRow[], rowsMax: number): PassRow[][] {
  const runs: PassRow[][] = [];
  let run: PassRow[] = [];
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
