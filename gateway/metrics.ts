// The gateway's Prometheus metrics. Labels are bounded enums (verdict, reason, code, kind):
// never a device id, school id or person id, so the series count stays fixed however many
// devices connect.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createGatewayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tapgate_gateway_' });
  const m = {
    registry,
    devicesConnected: new Gauge({ name: 'tapgate_gateway_devices_connected', help: 'Authenticated device sessions open now', registers: [registry] }),
    connectionsOpen: new Gauge({ name: 'tapgate_gateway_sockets_open', help: 'Device WebSockets open now, authenticated or not', registers: [registry] }),
    handshakes: new Counter({ name: 'tapgate_gateway_handshakes_total', help: 'Device handshakes by result', labelNames: ['result'] as const, registers: [registry] }),
    closes: new Counter({ name: 'tapgate_gateway_device_closes_total', help: 'Device sockets closed by the gateway, by close code', labelNames: ['code'] as const, registers: [registry] }),
    frames: new Counter({ name: 'tapgate_gateway_frames_total', help: 'Device frames received, by kind', labelNames: ['kind'] as const, registers: [registry] }),
    frameErrors: new Counter({ name: 'tapgate_gateway_frame_errors_total', help: 'Device frames refused with an Error frame, by error code', labelNames: ['code'] as const, registers: [registry] }),
    taps: new Counter({ name: 'tapgate_gateway_taps_total', help: 'Taps decided, by verdict and reason (first decisions only)', labelNames: ['verdict', 'reason'] as const, registers: [registry] }),
    tapsReplayed: new Counter({ name: 'tapgate_gateway_taps_replayed_total', help: 'Retransmitted taps answered with their original decision', registers: [registry] }),
    decisionLatency: new Histogram({ name: 'tapgate_gateway_decision_latency_seconds', help: 'From a TapBatch frame received to its decisions sent, per frame',
      buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1], registers: [registry] }),
    workerTasks: new Counter({ name: 'tapgate_gateway_worker_tasks_total', help: 'Micro-batches sent to the tap workers', registers: [registry] }),
    workerTaskFrames: new Histogram({ name: 'tapgate_gateway_worker_task_frames', help: 'Frames per micro-batch', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256], registers: [registry] }),
    workerTaskSeconds: new Histogram({ name: 'tapgate_gateway_worker_task_seconds', help: 'From a micro-batch sent to a worker to its result applied in order',
      buckets: [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.25, 1], registers: [registry] }),
    workerQueue: new Gauge({ name: 'tapgate_gateway_worker_queue_tasks', help: 'Micro-batches waiting for a worker', registers: [registry] }),
    ledgerAppends: new Counter({ name: 'tapgate_gateway_ledger_appends_total', help: 'Ledger batches appended to JetStream', registers: [registry] }),
    ledgerEvents: new Counter({ name: 'tapgate_gateway_ledger_events_total', help: 'Decisions appended to the ledger', registers: [registry] }),
    ledgerAppendSeconds: new Histogram({ name: 'tapgate_gateway_ledger_append_seconds', help: 'JetStream append round trip per ledger batch',
      buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.25, 1, 5], registers: [registry] }),
    ledgerPending: new Gauge({ name: 'tapgate_gateway_ledger_pending_appends', help: 'Sealed ledger batches not yet acknowledged (the first is being appended)', registers: [registry] }),
    ledgerRetries: new Counter({ name: 'tapgate_gateway_ledger_append_retries_total', help: 'Ledger append attempts whose outcome was unknown (timeouts, broker stalls), retried with the same message id', registers: [registry] }),
    ledgerStalled: new Gauge({ name: 'tapgate_gateway_ledger_stalled', help: '1 while the head ledger append is being retried and new taps are refused with OVERLOADED', registers: [registry] }),
    ledgerFenced: new Counter({ name: 'tapgate_gateway_ledger_fenced_total', help: 'Appends refused by the broker because another writer owns the ledger subject', registers: [registry] }),
    registryChanges: new Counter({ name: 'tapgate_gateway_registry_changes_total', help: 'Registry changes applied from the KV watch', registers: [registry] }),
    registryInvalid: new Counter({ name: 'tapgate_gateway_registry_invalid_total', help: 'Registry values skipped because they failed validation', registers: [registry] }),
    replaySeconds: new Gauge({ name: 'tapgate_gateway_ledger_replay_seconds', help: 'How long the ledger replay at start took', registers: [registry] }),
    replayEvents: new Gauge({ name: 'tapgate_gateway_ledger_replay_events', help: 'Decisions replayed from the ledger at start', registers: [registry] }),
    topUps: new Counter({ name: 'tapgate_gateway_top_ups_total', help: 'Top-up requests answered, by status and error', labelNames: ['status', 'error'] as const, registers: [registry] }),
    refunds: new Counter({ name: 'tapgate_gateway_refunds_total', help: 'Refund requests answered, by status (tapgate.money.v1.RefundStatus)', labelNames: ['status'] as const, registers: [registry] }),
    snapshotSeconds: new Gauge({ name: 'tapgate_gateway_snapshot_seconds', help: 'How long the last state snapshot took to write', registers: [registry] }),
    snapshotCutSeconds: new Gauge({ name: 'tapgate_gateway_snapshot_cut_seconds', help: 'How long the last snapshot held the event loop to take its consistent cut', registers: [registry] }),
    snapshotBytes: new Gauge({ name: 'tapgate_gateway_snapshot_bytes', help: 'Size of the last state snapshot, gzipped', registers: [registry] }),
    posItemsRepriced: new Counter({ name: 'tapgate_gateway_pos_items_repriced_total',
      help: 'POS items (v1.1) whose declared category or price the catalogue overrode: a stale menu',
      registers: [registry] }),
    deviceTamper: new Counter({ name: 'tapgate_gateway_device_tamper_reports_total', help: 'Status frames reporting tamper', registers: [registry] }),
  };
  return m;
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
