// The ClickHouse schema of the sink: one MergeTree table per kind of row, created on start.
// The SQL runs on Debian's ClickHouse 18.16 and on current versions: no TTL, CODEC, DateTime64,
// query parameters or toStartOfInterval. Retention is by dropping monthly partitions
// (ALTER TABLE tapgate.pass_events DROP PARTITION 202409), table by table.
//
// event_date is the UTC date of the event's time (decided_at for taps and purchases, applied_at
// for top-ups and refunds), not the school's local date: it only serves partitioning and the
// sort key. Queries by a school's local day filter on the time column with the school's time
// zone, e.g. toDate(decided_at, 'Europe/Moscow') = '2024-09-02' (purchases also carry
// school_day, the day the gateway counted the sale in).
//
// Every row also carries where it came from in the LEDGER stream: ledger_stream_seq, and
// ledger_event_index, the event's index in its message's `passes` list (pass_events) or `money`
// list (the other tables); purchase_items adds item_index, the item's index in the purchase.
// The largest such position in a table is that table's watermark: every row of the table at or
// below it is in ClickHouse, none above it (see sink.ts).
//
// Every table also has shard_id (last, so that a table made before shards, which gets it by
// ALTER TABLE ... ADD COLUMN at the end, has the same columns in the same order): the shard
// whose ledger subject the row came from (the subject's last token). Watermarks are per (table,
// shard). Rows stored before shards have shard_id '' and were written by one sink reading every
// subject in stream order, so they are a prefix of every shard: a shard's watermark is the
// largest position among its own rows and the '' rows.
import type { ClickHouseClient } from '@clickhouse/client';
import { TapgateError } from '../../core/index.js';
import { DATABASE_PATTERN } from './config.js';

export type TableName = 'pass_events' | 'purchases' | 'purchase_items' | 'top_ups' | 'refunds' | 'transfers';
type Columns = ReadonlyArray<readonly [name: string, type: string]>;

export interface TableSpec {
  readonly name: TableName;
  /** Columns in table order, with their ClickHouse types; snake_case, units last. */
  readonly columns: Columns;
  readonly orderBy: string;
  /** Rows are items of an event: positions have a third part, item_index. */
  readonly perItem: boolean;
}

export const TABLE = 'pass_events';

/** pass_events: one row per PassEvent. */
export const COLUMNS: Columns = [
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

/** purchases: one row per PurchaseEvent (approved, subsidised or declined). */
export const PURCHASE_COLUMNS: Columns = [
  ['event_date', 'Date'],
  ['decided_at', 'DateTime'],
  ['decided_at_ms', 'UInt64'],
  ['device_time_ms', 'UInt64'],
  ['school_id', 'String'],
  ['device_id', 'String'],
  ['seq', 'UInt64'],
  ['person_id', 'String'],
  ['account_id', 'String'],
  ['identifier_id', 'String'],
  // tapgate.device.v1.MealKind, Verdict, DecisionReason numbers.
  ['meal_kind', 'UInt8'],
  ['verdict', 'UInt8'],
  ['reason', 'UInt8'],
  ['basket_kop', 'Int64'],
  ['amount_kop', 'Int64'],
  ['balance_after_kop', 'Int64'],
  ['benefit_id', 'String'],
  ['meal_period', 'String'],
  ['offline', 'UInt8'],
  ['overdraft', 'UInt8'],
  // Days since 1970-01-01 in the school's time zone: the day the sale counts in.
  ['school_day', 'UInt32'],
  ['gateway_id', 'String'],
  ['ledger_stream_seq', 'UInt64'],
  ['ledger_event_index', 'UInt32'],
];

/** purchase_items: one row per item of a purchase; verdict copied so sold items need no join. */
export const PURCHASE_ITEM_COLUMNS: Columns = [
  ['event_date', 'Date'],
  ['decided_at', 'DateTime'],
  ['school_id', 'String'],
  ['device_id', 'String'],
  ['seq', 'UInt64'],
  ['product_id', 'String'],
  ['category', 'String'],
  ['price_kop', 'Int64'],
  ['quantity', 'UInt32'],
  ['verdict', 'UInt8'],
  ['ledger_stream_seq', 'UInt64'],
  ['ledger_event_index', 'UInt32'],
  ['item_index', 'UInt32'],
];

/** top_ups: one row per TopUpEvent. The account's opaque id, never its number. */
export const TOP_UP_COLUMNS: Columns = [
  ['event_date', 'Date'],
  ['applied_at', 'DateTime'],
  ['applied_at_ms', 'UInt64'],
  ['channel', 'String'],
  ['payment_id', 'String'],
  ['account_id', 'String'],
  ['amount_kop', 'Int64'],
  ['balance_after_kop', 'Int64'],
  ['gateway_id', 'String'],
  ['ledger_stream_seq', 'UInt64'],
  ['ledger_event_index', 'UInt32'],
];

/** refunds: one row per RefundEvent; (device_id, seq) is the purchase it reverses. */
export const REFUND_COLUMNS: Columns = [
  ['event_date', 'Date'],
  ['applied_at', 'DateTime'],
  ['applied_at_ms', 'UInt64'],
  ['refund_id', 'String'],
  ['device_id', 'String'],
  ['seq', 'UInt64'],
  ['account_id', 'String'],
  ['amount_kop', 'Int64'],
  ['balance_after_kop', 'Int64'],
  ['reason', 'String'],
  ['operator_id', 'String'],
  ['gateway_id', 'String'],
  ['ledger_stream_seq', 'UInt64'],
  ['ledger_event_index', 'UInt32'],
];

/**
 * transfers: one row per TransferOutEvent, on the sending shard (from_shard_id = shard_id). The
 * receiving shard's side is a top_ups row, channel 'transfer', payment_id = transfer_id.
 * TransferDoneEvent makes no row: it moves no money and only ends the sender's retries.
 */
export const TRANSFER_COLUMNS: Columns = [
  ['event_date', 'Date'],
  ['applied_at', 'DateTime'],
  ['applied_at_ms', 'UInt64'],
  ['transfer_id', 'String'],
  ['account_id', 'String'],
  ['amount_kop', 'Int64'],
  ['from_shard_id', 'String'],
  ['to_shard_id', 'String'],
  ['gateway_id', 'String'],
  ['ledger_stream_seq', 'UInt64'],
  ['ledger_event_index', 'UInt32'],
];

/** The column every table ends with: the shard (ledger subject's last token) a row came from. */
export const SHARD_COLUMN = ['shard_id', 'String'] as const;
/** A shard id as the sink accepts it in SQL text and names: the registry's, or a gateway id of before shards. */
export const SINK_SHARD_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Every table the sink writes, in the order a flush inserts into them. */
export const TABLES: readonly TableSpec[] = [
  { name: 'pass_events', columns: COLUMNS, orderBy: 'school_id, event_date, device_id, seq', perItem: false },
  { name: 'purchases', columns: PURCHASE_COLUMNS, orderBy: 'school_id, event_date, device_id, seq', perItem: false },
  { name: 'purchase_items', columns: PURCHASE_ITEM_COLUMNS, orderBy: 'school_id, event_date, device_id, seq, item_index', perItem: true },
  { name: 'top_ups', columns: TOP_UP_COLUMNS, orderBy: 'event_date, channel, payment_id', perItem: false },
  { name: 'refunds', columns: REFUND_COLUMNS, orderBy: 'event_date, refund_id', perItem: false },
  { name: 'transfers', columns: TRANSFER_COLUMNS, orderBy: 'event_date, transfer_id', perItem: false },
];
export const TABLE_NAMES: readonly TableName[] = TABLES.map((s) => s.name);

/**
 * sink_progress: the sink's start hint. A row (P) says every row of every ledger message at or
 * below stream seq P is stored, in every table. It is written only after that is true, so a
 * stale or lost row costs re-reading, never a row. Without it a table that rarely gets rows
 * (refunds) would hold the start back to its own old watermark.
 */
export const PROGRESS_TABLE = 'sink_progress';
export const PROGRESS_COLUMNS: Columns = [
  ['event_date', 'Date'],
  ['written_at', 'DateTime'],
  ['ledger_stream_seq', 'UInt64'],
  ['boot_id', 'String'],
];

/** A position in the LEDGER stream: message seq, event index in its list, item index (0 outside purchase_items). */
export interface LedgerPosition { readonly seq: number; readonly index: number; readonly item: number }
export const POSITION_NONE: LedgerPosition = Object.freeze({ seq: 0, index: -1, item: -1 });

export function positionAfter(a: LedgerPosition, b: LedgerPosition): boolean {
  return a.seq > b.seq || (a.seq === b.seq && (a.index > b.index || (a.index === b.index && a.item > b.item)));
}

function checkDatabase(database: string): string {
  if (!DATABASE_PATTERN.test(database)) throw new TapgateError('CONFIG_INVALID', `database name ${JSON.stringify(database)} is not allowed`);
  return database;
}

export function checkShard(shardId: string): string {
  if (!SINK_SHARD_PATTERN.test(shardId)) throw new TapgateError('CONFIG_INVALID', `shard id ${JSON.stringify(shardId)} is not allowed`);
  return shardId;
}

/** A table's columns as created: its row columns, then shard_id. */
const withShard = (columns: Columns): Columns => [...columns, SHARD_COLUMN];

function createTable(database: string, name: string, columns: Columns, orderBy: string): string {
  return `CREATE TABLE IF NOT EXISTS ${database}.${name} (\n${withShard(columns).map(([n, t]) => `  ${n} ${t}`).join(',\n')}\n)\n` +
    `ENGINE = MergeTree()\nPARTITION BY toYYYYMM(event_date)\nORDER BY (${orderBy})`;
}

export function schemaStatements(database: string): string[] {
  const db = checkDatabase(database);
  return [
    `CREATE DATABASE IF NOT EXISTS ${db}`,
    ...TABLES.map((s) => createTable(db, s.name, s.columns, s.orderBy)),
    createTable(db, PROGRESS_TABLE, PROGRESS_COLUMNS, 'ledger_stream_seq'),
  ];
}

/**
 * Creates the database and tables if missing, then checks that each table has every column
 * with the expected type (a table left by another version must not be written blindly).
 */
export async function ensureSchema(client: ClickHouseClient, database: string): Promise<void> {
  for (const query of schemaStatements(database)) await client.command({ query });
  const expected: Array<readonly [string, Columns]> = [...TABLES.map((s) => [s.name, withShard(s.columns)] as const),
    [PROGRESS_TABLE, withShard(PROGRESS_COLUMNS)]];
  const readColumns = async () => {
    const rs = await client.query({
      query: `SELECT table, name, type FROM system.columns WHERE database = '${database}' AND table IN (${expected.map(([n]) => `'${n}'`).join(', ')})`,
      format: 'JSONEachRow',
    });
    return new Map((await rs.json<{ table: string; name: string; type: string }>()).map((c) => [`${c.table}.${c.name}`, c.type]));
  };
  let actual = await readColumns();
  // A table made before shards gets shard_id now: '' in its old rows. Added only when missing,
  // since ADD COLUMN IF NOT EXISTS is newer than the 18.16 this must run on.
  const lacking = expected.filter(([table]) => !actual.has(`${table}.${SHARD_COLUMN[0]}`));
  for (const [table] of lacking) {
    await client.command({ query: `ALTER TABLE ${database}.${table} ADD COLUMN ${SHARD_COLUMN[0]} ${SHARD_COLUMN[1]}` });
  }
  if (lacking.length > 0) actual = await readColumns();
  for (const [table, columns] of expected) {
    const wrong = columns.filter(([n, t]) => actual.get(`${table}.${n}`) !== t)
      .map(([n, t]) => `${n} ${t} (found ${actual.get(`${table}.${n}`) ?? 'nothing'})`);
    if (wrong.length > 0) throw new TapgateError('SINK_SCHEMA_FAILED', `${database}.${table} exists with other columns: ${wrong.join(', ')}`);
  }
}

/** The rows of one shard and those from before shards ('' ); all rows when shardId is null. */
function shardWhere(shardId: string | null): string {
  return shardId === null ? '' : ` WHERE shard_id IN ('${checkShard(shardId)}', '')`;
}

/**
 * The largest ledger position in one table (of one shard, with the rows from before shards),
 * or POSITION_NONE when there is none. One scan.
 */
export async function readWatermark(client: ClickHouseClient, database: string, table: TableName = 'pass_events',
  shardId: string | null = null): Promise<LedgerPosition> {
  const spec = TABLES.find((s) => s.name === table);
  if (spec === undefined) throw new Error(`no table ${table}`);
  const item = spec.perItem ? 'item_index' : '0';
  const rs = await client.query({
    query: `SELECT ledger_stream_seq AS w_seq, ledger_event_index AS w_idx, ${item} AS w_item FROM ${checkDatabase(database)}.${table}${shardWhere(shardId)} ` +
      'ORDER BY w_seq DESC, w_idx DESC, w_item DESC LIMIT 1',
    format: 'JSONEachRow',
  });
  const top = (await rs.json<{ w_seq: string | number; w_idx: string | number; w_item: string | number }>())[0];
  if (top === undefined) return POSITION_NONE;
  return { seq: Number(top.w_seq), index: Number(top.w_idx), item: Number(top.w_item) };
}

/** Every table's watermark. */
export async function readWatermarks(client: ClickHouseClient, database: string, shardId: string | null = null): Promise<Record<TableName, LedgerPosition>> {
  const out = {} as Record<TableName, LedgerPosition>;
  for (const name of TABLE_NAMES) out[name] = await readWatermark(client, database, name, shardId);
  return out;
}

/** The largest stream seq in sink_progress (of one shard, with the rows from before shards; 0 when none). */
export async function readProgress(client: ClickHouseClient, database: string, shardId: string | null = null): Promise<number> {
  const rs = await client.query({ query: `SELECT max(ledger_stream_seq) AS p FROM ${checkDatabase(database)}.${PROGRESS_TABLE}${shardWhere(shardId)}`,
    format: 'JSONEachRow' });
  return Number((await rs.json<{ p: string | number }>())[0]?.p ?? 0);
}

/**
 * True while ClickHouse still runs a query with this id, or (prefix) with an id starting so: an
 * insert the client gave up on, or any insert of a shard by a sink that had it before. With
 * `initial`, also a query sent on behalf of such a query by another node (its initial_query_id):
 * the part of a Distributed INSERT a shard writes (distributed.ts).
 */
export async function queryRunning(client: ClickHouseClient, queryId: string, prefix = false, initial = false): Promise<boolean> {
  if (!/^[A-Za-z0-9_.-]{1,160}$/.test(queryId)) throw new Error(`bad query id ${queryId}`);
  // substring, not startsWith: 18.16 has no startsWith.
  const match = (column: string) => prefix ? `substring(${column}, 1, ${queryId.length}) = '${queryId}'` : `${column} = '${queryId}'`;
  const where = initial ? `${match('query_id')} OR ${match('initial_query_id')}` : match('query_id');
  const rs = await client.query({ query: `SELECT count() AS n FROM system.processes WHERE ${where}`, format: 'JSONEachRow' });
  const rows = await rs.json<{ n: string | number }>();
  return Number(rows[0]?.n ?? 0) > 0;
}
