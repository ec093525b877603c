// Failures with a stable code. Business outcomes (a declined tap) are values, not errors;
// these are for bad input, bad configuration and broken infrastructure. Every code is listed
// in docs/errors.md, and test/core/errors.test.ts keeps the two in step.

export const ERROR_CODES = {
  CONFIG_INVALID: 'an environment variable is missing, malformed or out of bounds',
  GW_UWS_FALLBACK: 'uWebSockets.js did not load its native binary and fell back to the ws shim',
  GW_FRAME_TOO_LARGE: 'a device frame exceeded the frame size limit',
  GW_FRAME_MALFORMED: 'a device frame was not a valid DeviceFrame',
  GW_LEDGER_APPEND_FAILED: 'a ledger batch could not be appended to JetStream; the gateway stops',
  GW_OVERLOADED: 'the worker queue is full; the frame is refused, not queued',
  GW_LEASE_HELD: 'another gateway holds the writer lease; only one gateway may write the ledger',
  GW_ID_IN_USE: 'a live gateway already announces this TAPGATE_GATEWAY_ID; each gateway needs its own',
  GW_LEASE_LOST: 'another process took the writer lease; the gateway stops writing',
  GW_LEDGER_FENCED: 'the broker refused an append because another writer owns the ledger subject; the gateway stops',
  GW_PAYMENT_INDEX_FAILED: 'the durable payment index could not be read or written; top-ups it must answer are refused as UNAVAILABLE',
  NOTIFIER_VAPID_INVALID: 'the VAPID key file or settings of the Web Push channel are damaged or unusable',
  REGISTRY_INVALID_RECORD: 'a registry record failed validation',
  REGISTRY_INVALID_FILE: 'a registry file could not be parsed',
  REGISTRY_DANGLING_REFERENCE: 'a registry record refers to a school, device or person that does not exist',
  NOTIFY_TEMPLATE_INVALID: 'a notification template breaks the template language or uses a name its type does not have',
  NOTIFY_TEMPLATE_MISSING: 'a notification template the notifier needs, or the folder it is read from, is missing',
  SINK_INSERT_FAILED: 'a ClickHouse insert failed; the batch is retried and not acknowledged',
  SINK_SCHEMA_FAILED: 'the ClickHouse schema could not be created',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class TapgateError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TapgateError';
    this.code = code;
    this.details = options?.details === undefined ? undefined : Object.freeze({ ...options.details });
  }
}

/** Programmer errors crash here: the condition must hold, or the process is wrong. */
export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
