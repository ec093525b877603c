// Gateway configuration, read once from the environment, validated, frozen. Every variable is
// documented in README.md with its default and unit; a bad value stops the start with a
// message naming the variable and its bounds.
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_DEVICE_TAP_BURST, DEFAULT_DEVICE_TAPS_PER_S, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_FRAMES_IN_FLIGHT, DEFAULT_MAX_TAPS_PER_FRAME, DEFAULT_REPEAT_WINDOW_MS,
  HARD_MAX_FRAME_BYTES, ID_PATTERN, PAYMENT_IDS_MEMORY_MS, TapgateError,
} from '../core/index.js';
import { HOST_PATTERN as HOST, LOG_LEVELS, intVar, natsAuthVars, natsUrlsVar, strVar, type Env, type NatsAuth, urlVar } from '../lib/index.js';

/**
 * Ledger events after which a snapshot is due whatever the interval: a start after a SIGKILL
 * replays at most about this many events on top of loading the snapshot (ADR 0014). At the
 * saturation rate of this machine (about 48k taps/s) one every ~10 s.
 */
export const DEFAULT_SNAPSHOT_EVENTS = 500_000;

export interface GatewayConfig {
  readonly gatewayId: string;
  readonly host: string;
  readonly devicePort: number;
  readonly opsPort: number;
  /**
   * The URL devices are sent to when their shard is owned here (close code 4011 at other
   * gateways); empty: ws://<host>:<device port>/device/v1.
   */
  readonly deviceAdvertiseUrl: string;
  readonly natsUrl: string;
  /** NATS user and password (TAPGATE_NATS_USER, TAPGATE_NATS_PASSWORD_FILE); null: none. */
  readonly natsAuth: NatsAuth | null;
  readonly clickhouseUrl: string;
  readonly workers: number;
  readonly workerConcurrency: number;
  readonly workerQueueMax: number;
  readonly batchFramesMax: number;
  readonly maxFrameBytes: number;
  readonly maxTapsPerFrame: number;
  readonly maxFramesInFlight: number;
  readonly repeatWindowMs: number;
  /** Per-device tap bucket: sustained taps per second and size in taps (core/device-rate.ts). */
  readonly deviceTapsPerS: number;
  readonly deviceTapBurst: number;
  readonly ledgerBatchEventsMax: number;
  readonly ledgerPendingMax: number;
  readonly shutdownGraceMs: number;
  /** How often the state is snapshotted, in ms; 0: only at a graceful shutdown. */
  readonly snapshotIntervalMs: number;
  /** Ledger events since the last snapshot that make the next one due (0: by interval only). */
  readonly snapshotEvents: number;
  /** How long payment ids stay in memory, in ms of ledger time; later repeats go to the payment index. */
  readonly paymentIdsMemoryMs: number;
  readonly logLevel: string;
  /** A standby: owns shards only while no other gateway lives (ADR 0008, generalised by ADR 0018). */
  readonly standby: boolean;
  /** Random per process start; part of every ledger message id. */
  readonly bootId: string;
}

// The readers live in lib/config.ts (the consumers use them too); re-exported for old imports.
export { intVar, strVar, urlVar, LOG_LEVELS };

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const port = (key: string, fallback: number) => intVar(env, key, fallback, 0, 65535);
  const config = Object.freeze({
    gatewayId: strVar(env, 'TAPGATE_GATEWAY_ID', 'gw1', ID_PATTERN, 'an id of [A-Za-z0-9_-], 1..64 characters'),
    host: strVar(env, 'TAPGATE_HOST', '127.0.0.1', HOST, 'a host name or IP address'),
    devicePort: port('TAPGATE_DEVICE_PORT', 7400),
    opsPort: port('TAPGATE_OPS_PORT', 7401),
    deviceAdvertiseUrl: strVar(env, 'TAPGATE_DEVICE_ADVERTISE_URL', '', /^$|^wss?:\/\/[^\s]{1,110}$/,
      'empty, or a ws:// or wss:// URL of at most 116 characters (it travels in a WebSocket close reason)'),
    natsUrl: natsUrlsVar(env, 'TAPGATE_NATS_URL', 'nats://127.0.0.1:14222'),
    natsAuth: natsAuthVars(env),
    clickhouseUrl: urlVar(env, 'TAPGATE_CLICKHOUSE_URL', 'http://127.0.0.1:18123', ['http:', 'https:']),
    workers: intVar(env, 'TAPGATE_WORKERS', 2, 1, 64),
    workerConcurrency: intVar(env, 'TAPGATE_WORKER_CONCURRENCY', 16, 1, 256),
    workerQueueMax: intVar(env, 'TAPGATE_WORKER_QUEUE_MAX', 1024, 1, 1_000_000),
    batchFramesMax: intVar(env, 'TAPGATE_BATCH_FRAMES_MAX', 64, 1, 4096),
    maxFrameBytes: intVar(env, 'TAPGATE_MAX_FRAME_BYTES', DEFAULT_MAX_FRAME_BYTES, 64, HARD_MAX_FRAME_BYTES),
    maxTapsPerFrame: intVar(env, 'TAPGATE_MAX_TAPS_PER_FRAME', DEFAULT_MAX_TAPS_PER_FRAME, 1, 1024),
    maxFramesInFlight: intVar(env, 'TAPGATE_MAX_FRAMES_IN_FLIGHT', DEFAULT_MAX_FRAMES_IN_FLIGHT, 1, 1024),
    repeatWindowMs: intVar(env, 'TAPGATE_REPEAT_WINDOW_MS', DEFAULT_REPEAT_WINDOW_MS, 0, 600_000),
    deviceTapsPerS: intVar(env, 'TAPGATE_DEVICE_TAPS_PER_S', DEFAULT_DEVICE_TAPS_PER_S, 1, 100_000),
    // At least the largest max_taps_per_frame, so a full frame can always be paid for.
    deviceTapBurst: intVar(env, 'TAPGATE_DEVICE_TAP_BURST', DEFAULT_DEVICE_TAP_BURST, 1024, 1_000_000),
    ledgerBatchEventsMax: intVar(env, 'TAPGATE_LEDGER_BATCH_EVENTS_MAX', 1024, 1, 8192),
    ledgerPendingMax: intVar(env, 'TAPGATE_LEDGER_PENDING_MAX', 256, 1, 65536),
    shutdownGraceMs: intVar(env, 'TAPGATE_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    snapshotIntervalMs: intVar(env, 'TAPGATE_SNAPSHOT_INTERVAL_MS', 300_000, 0, 86_400_000),
    snapshotEvents: intVar(env, 'TAPGATE_SNAPSHOT_EVENTS', DEFAULT_SNAPSHOT_EVENTS, 0, 1_000_000_000),
    paymentIdsMemoryMs: intVar(env, 'TAPGATE_PAYMENT_IDS_MEMORY_MS', PAYMENT_IDS_MEMORY_MS, 1000, 366 * 86_400_000),
    logLevel: strVar(env, 'TAPGATE_LOG_LEVEL', 'info', LOG_LEVELS, 'one of fatal, error, warn, info, debug, trace, silent'),
    standby: intVar(env, 'TAPGATE_STANDBY', 0, 0, 1) === 1,
    bootId: randomBytes(6).toString('hex'),
  });
  const ports = [['TAPGATE_DEVICE_PORT', config.devicePort], ['TAPGATE_OPS_PORT', config.opsPort]] as const;
  ports.forEach(([a, pa], i) => ports.slice(i + 1).forEach(([b, pb]) => {
    if (pa !== 0 && pa === pb) throw new TapgateError('CONFIG_INVALID', `${a} and ${b} are both ${pa}; each port must differ`);
  }));
  return config;
}
