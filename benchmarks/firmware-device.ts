// A device as docs/protocol.md tells firmware to run it, for the benchmarks that break things
// (failover, cluster): numbered taps kept until decided, one tap per frame, at most
// FRAMES_IN_FLIGHT_MAX frames unanswered; a refused frame (its seq named in the Error) is sent
// again after a pause; after a close the next configured address at once, and a growing delay
// only once every address failed; a 4011 close (v1.4) is followed at once to the address in its
// reason, at most REDIRECTS_MAX times in a row; after a reconnect everything unanswered is sent again.
import { Direction } from '../core/index.js';
import { DeviceClient } from '../simulator/device-client.js';

/** Close code of a redirect to the gateway owning the device's school (core/limits.ts CloseCode.WRONG_GATEWAY). */
const WRONG_GATEWAY = 4011;
/** Redirects followed in a row before the device backs off as for any failed connect. */
const REDIRECTS_MAX = 3;

/** The pause before resending a refused frame (docs/protocol.md section 10: 100 ms or more). */
export const RESEND_PAUSE_MS = 100;
/** The first reconnect delay once every address has failed (docs/protocol.md section 11). */
const RECONNECT_FIRST_DELAY_MS = 1000;

export interface Dev { readonly id: string; readonly secret: Buffer; readonly uids: readonly Buffer[] }

/** Frames a device keeps unanswered at most (the gateway's default `max_frames_in_flight`). */
const FRAMES_IN_FLIGHT_MAX = 16;

/**
 * A device as docs/protocol.md tells firmware to run: numbered taps kept until decided, one tap
 * per frame, at most FRAMES_IN_FLIGHT_MAX frames unanswered; a refused frame (its seq named in
 * the Error) is sent again after a pause; after a reconnect everything unanswered is sent again.
 */
export class FirmwareDevice {
  private client: DeviceClient | null = null;
  private seq = 0;
  readonly pending = new Map<number, { uid: Buffer; sentMs: number; inFlight: boolean }>();
  private inFlight = 0;
  readonly rttMs: number[] = [];
  lastDecisionMs = 0;
  /** 4011 redirects followed. */
  redirects = 0;
  private urlIndex = 0;
  private stopped = false;

  constructor(private readonly d: Dev, private readonly urls: () => readonly string[], private readonly onDecision: (nowMs: number) => void) {}

  /** As docs/protocol.md section 11: the next address at once; 1 s doubling (jittered) once every address failed. */
  async run(): Promise<void> {
    let failedInRow = 0;
    let delayMs = RECONNECT_FIRST_DELAY_MS;
    let redirect: string | null = null;
    let redirects = 0;
    while (!this.stopped) {
      const urls = this.urls();
      const url = redirect ?? urls[this.urlIndex++ % urls.length]!;
      redirect = null;
      try {
        const c = await DeviceClient.open(url);
        const closed = c.waitClose();
        try {
          await c.authenticate(this.d.id, this.d.secret);
        } catch (err) {
          const { code, reason } = await closed;
          if (code === WRONG_GATEWAY && reason !== '' && ++redirects <= REDIRECTS_MAX) { redirect = reason; this.redirects++; continue; }
          throw err;
        }
        this.client = c;
        failedInRow = 0;
        redirects = 0;
        delayMs = RECONNECT_FIRST_DELAY_MS;
        c.ws.on('message', () => this.drain(c));
        this.pump();
        await closed;
      } catch { failedInRow++; redirects = 0; }
      this.client = null;
      this.inFlight = 0;
      for (const p of this.pending.values()) p.inFlight = false;
      if (failedInRow >= urls.length) {
        await new Promise((r) => setTimeout(r, delayMs * (0.5 + Math.random())));
        delayMs = Math.min(delayMs * 2, 30_000);
        failedInRow = 0;
      }
    }
  }

  tap(): void {
    const seq = ++this.seq;
    this.pending.set(seq, { uid: this.d.uids[seq % this.d.uids.length]!, sentMs: Date.now(), inFlight: false });
    this.pump();
  }

  /** Sends unanswered taps that are not in flight, oldest first, up to the in-flight limit. */
  pump(): void {
    const c = this.client;
    if (c === null || c.closed !== null) return;
    for (const [seq, p] of this.pending) {
      if (this.inFlight >= FRAMES_IN_FLIGHT_MAX) break;
      if (p.inFlight) continue;
      p.inFlight = true;
      this.inFlight++;
      c.sendFrame({ taps: { taps: [{ seq, cardUid: p.uid, direction: seq % 2 ? Direction.DIRECTION_ENTRY : Direction.DIRECTION_EXIT, deviceTimeMs: p.sentMs }] } });
    }
  }

  private drain(c: DeviceClient): void {
    const now = Date.now();
    for (const f of c.received.splice(0)) {
      if (f.body === 'error') {
        const p = this.pending.get(Number(f.error?.seq ?? 0));
        if (p !== undefined && p.inFlight) { p.inFlight = false; this.inFlight--; }
        setTimeout(() => this.pump(), RESEND_PAUSE_MS);
      }
      for (const d of f.decisions?.decisions ?? []) {
        const p = this.pending.get(Number(d.seq));
        if (p === undefined) continue;
        this.pending.delete(Number(d.seq));
        if (p.inFlight) this.inFlight--;
        if (d.replayed !== true) this.rttMs.push(now - p.sentMs);
        this.lastDecisionMs = now;
        this.onDecision(now);
      }
    }
    this.pump();
  }

  /** Closes the socket, as firmware does with a session that stopped answering. */
  drop(): void { this.client?.ws.terminate(); }

  get sent(): number { return this.seq; }
  stop(): void { this.stopped = true; this.client?.close(); }
}

