// The consumers of the LEDGER stream: the ClickHouse sink and the notifier. Each runs as
// its own process; this is their public face for scripts and tests. Every consumer reads the
// ledger through the one ledger reader (ordered pulls, positions, gaps, acknowledgements).
export {
  LedgerReader, ensureDurableConsumer, retryDelayMs, FETCH_MESSAGES_MAX, FETCH_EXPIRES_MS, IDLE_REFETCH_MAX,
  RETRY_BACKOFF_MIN_MS, RETRY_BACKOFF_MAX_MS,
  type LedgerBatch, type LedgerMessage, type LedgerHandler, type LedgerReaderOptions, type LedgerReadMode,
  type LedgerReaderMetrics, type DurableConsumerSpec, type CounterLike, type GaugeLike,
} from './ledger-reader.js';
export {
  loadSinkConfig, DATABASE_PATTERN, SINK_BATCH_ROWS_HARD_MAX, SHARD_URLS_ENV, CLICKHOUSE_SHARD_URLS_MAX, type SinkConfig,
} from './clickhouse-sink/config.js';
export {
  COLUMNS, PURCHASE_COLUMNS, PURCHASE_ITEM_COLUMNS, TOP_UP_COLUMNS, REFUND_COLUMNS, TRANSFER_COLUMNS, PROGRESS_COLUMNS, PROGRESS_TABLE,
  TABLE, TABLES, TABLE_NAMES, SHARD_COLUMN, SINK_SHARD_PATTERN, schemaStatements, ensureSchema, readWatermark, readWatermarks, readProgress, positionAfter, type LedgerPosition, type TableName, type TableSpec,
} from './clickhouse-sink/schema.js';
export { passRow, batchRows, insertRuns, tsvRows, tsvRowsOf, tsvString, utcDate, type PassRow } from './clickhouse-sink/rows.js';
export {
  moneyRows, purchaseRows, topUpRow, refundRow, transferRow, REFUND_REASON_CHARS_MAX,
  type MoneyRows, type PurchaseRow, type PurchaseItemRow, type TopUpRow, type RefundRow, type TransferRow,
} from './clickhouse-sink/money-rows.js';
export { ClickHouseStore, rowPosition, shardQueryPrefix, type TableRows } from './clickhouse-sink/store.js';
export {
  CLUSTER_ENV, DISTRIBUTED_READER_SETTINGS, DISTRIBUTED_SINK_SETTINGS, LOCAL_SUFFIX, SHARD_LEDGER_SEQS_PER_BLOCK, distributedSchemaStatements,
  ensureDistributedSchema, queryRunningOnNodes, shardKeyValue, shardRuns, shardingKey, useDistributedLayout, type DistributedLayout,
} from './clickhouse-sink/distributed.js';
export {
  ClickHouseSink, SINK_CONSUMER, PROGRESS_INTERVAL_MS, ensureSinkConsumer, sinkConsumerName, sinkDurable,
} from './clickhouse-sink/sink.js';
export {
  ShardSinks, SINK_MEMBERS_BUCKET, SHARD_REFRESH_INTERVAL_MS, sinkLeaseKey, streamShards, type ShardSinksOptions,
} from './clickhouse-sink/shards.js';
export {
  UnitOwnership, OWNERSHIP_MEMBER_TTL_MS, OWNERSHIP_REBALANCE_INTERVAL_MS, type UnitHooks, type OwnershipOptions,
} from './ownership.js';
export { startClickHouseSink, type SinkHandle } from './clickhouse-sink/service.js';
export {
  loadTemplates, templateDir, templateFileName, projectRoot, TEMPLATE_FILE_BYTES_MAX, BUILT_IN_TEMPLATE_PATH,
  type TemplateSet, type TemplateOrigin,
} from './notifier/templates.js';
