// The sharded ClickHouse layout (docs/clickhouse-sharding.md): on every node of a cluster each
// sink table exists as `<table>_local`, with the single-server DDL of schema.ts (same columns,
// engine, partitioning and order); on the entry nodes, the ones the sink and the readers talk
// to, `<table>` is `ENGINE = Distributed(<cluster>, <db>, <table>_local, <sharding key>)`. So
// every query and INSERT written for one server runs unchanged against the Distributed name,
// given the settings below. The single server stays the default; this layout is chosen with
// TAPGATE_CLICKHOUSE_CLUSTER (useDistributedLayout).
//
// The sink's exactly-once needs care here. On one server an INSERT into one partition is one
// part, all or nothing, so a table's largest stored ledger position (its watermark) says which
// rows are stored. An INSERT into a Distributed table is one INSERT per shard: with
// insert_distributed_sync=1 it returns only when every shard has its part (so a read after it
// sees every row), but when it fails, some shards may have their part and others not, and the
// largest position then covers rows that are missing on another shard. Hence the rule the sink
// must follow in this layout: every INSERT holds rows of one sharding key value only, as it
// already holds rows of one partition month only (shardRuns splits a run where the key
// changes). Then each INSERT lands on one shard, all or nothing, and the watermark read through
// the Distributed table (which fails while a shard is down, never skips it) is exact again.
//
// sink_progress stays a plain local table on each entry node, not distributed: it is only the
// sink's start hint, written after every table holds every row at or below its seq (true on
// every shard once the synchronous INSERTs returned), and a stale or missing hint costs
// re-reading, never a row. Kept local, writing it needs no other node to be up.
import type { ClickHouseClient } from '@clickhouse/client';
import { TapgateError } from '../../core/index.js';
import { CLUSTER_NAME_PATTERN } from '../../lib/index.js';
import { PROGRESS_TABLE, TABLES, ensureSchema, queryRunning, schemaStatements, type TableSpec } from './schema.js';

// The layout's variable and client settings live in lib/ (the API's reader needs them too).
export {
  CLUSTER_ENV, CLUSTER_NAME_PATTERN, DISTRIBUTED_READER_SETTINGS, DISTRIBUTED_SINK_SETTINGS, useDistributedLayout,
} from '../../lib/index.js';

/** The suffix of the per-shard tables that hold the rows. */
export const LOCAL_SUFFIX = '_local';
/**
 * Ledger messages per sharding block for tables without a school: rows of 4096 consecutive
 * ledger messages go to one shard, so the sink's runs are split only once per 4096 messages.
 */
export const SHARD_LEDGER_SEQS_PER_BLOCK = 4096;

/** The sharded layout as the sink uses it (null where it takes a layout: one server). */
export interface DistributedLayout {
  /** The cluster's name, as in remote_servers (TAPGATE_CLICKHOUSE_CLUSTER). */
  readonly cluster: string;
  /** A client of every node, the entry node (TAPGATE_CLICKHOUSE_URL) first. */
  readonly nodes: readonly ClickHouseClient[];
}

/** The row fields a sharding key reads. */
interface KeyedRow { readonly school_id?: string; readonly ledger_stream_seq: number }

/**
 * The sharding key of a table: by school when the table has a school_id column (pass_events,
 * purchases, purchase_items: a school's rows stay together, and a purchase's items go where the
 * purchase goes). Tables without a school (top_ups, refunds: accounts) go by blocks of ledger
 * messages, not by account_id: the sink must split its inserts where the key changes, and an
 * account key would split them into nearly one insert per row, while a ledger block keeps them
 * whole. A ledger message's money rows then all live on one shard.
 */
export function shardingKey(spec: TableSpec): string {
  if (spec.columns.some(([n]) => n === 'school_id')) return 'cityHash64(school_id)';
  return `intDiv(ledger_stream_seq, ${SHARD_LEDGER_SEQS_PER_BLOCK})`;
}

/** The value the sharding key of `spec` hashes or divides, for one row: equal values, same shard. */
export function shardKeyValue(spec: TableSpec, row: KeyedRow): string {
  if (spec.columns.some(([n]) => n === 'school_id')) return `school:${row.school_id ?? ''}`;
  return `block:${Math.floor(row.ledger_stream_seq / SHARD_LEDGER_SEQS_PER_BLOCK)}`;
}

/**
 * Splits rows (in ledger position order) into runs of one sharding key value each, keeping the
 * order: each run then lands on one shard as one part, all or nothing. Apply to every run
 * insertRuns makes before inserting it into a Distributed table.
 */
export function shardRuns<R extends KeyedRow>(spec: TableSpec, rows: readonly R[]): R[][] {
  const runs: R[][] = [];
  let run: R[] = [];
  let key = '';
  for (const r of rows) {
    const k = shardKeyValue(spec, r);
    if (run.length > 0 && k !== key) { runs.push(run); run = []; }
    key = k;
    run.push(r);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)\.(\w+) \(/;

/**
 * The DDL of one node. Every node: the database and `<table>_local` for every sink table, the
 * single-server statements with the name changed. Entry nodes (local: false) also get
 * `<table>` as Distributed over the locals and sink_progress as a plain table.
 */
export function distributedSchemaStatements(database: string, clusterName: string, opts: { local: boolean }): string[] {
  if (!CLUSTER_NAME_PATTERN.test(clusterName)) {
    throw new TapgateError('CONFIG_INVALID', `cluster name ${JSON.stringify(clusterName)} is not allowed`);
  }
  const single = schemaStatements(database);
  const sharded = new Map(TABLES.map((s) => [s.name as string, s]));
  const locals: string[] = [];
  const entry: string[] = [];
  for (const sql of single) {
    if (sql.startsWith('CREATE DATABASE ')) { locals.push(sql); continue; }
    const m = CREATE_TABLE.exec(sql);
    if (m === null) throw new Error(`schema.ts made a statement distributed.ts does not know: ${sql.slice(0, 60)}`);
    const table = m[2]!;
    const spec = sharded.get(table);
    if (spec !== undefined) {
      locals.push(sql.replace(CREATE_TABLE, `CREATE TABLE IF NOT EXISTS $1.$2${LOCAL_SUFFIX} (`));
      entry.push(`CREATE TABLE IF NOT EXISTS ${database}.${table} AS ${database}.${table}${LOCAL_SUFFIX}\n` +
        `ENGINE = Distributed(${clusterName}, ${database}, ${table}${LOCAL_SUFFIX}, ${shardingKey(spec)})`);
    } else if (table === PROGRESS_TABLE) {
      entry.push(sql);
    } else {
      throw new Error(`schema.ts made a table distributed.ts does not know: ${table}`);
    }
  }
  return opts.local ? locals : [...locals, ...entry];
}

async function rowsOf<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
}

/** Refuses a node whose `<table>` exists with another engine (a single-server table left behind). */
async function checkEntryEngines(client: ClickHouseClient, database: string, node: number): Promise<void> {
  const names = TABLES.map((s) => `'${s.name}'`).join(', ');
  const rows = await rowsOf<{ name: string; engine: string }>(client,
    `SELECT name, engine FROM system.tables WHERE database = '${database}' AND name IN (${names})`);
  const wrong = rows.filter((r) => r.engine !== 'Distributed').map((r) => `${r.name} (${r.engine})`);
  if (wrong.length > 0) {
    throw new TapgateError('SINK_SCHEMA_FAILED', `node ${node}: ${database} has tables that are not Distributed: ${wrong.join(', ')}`);
  }
}

/** Checks that every `<table>_local` has each column of its spec, with its type. */
async function checkLocalColumns(client: ClickHouseClient, database: string, node: number): Promise<void> {
  const names = TABLES.map((s) => `'${s.name}${LOCAL_SUFFIX}'`).join(', ');
  const rows = await rowsOf<{ table: string; name: string; type: string }>(client,
    `SELECT table, name, type FROM system.columns WHERE database = '${database}' AND table IN (${names})`);
  const actual = new Map(rows.map((c) => [`${c.table}.${c.name}`, c.type]));
  for (const spec of TABLES) {
    const table = `${spec.name}${LOCAL_SUFFIX}`;
    const wrong = spec.columns.filter(([n, t]) => actual.get(`${table}.${n}`) !== t)
      .map(([n, t]) => `${n} ${t} (found ${actual.get(`${table}.${n}`) ?? 'nothing'})`);
    if (wrong.length > 0) {
      throw new TapgateError('SINK_SCHEMA_FAILED', `node ${node}: ${database}.${table} exists with other columns: ${wrong.join(', ')}`);
    }
  }
}

/**
 * Creates the layout on a cluster: the local tables on every node first, then on the first
 * `entryNodes` clients (all by default) the Distributed tables and sink_progress. Checks the
 * local tables' columns on every node, that `<table>` is Distributed on each entry node, and
 * then runs ensureSchema there, whose column check now reads the Distributed tables.
 */
export async function ensureDistributedSchema(
  clients: readonly ClickHouseClient[], database: string, clusterName: string, entryNodes = clients.length,
): Promise<void> {
  if (clients.length === 0 || !Number.isInteger(entryNodes) || entryNodes < 1 || entryNodes > clients.length) {
    throw new Error(`entryNodes ${entryNodes} is not from 1 to the ${clients.length} clients`);
  }
  const locals = distributedSchemaStatements(database, clusterName, { local: true });
  const full = distributedSchemaStatements(database, clusterName, { local: false });
  for (const [i, client] of clients.entries()) {
    for (const query of locals) await client.command({ query });
    await checkLocalColumns(client, database, i + 1);
  }
  for (const [i, client] of clients.slice(0, entryNodes).entries()) {
    for (const query of full.slice(locals.length)) await client.command({ query });
    await checkEntryEngines(client, database, i + 1);
    await ensureSchema(client, database);
  }
}

/**
 * True while any node of the cluster runs a query with this id (or, prefix, an id starting so),
 * on its own or as the part of a Distributed INSERT the entry node sent it (initial_query_id).
 * The entry node alone is not enough: when it gives up on a shard, that shard may still be
 * writing its part, and a watermark read before the part lands would not see it. A node that
 * does not answer throws, as the watermark read through the Distributed tables would.
 */
export async function queryRunningOnNodes(nodes: readonly ClickHouseClient[], queryId: string, prefix = false): Promise<boolean> {
  for (const node of nodes) {
    if (await queryRunning(node, queryId, prefix, true)) return true;
  }
  return false;
}
