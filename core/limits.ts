// Protocol limits and defaults shared by the gateway, the workers, the simulator and the docs.
// Those that operators may tune are read from the environment by gateway/config.ts with these
// as defaults; the rest are fixed by protocol v1.

/** Device protocol version served at /device/v1. */
export const PROTOCOL_VERSION = 1;
/** Length of the handshake nonce and of the HMAC-SHA256 answer, in bytes. */
export const NONCE_BYTES = 32;
export const MAC_BYTES = 32;
/** Length of a device secret, in bytes. */
export const DEVICE_SECRET_BYTES = 32;
/** Prefix of the bytes a device MACs in its handshake. */
export const MAC_CONTEXT = 'tapgate-device-v1';
/** Shortest and longest card UID accepted, in bytes. */
export const CARD_UID_BYTES_MIN = 4;
export const CARD_UID_BYTES_MAX = 16;
/** Most children one hand-over tap names (Tap.child_uids, v1.3; Welcome.handover_children_max). */
export const HANDOVER_CHILDREN_MAX = 8;
/** Longest firmware version string kept, in bytes. */
export const FIRMWARE_VERSION_BYTES_MAX = 64;

/** Default largest binary frame accepted, in bytes. */
export const DEFAULT_MAX_FRAME_BYTES = 8192;
/**
 * Frames up to this size are read and answered with ERROR_CODE_FRAME_TOO_LARGE; beyond it uWS drops
 * the connection without a close frame, so the device sees 1006 (abnormal closure).
 */
export const HARD_MAX_FRAME_BYTES = 65536;
/** Default most taps per TapBatch frame. */
export const DEFAULT_MAX_TAPS_PER_FRAME = 64;
/** Default most TapBatch frames per device awaiting decisions. */
export const DEFAULT_MAX_FRAMES_IN_FLIGHT = 16;
/** Default window for DECISION_REASON_REPEATED_TAP, in ms. */
export const DEFAULT_REPEAT_WINDOW_MS = 5000;
/** How many seqs below the highest the gateway remembers per device (ring size, power of two). */
export const SEQ_MEMORY = 8192;
/** Time a device has to send Auth after the challenge, in ms. */
export const AUTH_TIMEOUT_MS = 5000;
/** Interval at which devices should send Status, in ms. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** Consecutive refused frames after which the gateway closes the socket with 4007. */
export const PROTOCOL_ERRORS_BEFORE_CLOSE = 16;
/**
 * Default per-device tap rate limit (a token bucket counted in taps): sustained taps per second
 * and the bucket's size. A turnstile taps about once a second; a backlog after a reconnection is
 * a burst of up to SEQ_MEMORY taps, sent again after a gateway restart: the burst holds both.
 */
export const DEFAULT_DEVICE_TAPS_PER_S = 50;
export const DEFAULT_DEVICE_TAP_BURST = 2 * SEQ_MEMORY;
/**
 * Flooding: this many frames refused with TOO_MANY_IN_FLIGHT or RATE_LIMITED within
 * FLOOD_WINDOW_MS close the socket with 4008, and the device's next sessions are closed with
 * 4008 right after Auth until FLOOD_PENALTY_MS have passed. A conforming device is refused at
 * most max_frames_in_flight frames before it reads the first refusal, so it stays far below.
 */
export const FLOOD_REFUSALS_BEFORE_CLOSE = 64;
export const FLOOD_WINDOW_MS = 10_000;
export const FLOOD_PENALTY_MS = 10_000;

/** WebSocket close codes of protocol v1; docs/protocol.md explains each. */
export const CloseCode = {
  /** Normal WebSocket codes used by the gateway. */
  GOING_AWAY: 1001,
  MESSAGE_TOO_BIG: 1009,
  TRY_AGAIN_LATER: 1013,
  /** The Auth MAC did not verify. */
  AUTH_FAILED: 4001,
  /** No device with that id is provisioned. */
  UNKNOWN_DEVICE: 4002,
  /** The device is provisioned but disabled (now or while connected). */
  DEVICE_DISABLED: 4003,
  /** A newer connection of the same device authenticated; the newest wins. */
  REPLACED: 4004,
  /** A frame other than a valid Auth arrived before the handshake completed. */
  AUTH_REQUIRED: 4005,
  /** No Auth within AUTH_TIMEOUT_MS. */
  AUTH_TIMEOUT: 4006,
  /** Too many refused frames in a row. */
  PROTOCOL_VIOLATION: 4007,
  /** Flooding: too many frames refused for the rate or in-flight limits (or a session during the penalty). */
  RATE_LIMITED: 4008,
  /** The device does not read its decisions (send buffer full). */
  SLOW_CONSUMER: 4009,
  /** No frame for twice the heartbeat interval. */
  IDLE_TIMEOUT: 4010,
  /**
   * The device's school is in a shard another gateway owns: the close reason is that gateway's
   * device URL (ws://host:port/device/v1, at most 123 bytes); connect there (ADR 0018).
   */
  WRONG_GATEWAY: 4011,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * How far back a device's own clock is trusted, in ms: a turnstile backlog tap (core/pass-state.ts)
 * and an offline POS sale (gateway/shard/pos.ts) older than this are judged at the gateway's time.
 */
export const DEVICE_TIME_PAST_MS_MAX = 7 * 86_400_000;
