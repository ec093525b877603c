// A reference device: speaks protocol v1 over a real WebSocket (the `ws` package, as a
// firmware's TCP stack would), answers the challenge, sends taps with per-device seqs and
// resolves each tap when its decision arrives. Used by the simulator, the tests and the
// benchmarks; docs/protocol.md describes the same behaviour for firmware engineers.
import WebSocket from 'ws';
import { tapgate } from '../core/proto.js';
import { handshakeMac } from '../core/index.js';

const { DeviceFrame, GatewayFrame } = tapgate.device.v1;
export type Decision = tapgate.device.v1.IDecision;
export type GatewayFrameT = tapgate.device.v1.GatewayFrame;

export interface TapInput {
  readonly seq: number; readonly uid: Uint8Array; readonly direction?: number; readonly deviceTimeMs?: number;
  /** A hand-over (v1.3): `uid` is the adult's card, these the children's, in reading order. */
  readonly children?: readonly Uint8Array[];
}

interface Waiter<T> { resolve(v: T): void; reject(e: Error): void }

export class DeviceClosedError extends Error {
  constructor(readonly code: number, readonly reason: string) { super(`socket closed: ${code} ${reason}`); }
}

export class DeviceClient {
  readonly ws: WebSocket;
  welcome: tapgate.device.v1.IWelcome | null = null;
  challenge: tapgate.device.v1.IChallenge | null = null;
  /** Every frame received, in order (tests inspect it). */
  readonly received: GatewayFrameT[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly waiting = new Map<number, Array<Waiter<Decision>>>();
  private readonly frameWaiters: Array<Waiter<GatewayFrameT>> = [];
  private readonly closeWaiters: Array<(c: { code: number; reason: string }) => void> = [];
  private challengeWaiter: ((c: tapgate.device.v1.IChallenge) => void) | null = null;

  private constructor(url: string) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (raw: Buffer) => this.onFrame(GatewayFrame.decode(raw)));
    this.ws.on('close', (code, reason) => {
      const closed = { code, reason: reason.toString() };
      this.closed = closed;
      const err = new DeviceClosedError(code, closed.reason);
      for (const list of this.waiting.values()) for (const w of list) w.reject(err);
      this.waiting.clear();
      for (const w of this.frameWaiters.splice(0)) w.reject(err);
      for (const w of this.closeWaiters.splice(0)) w(closed);
    });
    this.ws.on('error', () => { /* the close event follows */ });
  }

  /** Opens a socket and waits for the challenge, without authenticating. */
  static async open(url: string): Promise<DeviceClient> {
    const c = new DeviceClient(url);
    await new Promise<void>((resolve, reject) => {
      c.ws.once('open', () => resolve());
      c.ws.once('error', reject);
    });
    if (c.challenge === null) await new Promise<tapgate.device.v1.IChallenge>((r) => { c.challengeWaiter = r; });
    return c;
  }

  /** Opens and authenticates; rejects with DeviceClosedError if the gateway closes instead. */
  static async connect(url: string, deviceId: string, secret: Uint8Array, firmwareVersion = 'sim-1.0'): Promise<DeviceClient> {
    const c = await DeviceClient.open(url);
    await c.authenticate(deviceId, secret, firmwareVersion);
    return c;
  }

  async authenticate(deviceId: string, secret: Uint8Array, firmwareVersion = 'sim-1.0'): Promise<tapgate.device.v1.IWelcome> {
    const mac = handshakeMac(secret, deviceId, this.challenge!.nonce!);
    this.sendFrame({ auth: { deviceId, mac, firmwareVersion, deviceTimeMs: Date.now() } });
    const f = await this.nextFrame();
    if (f.body !== 'welcome' || f.welcome == null) throw new Error(`expected welcome, got ${f.body}`);
    this.welcome = f.welcome;
    return f.welcome;
  }

  sendFrame(frame: tapgate.device.v1.IDeviceFrame): void {
    this.ws.send(DeviceFrame.encode(frame).finish());
  }

  sendRaw(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  /** Sends taps in one frame and resolves with their decisions, in the order given. */
  tap(taps: readonly TapInput[]): Promise<Decision[]> {
    const promises = taps.map((t) => this.waitDecision(t.seq));
    this.sendFrame({ taps: { taps: taps.map((t) => ({ seq: t.seq, cardUid: t.uid, direction: t.direction ?? 0,
      deviceTimeMs: t.deviceTimeMs ?? Date.now(), ...(t.children === undefined ? {} : { childUids: [...t.children] }) })) } });
    return Promise.all(promises);
  }

  waitDecision(seq: number): Promise<Decision> {
    return new Promise((resolve, reject) => {
      if (this.closed !== null) return reject(new DeviceClosedError(this.closed.code, this.closed.reason));
      const list = this.waiting.get(seq) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(seq, list);
    });
  }

  /** Resolves with the next frame received (or rejects when the socket closes first). */
  nextFrame(): Promise<GatewayFrameT> {
    return new Promise((resolve, reject) => {
      if (this.closed !== null) return reject(new DeviceClosedError(this.closed.code, this.closed.reason));
      this.frameWaiters.push({ resolve, reject });
    });
  }

  /** Resolves when the socket closes, with the close code and reason. */
  waitClose(): Promise<{ code: number; reason: string }> {
    if (this.closed !== null) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  close(): void {
    this.ws.close(1000);
  }

  private onFrame(f: GatewayFrameT): void {
    this.received.push(f);
    if (f.body === 'challenge' && f.challenge != null) {
      this.challenge = f.challenge;
      this.challengeWaiter?.(f.challenge);
      this.challengeWaiter = null;
      return;
    }
    const w = this.frameWaiters.shift();
    if (w !== undefined) w.resolve(f);
    if (f.body === 'decisions') {
      for (const d of f.decisions?.decisions ?? []) {
        const seq = Number(d.seq);
        const list = this.waiting.get(seq);
        if (list !== undefined) {
          this.waiting.delete(seq);
          for (const r of list) r.resolve(d);
        }
      }
    }
  }
}
