// The sink's side of ClickHouse: each table's watermark, the inserts, and the progress hint.
//
// Each table is written on its own, in ledger position order, one INSERT at a time, each INSERT
// under a million rows into one partition: one part, all or nothing. So a table's stored rows
// are always exactly those at or below its watermark (its largest position), whatever crashed
// between the inserts of one ledger message into different tables: after a crash each table
// resumes from its own watermark. Watermarks are read at start and after every failed insert,
// once ClickHouse no longer runs the failed query (so it cannot land after the read).
// A store serves one shard: its watermarks are the shard's (schema.ts), every row it inserts
// carries the shard's id in shard_id, and every insert's query id starts with
// shardQueryPrefix(shard), so that the next owner of the shard can wait for them to end.
//
// In the sharded layout (distributed.ts) the tables are Distributed, and an INSERT spanning two
// ClickHouse shards is not all or nothing. So each run is further split where its sharding key
// changes (shardRuns): every INSERT then lands on one ClickHouse shard, one part, all or nothing,
// as on one server, and the watermark read through the Distributed table stays exact. Whether a
// failed insert still runs is asked of every node, where its part may still be written.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '../../lib/index.js';
import type { SinkMetrics } from './metrics.js';
import type { tapgate } from '../../core/proto.js';
import {
  moneyRows, type MoneyRows, type PurchaseItemRow, type PurchaseRow, type RefundRow, type TopUpRow, type TransferRow,
} from './money-rows.js';
import { batchRows, insertRuns, tsvRows, tsvRowsOf, tsvString, utcDate, type PassRow } from './rows.js';
import {
  PROGRESS_COLUMNS, PROGRESS_TABLE, POSITION_NONE, SHARD_COLUMN, TABLES, TABLE_NAMES, checkShard, positionAfter, queryRunning,
  readProgress, readWatermarks, type LedgerPosition, type TableName, type TableSpec,
} from './schema.js';
import { queryRunningOnNodes, shardRuns, type DistributedLayout } from './distributed.js';

export interface RowTypes {
  pass_events: PassRow; purchases: PurchaseRow; purchase_items: PurchaseItemRow; top_ups: TopUpRow; refunds: RefundRow;
  transfers: TransferRow;
}
/** The rows of one ledger message (or several), by table, each list in position order. */
export type TableRows = { [K in TableName]: Array<RowTypes[K]> };
type AnyRow = RowTypes[TableName];

const COLUMN_NAMES = Object.fromEntries(TABLES.map((s) => [s.name, s.columns.map(([n]) => n)])) as Record<TableName, string[]>;
const PROGRESS_COLUMN_NAMES = PROGRESS_COLUMNS.map(([n]) => n);
const SPECS = Object.fromEntries(TABLES.map((s) => [s.name, s])) as Record<TableName, TableSpec>;

/** The columns an insert names: the row's, then shard_id. */
const insertColumns = (names: readonly string[]): [string, ...string[]] => [...names, SHARD_COLUMN[0]] as unknown as [string, ...string[]];

/** Every query id of a shard's inserts starts so (the dots keep shard 'a' apart from 'a-b'). */
export const shardQueryPrefix = (shardId: string) => `tapgate_sink.${shardId}.`;

/** A TabSeparated body with the shard's id added as the last field of every row (rows end in LF; escaped values hold none). */
function withShardField(body: string, shardId: string): string {
  return body.replaceAll('\n', `\t${tsvString(shardId)}\n`);
}

export function emptyTableRows(): TableRows {
  return { pass_events: [], purchases: [], purchase_items: [], top_ups: [], refunds: [], transfers: [] };
}

export function tableRowsOf(passes: PassRow[], money: MoneyRows): TableRows {
  return { pass_events: passes, purchases: money.purchases, purchase_items: money.items, top_ups: money.topUps, refunds: money.refunds,
    transfers: money.transfers };
}

export function rowCount(rows: TableRows): number {
  let n = 0;
  for (const name of TABLE_NAMES) n += rows[name].length;
  return n;
}

export function rowPosition(r: AnyRow): LedgerPosition {
  return { seq: r.ledger_stream_seq, index: r.ledger_event_index, item: 'item_index' in r ? r.item_index : 0 };
}

/** A query id never repeats: one per shard, process start (bootId) and insert. */
export class ClickHouseStore {
  private readonly wm = Object.fromEntries(TABLE_NAMES.map((n) => [n, POSITION_NONE])) as Record<TableName, LedgerPosition>;
  private insertNo = 0;
  /** The query id of the insert in flight or last tried. */
  lastQueryId: string | null = null;

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly database: string,
    private readonly bootId: string,
    private readonly batchRowsMax: number,
    private readonly metrics: SinkMetrics,
    private readonly log: Logger,
    /** The shard whose rows this store writes. */
    readonly shardId: string,
    /** The sharded layout, or null: one server. */
    private readonly layout: DistributedLayout | null = null,
  ) {
    checkShard(shardId);
  }

  watermark(table: TableName): LedgerPosition {
    return this.wm[table];
  }

  watermarks(): Readonly<Record<TableName, LedgerPosition>> {
    return this.wm;
  }

  /** Reads every table's watermark; logs a table whose watermark went back (rows lost inside ClickHouse). */
  async readWatermarks(): Promise<void> {
    const now = await readWatermarks(this.ch, this.database, this.shardId);
    for (const name of TABLE_NAMES) {
      if (positionAfter(this.wm[name], now[name])) this.log.error({ shard: this.shardId, table: name, before: this.wm[name], after: now[name] }, 'ClickHouse watermark went back: rows were lost inside ClickHouse');
      this.wm[name] = now[name];
    }
  }

  readProgress(): Promise<number> {
    return readProgress(this.ch, this.database, this.shardId);
  }

  /** True while the last insert tried may still be running in ClickHouse. */
  async lastInsertRunning(): Promise<boolean> {
    return this.lastQueryId !== null && await this.running(this.lastQueryId, false);
  }

  /** True while ClickHouse runs any insert of this shard (a previous owner's, or one given up on). */
  shardInsertsRunning(): Promise<boolean> {
    return this.running(shardQueryPrefix(this.shardId), true);
  }

  /** On one server, its process list; in the sharded layout, every node's (distributed.ts). */
  private running(queryId: string, prefix: boolean): Promise<boolean> {
    return this.layout === null ? queryRunning(this.ch, queryId, prefix) : queryRunningOnNodes(this.layout.nodes, queryId, prefix);
  }

  /**
   * The rows of one ledger message not yet stored (above each table's watermark), and the
   * events that cannot be stored. Passes at or below the pass_events watermark are not even
   * made into rows.
   */
  unstoredRows(seq: number, batch: tapgate.events.v1.ILedgerBatch): { rows: TableRows; invalid: Array<{ list: 'pass' | 'money'; index: number; why: string }> } {
    const passes = batch.passes ?? [];
    const passWm = this.wm.pass_events;
    const fromIndex = seq < passWm.seq ? passes.length : seq === passWm.seq ? passWm.index + 1 : 0;
    const gatewayId = batch.gatewayId ?? '';
    const p = batchRows(passes, gatewayId, seq, fromIndex);
    const m = moneyRows(batch.money ?? [], gatewayId, seq, this.shardId);
    const rows = tableRowsOf(p.rows, m);
    this.keepUnstored(rows);
    const invalid = [...p.invalid.map((x) => ({ list: 'pass' as const, ...x })), ...m.invalid.map((x) => ({ list: 'money' as const, ...x }))];
    return { rows, invalid };
  }

  /** Drops the rows at or below their table's watermark (already stored), in place. */
  keepUnstored(rows: TableRows): void {
    for (const name of TABLE_NAMES) {
      const wm = this.wm[name];
      const list: AnyRow[] = rows[name];
      if (list.length > 0 && !positionAfter(rowPosition(list[0]!), wm)) {
        (rows as Record<TableName, AnyRow[]>)[name] = list.filter((r) => positionAfter(rowPosition(r), wm));
      }
    }
  }

  /** Inserts, table by table, every row of `batches` above its table's watermark. Throws on the first failure. */
  async insert(batches: readonly TableRows[]): Promise<void> {
    for (const name of TABLE_NAMES) {
      const wm = this.wm[name];
      const pending = batches.flatMap((b) => b[name] as AnyRow[]).filter((r) => positionAfter(rowPosition(r), wm));
      for (const run of insertRuns(pending, this.batchRowsMax)) {
        if (this.layout === null) await this.insertRun(name, run);
        // One ClickHouse shard per INSERT: a failed one then leaves nothing of its run anywhere.
        else for (const one of shardRuns(SPECS[name], run)) await this.insertRun(name, one);
      }
    }
  }

  private async insertRun(table: TableName, run: AnyRow[]): Promise<void> {
    const started = process.hrtime.bigint();
    const queryId = `${shardQueryPrefix(this.shardId)}${this.bootId}.${++this.insertNo}`;
    this.lastQueryId = queryId;
    const rowsBody = table === 'pass_events' ? tsvRows(run as PassRow[]) : tsvRowsOf(COLUMN_NAMES[table], run as Array<Record<string, string | number>>);
    const body = withShardField(rowsBody, this.shardId);
    await this.ch.insert({ table: `${this.database}.${table}`, values: Readable.from([body], { objectMode: false }),
      format: 'TabSeparated', columns: insertColumns(COLUMN_NAMES[table]), query_id: queryId });
    this.wm[table] = rowPosition(run[run.length - 1]!);
    this.metrics.insertSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    this.metrics.inserts.inc();
    this.metrics.rowsInserted.inc(run.length);
    this.metrics.tableRowsInserted.inc({ table }, run.length);
    this.log.debug({ queryId, shard: this.shardId, table, rows: run.length, to: this.wm[table] }, 'rows inserted');
  }

  /**
   * Records that every row of every message at or below `seq` is stored. Only a start hint: a
   * failure is logged and forgotten, and a late landing is harmless (it was true when sent).
   */
  async writeProgress(seq: number): Promise<boolean> {
    const nowMs = Date.now();
    const row = { event_date: utcDate(nowMs), written_at: Math.floor(nowMs / 1000), ledger_stream_seq: seq, boot_id: this.bootId };
    const body = withShardField(tsvRowsOf(PROGRESS_COLUMN_NAMES, [row]), this.shardId);
    try {
      await this.ch.insert({ table: `${this.database}.${PROGRESS_TABLE}`, values: Readable.from([body], { objectMode: false }),
        format: 'TabSeparated', columns: insertColumns(PROGRESS_COLUMN_NAMES) });
      return true;
    } catch (err) {
      this.log.warn({ shard: this.shardId, seq, err: String((err as Error)?.message ?? err).slice(0, 300) }, 'sink progress not written (only a start hint)');
      return false;
    }
  }
}
