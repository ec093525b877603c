// The delivery log: one ClickHouse row per status a notice reaches (queued when planned; then
// sent, delivered, failed, gone, uncertain, collapsed or skipped). A guardian reads their own
// through the API ("my notifications": the latest status per notice), an operator counts them.
// Ids and codes only: the text, names, addresses and phones are never stored here; the API
// names the child from the registry when it answers.
//
// Rows are batched (a flush every DELIVERY_LOG_FLUSH_MS or DELIVERY_LOG_BATCH_ROWS rows). While
// ClickHouse is away they wait, up to DELIVERY_LOG_BUFFER_ROWS_MAX; beyond that the oldest are
// dropped and counted: the journal, not this log, is what keeps a notice from being sent twice.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { tsvString } from '../clickhouse-sink/rows.js';
import type { Logger } from '../../lib/index.js';
import type { NotifierMetrics } from './metrics.js';
import type { Notice } from './partition.js';

export const DELIVERY_LOG_TABLE = 'notifications';
export const DELIVERY_LOG_FLUSH_MS = 500;
export const DELIVERY_LOG_BATCH_ROWS = 20_000;
export const DELIVERY_LOG_BUFFER_ROWS_MAX = 500_000;

export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'undelivered', 'failed', 'gone', 'uncertain', 'collapsed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const COLUMNS = [
  ['key', 'String'], ['guardian_id', 'String'], ['person_id', 'String'], ['school_id', 'String'], ['type', 'String'],
  ['channel', 'String'], ['status', 'String'], ['code', 'String'], ['late', 'UInt8'], ['event_time_ms', 'UInt64'],
  ['at_ms', 'UInt64'], ['at', 'DateTime'], ['event_date', 'Date'], ['ledger_stream_seq', 'UInt64'],
] as const;
const COLUMN_NAMES = COLUMNS.map(([n]) => n) as unknown as readonly string[];

export function deliveryLogSchema(database: string): string {
  return `CREATE TABLE IF NOT EXISTS ${database}.${DELIVERY_LOG_TABLE} (\n${COLUMNS.map(([n, t]) => `  ${n} ${t}`).join(',\n')}\n)\n` +
    'ENGINE = MergeTree()\nPARTITION BY toYYYYMM(event_date)\nORDER BY (guardian_id, event_time_ms, key)';
}

type Row = readonly (string | number)[];

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utcSecond = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function tsvBody(rows: readonly Row[]): string {
  let out = '';
  for (const r of rows) out += r.map((v) => typeof v === 'string' ? tsvString(v) : String(v)).join('\t') + '\n';
  return out;
}

export class DeliveryLog {
  private rows: Row[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The database and table exist (created at start, or at the first flush that finds ClickHouse). */
  private ready = false;
  failing = false;

  constructor(private readonly ch: ClickHouseClient, private readonly database: string, private readonly metrics: NotifierMetrics,
    private readonly log: Logger) {}

  /** Flushes every DELIVERY_LOG_FLUSH_MS from now on; the schema is made at the first flush ClickHouse answers. */
  start(): void {
    this.timer = setInterval(() => { void this.flush(); }, DELIVERY_LOG_FLUSH_MS);
  }

  private async ensureSchema(): Promise<void> {
    if (this.ready) return;
    await this.ch.command({ query: `CREATE DATABASE IF NOT EXISTS ${this.database}` });
    await this.ch.command({ query: deliveryLogSchema(this.database) });
    this.ready = true;
  }

  record(n: Notice, status: DeliveryStatus, code: string, atMs: number): void {
    this.rows.push([n.key, n.guardianId, n.personId, n.schoolId, n.type, n.channel, status, code, n.late ? 1 : 0, n.eventTimeMs,
      atMs, utcSecond(atMs), utcDay(n.eventTimeMs), n.ledgerSeq]);
    if (this.rows.length > DELIVERY_LOG_BUFFER_ROWS_MAX) {
      const drop = this.rows.length - DELIVERY_LOG_BUFFER_ROWS_MAX;
      this.rows.splice(0, drop);
      this.metrics.deliveryLogRowsDropped.inc(drop);
    }
    if (this.rows.length >= DELIVERY_LOG_BATCH_ROWS) void this.flush();
  }

  flush(): Promise<void> {
    if (this.flushing !== null || this.rows.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.rows.splice(0, DELIVERY_LOG_BATCH_ROWS);
    this.flushing = this.ensureSchema().then(() => this.ch.insert({ table: `${this.database}.${DELIVERY_LOG_TABLE}`,
      values: Readable.from([tsvBody(batch)], { objectMode: false }),
      format: 'TabSeparated', columns: COLUMN_NAMES as [string, ...string[]] })).then(() => {
      if (this.failing) this.log.info('delivery log inserts work again');
      this.failing = false;
    }, (err: unknown) => {
      if (!this.failing) this.log.warn({ err: String((err as Error)?.message ?? err).slice(0, 300) }, 'delivery log insert failed; rows kept for the next try');
      this.failing = true;
      this.rows.unshift(...batch);
    }).finally(() => { this.flushing = null; });
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    for (let i = 0; i < 5 && this.rows.length > 0; i++) await this.flush();
    await this.flushing;
  }
}
