// The sink's Prometheus metrics. No labels that grow with devices, schools or persons: the
// series count is fixed (the only label is the table, one of six).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createSinkMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tapgate_sink_' });
  const r = [registry];
  return {
    registry,
    messages: new Counter({ name: 'tapgate_sink_messages_total', help: 'Ledger messages taken from the consumer or re-read from the stream', registers: r }),
    messagesRefetched: new Counter({ name: 'tapgate_sink_messages_refetched_total', help: 'Ledger messages read directly from the stream to close a gap in delivery', registers: r }),
    messagesSkipped: new Counter({ name: 'tapgate_sink_messages_skipped_total', help: 'Ledger messages acknowledged without an insert: at or below the ClickHouse watermark', registers: r }),
    messagesMissing: new Counter({ name: 'tapgate_sink_messages_missing_total', help: 'Ledger sequence numbers no longer in the stream (deleted) when the sink reached them', registers: r }),
    messagesInvalid: new Counter({ name: 'tapgate_sink_messages_invalid_total', help: 'Ledger messages that did not decode as a LedgerBatch (acknowledged and dropped)', registers: r }),
    eventsInvalid: new Counter({ name: 'tapgate_sink_events_invalid_total', help: 'Ledger events (passes or money) with a value that does not fit its column (dropped)', registers: r }),
    rowsInserted: new Counter({ name: 'tapgate_sink_rows_inserted_total', help: 'Rows inserted into ClickHouse, all tables', registers: r }),
    tableRowsInserted: new Counter({ name: 'tapgate_sink_table_rows_inserted_total', help: 'Rows inserted into ClickHouse, by table',
      labelNames: ['table'] as const, registers: r }),
    progressWrites: new Counter({ name: 'tapgate_sink_progress_writes_total', help: 'Rows written to sink_progress (the start hint)', registers: r }),
    inserts: new Counter({ name: 'tapgate_sink_inserts_total', help: 'Successful ClickHouse INSERT statements', registers: r }),
    insertFailures: new Counter({ name: 'tapgate_sink_insert_failures_total', help: 'ClickHouse INSERT statements that failed (the batch is retried, not acknowledged)', registers: r }),
    insertSeconds: new Histogram({ name: 'tapgate_sink_insert_seconds', help: 'ClickHouse INSERT round trip',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: r }),
    batchRows: new Histogram({ name: 'tapgate_sink_batch_rows', help: 'Rows per flushed batch',
      buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000], registers: r }),
    fetchFailures: new Counter({ name: 'tapgate_sink_fetch_failures_total', help: 'Failed pulls from the JetStream consumer', registers: r }),
    lag: new Gauge({ name: 'tapgate_sink_lag_messages', help: 'Ledger messages not yet delivered to the sink, as last reported by JetStream', registers: r }),
    shardsOwned: new Gauge({ name: 'tapgate_sink_shards_owned', help: 'Shards this sink stores now (holds the lease of)', registers: r }),
    queuedRows: new Gauge({ name: 'tapgate_sink_queued_rows', help: 'Rows received and not yet inserted', registers: r }),
  };
}

export type SinkMetrics = ReturnType<typeof createSinkMetrics>;
