// The consumers of the LEDGER stream: the ClickHouse sink (later the notifier). Each runs as
// its own process; this is their public face for scripts and tests.
export { loadSinkConfig, DATABASE_PATTERN, SINK_BATCH_ROWS_HARD_MAX, type SinkConfig } from './clickhouse-sink/config.js';
export { COLUMNS, TABLE, schemaStatements, ensureSchema, readWatermark, type LedgerPosition } from './clickhouse-sink/schema.js';
export { passRow, batchRows, insertRuns, tsvRows, tsvString, utcDate, type PassRow } from './clickhouse-sink/rows.js';
export { ClickHouseSink, SINK_CONSUMER, ensureSinkConsumer } from './clickhouse-sink/sink.js';
export { startClickHouseSink, type SinkHandle } from './clickhouse-sink/service.js';
