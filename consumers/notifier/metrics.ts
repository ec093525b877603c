// The notifier's Prometheus metrics: what an operator watches (sent, failed and parked notices by
// type and channel, the send latency from the event, the journal). Labels are bounded sets
// (notice type, channel, status); never an id.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createNotifierMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tapgate_notify_' });
  const r = [registry];
  return {
    registry,
    planned: new Counter({ name: 'tapgate_notify_planned_total', help: 'Notices planned (one per event, recipient and channel)',
      labelNames: ['type', 'channel'] as const, registers: r }),
    finished: new Counter({ name: 'tapgate_notify_finished_total', help: 'Notices finished, by final status (sent, failed = parked in the dead letter, gone, uncertain, collapsed, skipped)',
      labelNames: ['type', 'channel', 'status'] as const, registers: r }),
    retries: new Counter({ name: 'tapgate_notify_retries_total', help: 'Send attempts that failed for a while and were rescheduled', labelNames: ['channel'] as const, registers: r }),
    delivered: new Counter({ name: 'tapgate_notify_delivered_total', help: 'Delivery receipts (SMS), by result', labelNames: ['result'] as const, registers: r }),
    deadLetter: new Gauge({ name: 'tapgate_notify_dead_letter', help: 'Notices parked as failed or uncertain since this process started', registers: r }),
    open: new Gauge({ name: 'tapgate_notify_open', help: 'Notices queued or being sent in the partitions this process owns', registers: r }),
    partitionsOwned: new Gauge({ name: 'tapgate_notify_partitions_owned', help: 'Partitions of recipients this process works', registers: r }),
    ledgerLag: new Gauge({ name: 'tapgate_notify_ledger_lag_messages', help: 'Ledger messages not yet planned', registers: r }),
    eventToAcceptedSeconds: new Histogram({ name: 'tapgate_notify_event_to_accepted_seconds', help: 'From the event (tap decided) to the provider accepting the notice',
      labelNames: ['channel'] as const, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600], registers: r }),
    ledgerMessages: new Counter({ name: 'tapgate_notify_ledger_messages_total', help: 'Ledger messages read in order', registers: r }),
    ledgerRefetched: new Counter({ name: 'tapgate_notify_ledger_refetched_total', help: 'Ledger messages read straight from the stream to close a gap', registers: r }),
    ledgerMissing: new Counter({ name: 'tapgate_notify_ledger_missing_total', help: 'Ledger sequence numbers no longer in the stream', registers: r }),
    ledgerInvalid: new Counter({ name: 'tapgate_notify_ledger_invalid_total', help: 'Ledger messages that did not decode (skipped)', registers: r }),
    ledgerDuplicates: new Counter({ name: 'tapgate_notify_ledger_duplicates_total', help: 'Ledger deliveries already handled', registers: r }),
    ledgerFetchFailures: new Counter({ name: 'tapgate_notify_ledger_fetch_failures_total', help: 'Failed pulls from the ledger (retried)', registers: r }),
    journalAppends: new Counter({ name: 'tapgate_notify_journal_appends_total', help: 'Journal records appended', registers: r }),
    loginSms: new Counter({ name: 'tapgate_notify_login_sms_total', help: 'Login codes the API asked to send by SMS, by outcome (sent, failed)',
      labelNames: ['outcome'] as const, registers: r }),
    deliveryLogRowsDropped: new Counter({ name: 'tapgate_notify_delivery_log_rows_dropped_total', help: 'Delivery log rows dropped because ClickHouse was away too long', registers: r }),
  };
}
export type NotifierMetrics = ReturnType<typeof createNotifierMetrics>;
