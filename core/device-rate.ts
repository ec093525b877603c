// Per-device fairness: a token bucket counted in taps, and the flood rule. A device's bucket
// holds at most `burstTaps` taps, refills at `tapsPerS` and starts full; a TapBatch of n taps
// takes n, or is refused with ERROR_CODE_RATE_LIMITED and the time until it could pay. Frames
// refused for the rate or the in-flight limit are counted per device in a fixed window; at
// FLOOD_REFUSALS_BEFORE_CLOSE the socket is closed with 4008 and the device's sessions are
// refused until FLOOD_PENALTY_MS have passed. State is per device id, not per connection, so
// reconnecting refills nothing. Pure: the caller passes the clock.
import { assert } from './errors.js';
import { FLOOD_PENALTY_MS, FLOOD_REFUSALS_BEFORE_CLOSE, FLOOD_WINDOW_MS } from './limits.js';

interface DeviceRate {
  tokens: number;
  updatedMs: number;
  windowStartMs: number;
  refusedInWindow: number;
  penaltyUntilMs: number;
}

export class DeviceRateLimiter {
  private readonly devices = new Map<string, DeviceRate>();

  constructor(readonly tapsPerS: number, readonly burstTaps: number) {
    assert(Number.isInteger(tapsPerS) && tapsPerS > 0, 'tapsPerS must be a positive integer');
    assert(Number.isInteger(burstTaps) && burstTaps > 0, 'burstTaps must be a positive integer');
  }

  /** Takes `taps` from the device's bucket: 0 when paid, else the ms until the bucket could pay. */
  take(deviceId: string, taps: number, nowMs: number): number {
    const d = this.refill(deviceId, nowMs);
    const need = Math.min(Math.max(1, taps), this.burstTaps);
    if (d.tokens >= need) {
      d.tokens -= need;
      return 0;
    }
    return Math.max(1, Math.ceil(((need - d.tokens) * 1000) / this.tapsPerS));
  }

  /** Records a frame refused for the rate or in-flight limit; true when the device now floods. */
  refused(deviceId: string, nowMs: number): boolean {
    const d = this.refill(deviceId, nowMs);
    if (nowMs - d.windowStartMs >= FLOOD_WINDOW_MS) {
      d.windowStartMs = nowMs;
      d.refusedInWindow = 0;
    }
    d.refusedInWindow++;
    if (d.refusedInWindow < FLOOD_REFUSALS_BEFORE_CLOSE) return false;
    d.penaltyUntilMs = nowMs + FLOOD_PENALTY_MS;
    d.refusedInWindow = 0;
    return true;
  }

  /** Ms until the device's flood penalty ends; 0 when it may open a session. */
  penaltyMs(deviceId: string, nowMs: number): number {
    const d = this.devices.get(deviceId);
    return d === undefined ? 0 : Math.max(0, d.penaltyUntilMs - nowMs);
  }

  /** Forgets devices whose bucket is full and whose penalty and window are over (they start full anyway). */
  prune(nowMs: number): void {
    for (const [id, d] of this.devices) {
      const full = d.tokens + ((nowMs - d.updatedMs) * this.tapsPerS) / 1000 >= this.burstTaps;
      if (full && nowMs >= d.penaltyUntilMs && nowMs - d.windowStartMs >= FLOOD_WINDOW_MS) this.devices.delete(id);
    }
  }

  get deviceCount(): number {
    return this.devices.size;
  }

  private refill(deviceId: string, nowMs: number): DeviceRate {
    let d = this.devices.get(deviceId);
    if (d === undefined) {
      d = { tokens: this.burstTaps, updatedMs: nowMs, windowStartMs: nowMs, refusedInWindow: 0, penaltyUntilMs: 0 };
      this.devices.set(deviceId, d);
      return d;
    }
    if (nowMs > d.updatedMs) {
      d.tokens = Math.min(this.burstTaps, d.tokens + ((nowMs - d.updatedMs) * this.tapsPerS) / 1000);
      d.updatedMs = nowMs;
    }
    return d;
  }
}
