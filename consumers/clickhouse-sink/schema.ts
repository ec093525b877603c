// The ClickHouse schema of the sink: one MergeTree table of pass events, created on start.
// The SQL runs on Debian's ClickHouse 18.16 and on current versions: no TTL, CODEC, DateTime64,
// query parameters or toStartOfInterval. Retention is by dropping monthly partitions
// (ALTER TABLE tapgate.pass_events DROP PARTITION 202409).
//
// event_date is the UTC date of decided_at (the gateway's clock at the decision), not the
// school's local date: it only serves partitioning and the sort key. Queries by a school's
// local day filter on decided_at with the school's time zone, e.g.
//   toDate(decided_at, 'Europe/Moscow') = '2024-09-02'
// (and may add event_date BETWEEN the neighbouring UTC dates to prune partitions).
//
// Every row also carries where it came from in the LEDGER stream (ledger_stream_seq,
// ledger_event_index). The largest such position in the table is the sink's watermark: what
// is at or below it is in ClickHouse, so a restarted sink skips it (see sink.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import { TapgateError } from '../../core/index.js';
import { DATABASE_PATTERN } from './config.js';

export const TABLE = 'pass_events';

/** Columns in table order, with their ClickHouse types; snake_case, units last. */
export const COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['event_date', 'Date'],
  ['decided_at', 'DateTime'],
  ['decided_at_ms', 'UInt64'],
  ['device_time_ms', 'UInt64'],
  ['school_id', 'String'],
  ['device_id', 'String'],
  ['seq', 'UInt64'],
  ['person_id', 'String'],
  ['identifier_id', 'String'],
  ['identifier_kind', 'String'],
  // tapgate.device.v1.PersonKind, Direction, Verdict, DecisionReason numbers, as in the protocol.
  ['person_kind', 'UInt8'],
  ['class_name', 'String'],
  ['direction', 'UInt8'],
  ['verdict', 'UInt8'],
  ['reason', 'UInt8'],
  ['gateway_id', 'String'],
  ['ledger_stream_seq', 'UInt64'],
  ['ledger_event_index', 'UInt32'],
];

/** A position in the LEDGER stream: message seq and index of the event in its LedgerBatch. */
export interface LedgerPosition { readonly seq: number; readonly index: number }
export const POSITION_NONE: LedgerPosition = Object.freeze({ seq: 0, index: -1 });

export function positionAfter(a: LedgerPosition, b: LedgerPosition): boolean {
  return a.seq > b.seq || (a.seq === b.seq && a.index > b.index);
}

function qualified(database: string): string {
  if (!DATABASE_PATTERN.test(database)) throw new TapgateError('CONFIG_INVALID', `database name ${JSON.stringify(database)} is not allowed`);
  return `${database}.${TABLE}`;
}

export function schemaStatements(database: string): string[] {
  const table = qualified(database);
  return [
    `CREATE DATABASE IF NOT EXISTS ${database}`,
    `CREATE TABLE IF NOT EXISTS ${table} (\n${COLUMNS.map(([n, t]) => `  ${n} ${t}`).join(',\n')}\n)\n` +
      'ENGINE = MergeTree()\nPARTITION BY toYYYYMM(event_date)\nORDER BY (school_id, event_date, device_id, seq)',
  ];
}

/**
 * Creates the database and table if missing, then checks that the table has every column
 * with the expected type (a table left by another version must not be written blindly).
 */
export async function ensureSchema(client: ClickHouseClient, database: string): Promise<void> {
  for (const query of schemaStatements(database)) await client.command({ query });
  const rs = await client.query({
    query: `SELECT name, type FROM system.columns WHERE database = '${database}' AND table = '${TABLE}'`,
    format: 'JSONEachRow',
  });
  const actual = new Map((await rs.json<{ name: string; type: string }>()).map((c) => [c.name, c.type]));
  const wrong = COLUMNS.filter(([n, t]) => actual.get(n) !== t).map(([n, t]) => `${n} ${t} (found ${actual.get(n) ?? 'nothing'})`);
  if (wrong.length > 0) {
    throw new TapgateError('SINK_SCHEMA_FAILED', `${database}.${TABLE} exists with other columns: ${wrong.join(', ')}`);
  }
}

/** The largest ledger position in the table, or POSITION_NONE when it is empty. One scan. */
export async function readWatermark(client: ClickHouseClient, database: string): Promise<LedgerPosition> {
  const rs = await client.query({
    query: `SELECT ledger_stream_seq AS seq, ledger_event_index AS idx FROM ${qualified(database)} ORDER BY seq DESC, idx DESC LIMIT 1`,
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ seq: string | number; idx: string | number }>();
  const top = rows[0];
  if (top === undefined) return POSITION_NONE;
  return { seq: Number(top.seq), index: Number(top.idx) };
}

/** True while ClickHouse still runs a query with this id (an insert the client gave up on). */
export async function queryRunning(client: ClickHouseClient, queryId: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(queryId)) throw new Error(`bad query id ${queryId}`);
  const rs = await client.query({ query: `SELECT count() AS n FROM system.processes WHERE query_id = '${queryId}'`, format: 'JSONEachRow' });
  const rows = await rs.json<{ n: string | number }>();
  return Number(rows[0]?.n ?? 0) > 0;
}
