// When the `npm start` supervisor restarts a child that exited: a pure policy, so that it can be
// tested without processes. The delay doubles with every failure in a row up to a cap; a child
// that ran for a while before it exited starts the count again, so one crash after a day of
// work is retried at once and a child that cannot start (NATS down) is retried ever more slowly
// without ever giving up. The supervisor never stops the servers because a child keeps failing.

/** The policy `npm start` uses. All durations in ms. */
export const RESTART_POLICY = Object.freeze({
  /** Delay before the first restart after a failure. */
  initialDelayMs: 1000,
  /** Each failure in a row multiplies the delay by this. */
  factor: 2,
  /** The delay never exceeds this. */
  maxDelayMs: 30_000,
  /** A child that ran at least this long before it exited counts as having been healthy. */
  stableAfterMs: 60_000,
});

/**
 * The next restart after a child exited.
 * @param {typeof RESTART_POLICY} policy
 * @param {number} failuresInARow failures before this one (0 for a child that never failed)
 * @param {number} ranMs how long the child ran before this exit, in ms
 * @returns {{ failuresInARow: number, delayMs: number }} failures counting this one, and the delay
 */
export function nextRestart(policy, failuresInARow, ranMs) {
  const failures = ranMs >= policy.stableAfterMs ? 1 : failuresInARow + 1;
  const raw = policy.initialDelayMs * policy.factor ** (failures - 1);
  return { failuresInARow: failures, delayMs: Math.min(policy.maxDelayMs, Math.round(raw)) };
}
