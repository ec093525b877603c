// A misbehaving device for benchmarks/fairness.ts: it authenticates like any device, then sends
// TapBatch frames of one tap as fast as its socket drains, ignoring in-flight limits and every
// Error, reads (and counts) what the gateway answers, and reconnects at once whenever it is
// closed: the persistent abuser the per-device rate limit and the 4008 close are there for.
import { tapgate } from '../core/proto.js';
import { Direction, handshakeMac } from '../core/index.js';
import { RawWs } from '../simulator/raw-ws.js';

const { DeviceFrame, GatewayFrame } = tapgate.device.v1;

/** Frames per socket write, and the client-side buffer above which it waits a turn. */
const FRAMES_PER_WRITE = 256;
const BUFFERED_BYTES_MAX = 4 << 20;
/** First byte of a GatewayFrame by body (protobuf tag): decisions, error. */
const TAG_DECISIONS = 0x1a;
const TAG_ERROR = 0x22;

export interface FloodStats {
  framesSent: number; decisionFrames: number; errorFrames: number; sessions: number;
  connectFailures: number; closes: Record<string, number>;
}

export class Flooder {
  readonly stats: FloodStats = { framesSent: 0, decisionFrames: 0, errorFrames: 0, sessions: 0, connectFailures: 0, closes: {} };
  private running = false;
  private seq = 1;
  private loop: Promise<void> | null = null;

  constructor(private readonly url: string, private readonly id: string, private readonly secret: Buffer, private readonly uid: Buffer) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let ws: RawWs;
      try { ws = await this.session(); } catch {
        this.stats.connectFailures++;
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      this.stats.sessions++;
      await this.flood(ws);
    }
  }

  /** Connects and authenticates; resolves once Welcome arrives. */
  private async session(): Promise<RawWs> {
    const ws = await RawWs.connect(this.url);
    return await new Promise<RawWs>((resolve, reject) => {
      ws.onClose = (code) => { this.closed(code); reject(new Error(`closed ${code}`)); };
      ws.onMessage = (raw) => {
        const f = GatewayFrame.decode(raw);
        if (f.body === 'challenge') {
          ws.send(DeviceFrame.encode({ auth: { deviceId: this.id, mac: handshakeMac(this.secret, this.id, f.challenge!.nonce!) } }).finish());
        } else if (f.body === 'welcome') {
          this.seq = Math.max(this.seq, Number(f.welcome!.lastDecidedSeq ?? 0) + 1);
          resolve(ws);
        }
      };
    });
  }

  private async flood(ws: RawWs): Promise<void> {
    let open = true;
    ws.onClose = (code) => { open = false; this.closed(code); };
    ws.onMessage = (raw) => {
      if (raw[0] === TAG_DECISIONS) this.stats.decisionFrames++;
      else if (raw[0] === TAG_ERROR) this.stats.errorFrames++;
    };
    while (this.running && open) {
      if (ws.bufferedBytes < BUFFERED_BYTES_MAX) {
        const frames: Uint8Array[] = [];
        for (let i = 0; i < FRAMES_PER_WRITE; i++) {
          const direction = this.seq % 2 === 0 ? Direction.DIRECTION_EXIT : Direction.DIRECTION_ENTRY;
          frames.push(DeviceFrame.encode({ taps: { taps: [{ seq: this.seq++, cardUid: this.uid, direction, deviceTimeMs: Date.now() }] } }).finish());
        }
        ws.sendMany(frames);
        this.stats.framesSent += frames.length;
      }
      await new Promise((r) => setImmediate(r));
    }
    if (open) ws.close(1000);
  }

  private closed(code: number): void {
    this.stats.closes[code] = (this.stats.closes[code] ?? 0) + 1;
  }
}
