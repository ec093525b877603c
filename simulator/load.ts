// The load loop of the device simulator: many devices over real WebSockets, an open-loop tap
// schedule at a target rate, per-tap latency from send to decision. Bounded in taps and time.
// Sockets use the lean client in raw-ws.ts. In echo mode it drives a bare uWS echo server with the same frames (the benchmark baseline):
// no handshake, and each reply answers the oldest frame in flight on that socket.
import { RawWs } from './raw-ws.js';
import { tapgate } from '../core/proto.js';
import { handshakeMac, Direction, MealKind } from '../core/index.js';

const { DeviceFrame, GatewayFrame } = tapgate.device.v1;

export interface SimDevice {
  readonly id: string; readonly secret: Buffer; readonly uids: readonly Buffer[];
  readonly kind?: 'turnstile' | 'pos';
  /** A POS: the catalogue product ids of its school it sells. */
  readonly products?: readonly string[];
}

/**
 * What a simulated POS sells: a buffet basket of one to three of its school's products, as a
 * v1.2 device sends it (product ids and quantities; the gateway prices them from the catalogue).
 */
function basket(products: readonly string[], n: number): Array<{ productId: string; quantity: number }> {
  const items = [];
  for (let i = 0; i <= n % 3; i++) {
    items.push({ productId: products[(n + i) % products.length]!, quantity: 1 });
  }
  return items;
}

export interface LoadOptions {
  readonly url: string;
  readonly devices: readonly SimDevice[];
  /** Target taps per second over all devices. */
  readonly rate: number;
  readonly durationS: number;
  /** Seconds at the start whose taps are sent and answered but left out of the summary (JIT, connection storm). */
  readonly warmupS?: number;
  readonly tapsPerFrame: number;
  /** Most frames a device keeps in flight (the gateway's default limit is 16). */
  readonly inFlightPerDevice: number;
  readonly echo: boolean;
  /** Called about once a second with a progress line. */
  readonly progress?: (line: string) => void;
  /** Parallel connection attempts while opening sockets. */
  readonly connectConcurrency?: number;
  /**
   * Turnstile directions: 'alternate' (the default: each card enters, exits, enters ...) or
   * 'entry' (every tap an entry: a morning rush where each tap is a new arrival to report).
   */
  readonly direction?: 'alternate' | 'entry';
}

export interface LoadSummary {
  devices: number; targetRate: number; durationS: number; warmupS: number; tapsPerFrame: number; echo: boolean;
  tapsSent: number; tapsDecided: number; tapsPerSecond: number; framesRefused: number; skippedBusy: number;
  verdicts: Record<string, number>; reasons: Record<string, number>; closes: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
}

interface Conn { ws: RawWs; dev: SimDevice; seq: number; inFlight: Array<{ seqs: number[]; sentNs: bigint }>; ready: boolean; nextUid: number; dir: Map<number, number> }

const REASONS = tapgate.device.v1.DecisionReason as unknown as Record<number, string>;
const VERDICTS = tapgate.device.v1.Verdict as unknown as Record<number, string>;
/** Latency samples kept (a uniform reservoir), so memory is bounded whatever the duration. */
const LATENCY_SAMPLES_MAX = 1_000_000;
const TICK_MS = 1;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Redirects (close 4011, protocol v1.4) a simulated device follows while connecting. */
const REDIRECTS_MAX = 3;
const WRONG_GATEWAY = 4011;

/** Opens a device's session; a gateway that does not own the device's school sends it to the owner. */
async function openConn(o: LoadOptions, dev: SimDevice, onClose: (code: number) => void): Promise<Conn> {
  let url = o.url;
  for (let redirects = 0; ; redirects++) {
    const to = { url: '' };
    try {
      return await openConnAt(o, url, dev, onClose, to);
    } catch (err) {
      if (to.url === '' || redirects >= REDIRECTS_MAX) throw err;
      url = to.url;
    }
  }
}

async function openConnAt(o: LoadOptions, url: string, dev: SimDevice, onClose: (code: number) => void, redirect: { url: string }): Promise<Conn> {
  const ws = await RawWs.connect(url);
  const conn: Conn = { ws, dev, seq: 1, inFlight: [], ready: o.echo, nextUid: 0, dir: new Map() };
  ws.onClose = onClose;
  if (o.echo) return conn;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`device ${dev.id}: no session within 10 s`)), 10_000);
    ws.onClose = (code, reason) => {
      clearTimeout(timer);
      if (code === WRONG_GATEWAY) redirect.url = reason;
      else onClose(code);
      reject(new Error(`device ${dev.id}: closed ${code}`));
    };
    ws.onMessage = (raw) => {
      const f = GatewayFrame.decode(raw);
      if (f.body === 'challenge') {
        ws.send(DeviceFrame.encode({ auth: { deviceId: dev.id, mac: handshakeMac(dev.secret, dev.id, f.challenge!.nonce!), firmwareVersion: 'sim', deviceTimeMs: Date.now() } }).finish());
      } else if (f.body === 'welcome') {
        conn.seq = Number(f.welcome!.lastDecidedSeq ?? 0) + 1;
        conn.ready = true;
        ws.onClose = onClose;
        clearTimeout(timer);
        resolve();
      }
    };
  });
  return conn;
}

export async function runLoad(o: LoadOptions): Promise<LoadSummary> {
  const closes: Record<string, number> = {};
  const onClose = (code: number) => { closes[code] = (closes[code] ?? 0) + 1; };
  const conns: Conn[] = [];
  const concurrency = o.connectConcurrency ?? 100;
  for (let i = 0; i < o.devices.length; i += concurrency) {
    conns.push(...await Promise.all(o.devices.slice(i, i + concurrency).map((d) => openConn(o, d, onClose))));
  }
  const s: LoadSummary = { devices: conns.length, targetRate: o.rate, durationS: o.durationS, warmupS: o.warmupS ?? 0, tapsPerFrame: o.tapsPerFrame, echo: o.echo,
    tapsSent: 0, tapsDecided: 0, tapsPerSecond: 0, framesRefused: 0, skippedBusy: 0, verdicts: {}, reasons: {}, closes,
    latencyMs: { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 } };
  const samples = new Float64Array(LATENCY_SAMPLES_MAX);
  let sampleCount = 0;
  let seen = 0;
  let sum = 0;
  let secondMaxMs = 0;
  let measuring = (o.warmupS ?? 0) === 0;
  // Reassigned when the warm-up ends: only taps sent after it are counted.
  let started = process.hrtime.bigint();
  const counted = (sentNs: bigint) => measuring && sentNs >= started;
  const record = (ms: number) => {
    seen++; sum += ms;
    if (ms > secondMaxMs) secondMaxMs = ms;
    if (sampleCount < LATENCY_SAMPLES_MAX) samples[sampleCount++] = ms;
    else { const j = Math.floor(Math.random() * seen); if (j < LATENCY_SAMPLES_MAX) samples[j] = ms; }
  };
  for (const c of conns) {
    c.ws.onMessage = (raw: Buffer) => {
      const now = process.hrtime.bigint();
      if (o.echo) {
        const f = c.inFlight.shift();
        if (f !== undefined && counted(f.sentNs)) { for (let k = 0; k < f.seqs.length; k++) record(Number(now - f.sentNs) / 1e6); s.tapsDecided += f.seqs.length; }
        return;
      }
      const g = GatewayFrame.decode(raw);
      if (g.body === 'decisions') {
        for (const d of g.decisions!.decisions ?? []) {
          const seq = Number(d.seq);
          const idx = c.inFlight.findIndex((f) => f.seqs.includes(seq));
          if (idx < 0) continue;
          const f = c.inFlight[idx]!;
          f.seqs.splice(f.seqs.indexOf(seq), 1);
          if (f.seqs.length === 0) c.inFlight.splice(idx, 1);
          if (!counted(f.sentNs)) continue;
          record(Number(now - f.sentNs) / 1e6);
          s.tapsDecided++;
          s.verdicts[VERDICTS[d.verdict ?? 0] ?? '?'] = (s.verdicts[VERDICTS[d.verdict ?? 0] ?? '?'] ?? 0) + 1;
          s.reasons[REASONS[d.reason ?? 0] ?? '?'] = (s.reasons[REASONS[d.reason ?? 0] ?? '?'] ?? 0) + 1;
        }
      } else if (g.body === 'error') {
        const f = c.inFlight.shift();
        if (f !== undefined && counted(f.sentNs)) s.framesRefused++;
      }
    };
  }

  const warmupNs = BigInt(Math.round((o.warmupS ?? 0) * 1e9));
  started = process.hrtime.bigint();
  const endNs = started + warmupNs + BigInt(Math.round(o.durationS * 1e9));
  if (!measuring) {
    setTimeout(() => {
      measuring = true;
      started = process.hrtime.bigint();
      s.tapsSent = 0; s.tapsDecided = 0; s.framesRefused = 0; s.skippedBusy = 0; s.verdicts = {}; s.reasons = {};
    }, (o.warmupS ?? 0) * 1000);
  }
  let due = 0;
  let cursor = 0;
  let last = started;
  let lastProgress = Date.now();
  let lastDecided = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = process.hrtime.bigint();
      if (now >= endNs) return resolve();
      due += (Number(now - last) / 1e9) * o.rate;
      last = now;
      let frames = Math.floor(due / o.tapsPerFrame);
      due -= frames * o.tapsPerFrame;
      let scanned = 0;
      while (frames > 0 && scanned < conns.length) {
        const c = conns[cursor]!;
        cursor = (cursor + 1) % conns.length;
        scanned++;
        if (!c.ready || !c.ws.open || c.inFlight.length >= o.inFlightPerDevice) { continue; }
        scanned = 0;
        frames--;
        const taps = [];
        const seqs: number[] = [];
        for (let k = 0; k < o.tapsPerFrame; k++) {
          const u = c.nextUid++ % Math.max(1, c.dev.uids.length);
          const cardUid = c.dev.uids[u] ?? Buffer.alloc(4);
          if (c.dev.kind === 'pos') {
            taps.push({ seq: c.seq, cardUid, deviceTimeMs: Date.now(), mealKind: MealKind.MEAL_KIND_BUFFET, items: basket(c.dev.products ?? [], c.seq) });
          } else {
            const dir = o.direction === 'entry' ? Direction.DIRECTION_ENTRY
              : (c.dir.get(u) ?? Direction.DIRECTION_EXIT) === Direction.DIRECTION_ENTRY ? Direction.DIRECTION_EXIT : Direction.DIRECTION_ENTRY;
            c.dir.set(u, dir);
            taps.push({ seq: c.seq, cardUid, direction: dir, deviceTimeMs: Date.now() });
          }
          seqs.push(c.seq++);
        }
        c.inFlight.push({ seqs, sentNs: process.hrtime.bigint() });
        c.ws.send(DeviceFrame.encode({ taps: { taps } }).finish());
        s.tapsSent += taps.length;
      }
      s.skippedBusy += frames * o.tapsPerFrame;
      if (Date.now() - lastProgress >= 1000) {
        o.progress?.(`sent ${s.tapsSent} decided ${s.tapsDecided} (+${s.tapsDecided - lastDecided}/s) refused ${s.framesRefused} busy-skips ${s.skippedBusy} max-latency ${secondMaxMs.toFixed(1)} ms`);
        secondMaxMs = 0;
        lastProgress = Date.now();
        lastDecided = s.tapsDecided;
      }
      setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const decidedInTime = s.tapsDecided;
  // Give the answers to the last taps a bounded moment to arrive.
  const drainDeadline = Date.now() + 5000;
  while (s.tapsDecided + s.framesRefused * o.tapsPerFrame < s.tapsSent && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
  for (const c of conns) c.ws.close(1000);
  s.tapsPerSecond = Math.round(decidedInTime / elapsedS);
  const sorted = samples.slice(0, sampleCount).sort();
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  s.latencyMs = { p50: r3(percentile(sorted, 0.5)), p90: r3(percentile(sorted, 0.9)), p99: r3(percentile(sorted, 0.99)),
    p999: r3(percentile(sorted, 0.999)), max: r3(sorted.length ? sorted[sorted.length - 1]! : 0), mean: r3(seen ? sum / seen : 0) };
  return s;
}
