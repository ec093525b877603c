// The device endpoint: uWS WebSockets at /device/v1. Runs the challenge-response handshake on
// the main thread, admits TapBatch frames under explicit limits (bytes per frame, frames in
// flight per device, global queue), groups them into micro-batches for the tap workers, hands
// the workers' outcomes to the sequencer in arrival order, and releases each frame's decisions
// once the ledger has them. Errors are per frame or per socket: one device's bad frame never
// touches another device. Each device belongs to the shard of its school: a device whose shard is
// owned by another gateway is told where to connect (close code 4011 with the address, ADR 0018);
// one whose shard has no owner right now is told to try again later (1013).
import { randomBytes } from 'node:crypto';
import type { Piscina } from 'piscina';
import type * as UWS from 'uWebSockets.js';
import { tapgate } from '../../core/proto.js';
import {
  AUTH_TIMEOUT_MS, CloseCode, FIRMWARE_VERSION_BYTES_MAX, HARD_MAX_FRAME_BYTES, HEARTBEAT_INTERVAL_MS, NONCE_BYTES,
  PROTOCOL_ERRORS_BEFORE_CLOSE, PROTOCOL_VERSION, SEQ_MEMORY, verifyHandshakeMac, wellFormed, type Device, type RegistryIndex,
  DeviceRateLimiter, HANDOVER_CHILDREN_MAX, peekTapBatch,
} from '../../core/index.js';
import type { Logger } from '../../lib/index.js';
import type { TapTask, TapTaskResult } from '../../processors/protocol.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayMetrics } from '../metrics.js';
import type { FrameReply } from '../shard/sequencer.js';
import type { Shard } from '../shard/shard.js';
import { ReplyQueues, type PendingReply } from './reply-queues.js';

const { DeviceFrame, GatewayFrame, ErrorCode } = tapgate.device.v1;
const ERROR_NAMES = ErrorCode as unknown as Record<number, string>;

/** First byte of a DeviceFrame by body: the protobuf tag of fields 1, 2, 3 (length-delimited). */
const TAG_AUTH = 0x0a;
const TAG_TAPS = 0x12;
const TAG_STATUS = 0x1a;
/** How often auth and idle deadlines are checked, in ms. */
const SWEEP_INTERVAL_MS = 1000;
/** A socket silent for this long is closed with IDLE_TIMEOUT, in ms. */
export const IDLE_TIMEOUT_MS = 2 * HEARTBEAT_INTERVAL_MS;
/** Send buffer per socket before uWS reports backpressure, in bytes. */
const MAX_BACKPRESSURE_BYTES = 1024 * 1024;

export interface SocketData {
  readonly connId: number;
  readonly nonce: Buffer;
  readonly openedMs: number;
  device: Device | null;
  /** The shard the device's school belongs to, owned here (set by the handshake). */
  shard: Shard | null;
  closed: boolean;
  framesInFlight: number;
  protocolErrors: number;
  lastFrameMs: number;
}
type Socket = UWS.WebSocket<SocketData>;

/** A frame waiting for a worker; `firstSeq` (peeked) names it in an Error that refuses it. */
interface StagedFrame {
  readonly ws: Socket; readonly data: SocketData; readonly device: Device; readonly shard: Shard;
  readonly length: number; readonly receivedNs: bigint; readonly firstSeq: number;
}
type Pending = PendingReply<Socket, SocketData, FrameReply>;

/** Where the devices of a school are decided: a shard owned here, another gateway, or none right now. */
export type DeviceRoute = { readonly kind: 'here'; readonly shard: Shard } | { readonly kind: 'elsewhere'; readonly url: string } | { readonly kind: 'none' };
export interface ShardDirectory { route(schoolId: string): DeviceRoute }

export class DeviceServer {
  private readonly sockets = new Map<number, Socket>();
  private readonly byDevice = new Map<string, Socket>();
  private nextConnId = 1;
  private staging: Uint8Array;
  private stagedBytes = 0;
  private staged: StagedFrame[] = [];
  private flushScheduled = false;
  private readonly queues = new ReplyQueues<Shard, Pending>();
  private tasksInFlight = 0;
  private accepting = true;
  private listenSocket: UWS.us_listen_socket | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Per-device tap buckets and flood counts; by device id, so a reconnection refills nothing. */
  private readonly rates: DeviceRateLimiter;

  constructor(
    private readonly uws: typeof UWS,
    private readonly config: GatewayConfig,
    private readonly registry: RegistryIndex,
    private readonly pool: Piscina,
    private readonly shards: ShardDirectory,
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
  ) {
    this.staging = new Uint8Array(config.batchFramesMax * config.maxFrameBytes);
    this.rates = new DeviceRateLimiter(config.deviceTapsPerS, config.deviceTapBurst);
  }

  async listen(): Promise<number> {
    const app = this.uws.App();
    app.ws<SocketData>('/device/v1', {
      compression: this.uws.DISABLED,
      maxPayloadLength: HARD_MAX_FRAME_BYTES,
      maxBackpressure: MAX_BACKPRESSURE_BYTES,
      closeOnBackpressureLimit: 0,
      idleTimeout: 0,
      sendPingsAutomatically: false,
      upgrade: (res, req, context) => {
        if (!this.accepting) { res.writeStatus('503 Service Unavailable').end('shutting down'); return; }
        const data: SocketData = { connId: this.nextConnId++, nonce: randomBytes(NONCE_BYTES), openedMs: Date.now(), device: null, shard: null,
          closed: false, framesInFlight: 0, protocolErrors: 0, lastFrameMs: Date.now() };
        res.upgrade(data, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'),
          req.getHeader('sec-websocket-extensions'), context);
      },
      open: (ws) => this.onOpen(ws),
      message: (ws, message, isBinary) => this.onMessage(ws, message, isBinary),
      close: (ws) => this.onClose(ws),
    });
    app.any('/*', (res) => { res.writeStatus('404 Not Found').end('tapgate device endpoint: connect a WebSocket to /device/v1'); });
    await new Promise<void>((resolve, reject) => {
      app.listen(this.config.host, this.config.devicePort, (token) => {
        if (token === false) reject(new Error(`cannot listen on ${this.config.host}:${this.config.devicePort}`));
        else { this.listenSocket = token; resolve(); }
      });
    });
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    return this.uws.us_socket_local_port(this.listenSocket!);
  }

  private onOpen(ws: Socket): void {
    const data = ws.getUserData();
    this.sockets.set(data.connId, ws);
    this.metrics.connectionsOpen.inc();
    this.send(ws, data, GatewayFrame.encode({ challenge: { nonce: data.nonce, protocolVersion: PROTOCOL_VERSION,
      serverTimeMs: Date.now(), authTimeoutMs: AUTH_TIMEOUT_MS } }).finish());
  }

  private onClose(ws: Socket): void {
    const data = ws.getUserData();
    data.closed = true;
    this.sockets.delete(data.connId);
    this.metrics.connectionsOpen.dec();
    if (data.device !== null && this.byDevice.get(data.device.id) === ws) {
      this.byDevice.delete(data.device.id);
      this.metrics.devicesConnected.dec();
    }
  }

  private onMessage(ws: Socket, message: ArrayBuffer, isBinary: boolean): void {
    const data = ws.getUserData();
    data.lastFrameMs = Date.now();
    if (data.device === null) return this.onHandshake(ws, data, message, isBinary);
    if (!isBinary) return this.refuse(ws, data, ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'text messages are not part of the protocol');
    if (message.byteLength > this.config.maxFrameBytes) {
      return this.refuse(ws, data, ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, `frame of ${message.byteLength} bytes exceeds ${this.config.maxFrameBytes}`);
    }
    const tag = message.byteLength > 0 ? new Uint8Array(message, 0, 1)[0] : undefined;
    if (tag === TAG_TAPS) return this.admitTaps(ws, data, data.device, data.shard!, message);
    if (tag === TAG_STATUS) return this.onStatus(ws, data, message);
    if (tag === TAG_AUTH) return this.refuse(ws, data, ErrorCode.ERROR_CODE_UNEXPECTED_FRAME, 'the session is already authenticated');
    this.refuse(ws, data, ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'not a DeviceFrame');
  }

  private onHandshake(ws: Socket, data: SocketData, message: ArrayBuffer, isBinary: boolean): void {
    let auth: tapgate.device.v1.IAuth | null | undefined;
    if (isBinary && message.byteLength <= this.config.maxFrameBytes) {
      try {
        const f = DeviceFrame.decode(new Uint8Array(message));
        if (f.body === 'auth') auth = f.auth;
      } catch { /* falls through to AUTH_REQUIRED */ }
    }
    if (auth == null) return this.close(ws, data, CloseCode.AUTH_REQUIRED, 'expected Auth');
    const deviceId = auth.deviceId ?? '';
    const device = this.registry.devices.get(deviceId);
    if (device === undefined) { this.metrics.handshakes.inc({ result: 'unknown_device' }); return this.close(ws, data, CloseCode.UNKNOWN_DEVICE, 'unknown device'); }
    const mac = auth.mac ?? new Uint8Array(0);
    if (!verifyHandshakeMac(Buffer.from(device.secretHex, 'hex'), deviceId, data.nonce, mac)) {
      this.metrics.handshakes.inc({ result: 'bad_mac' });
      return this.close(ws, data, CloseCode.AUTH_FAILED, 'authentication failed');
    }
    if (!device.enabled) { this.metrics.handshakes.inc({ result: 'disabled' }); return this.close(ws, data, CloseCode.DEVICE_DISABLED, 'device disabled'); }
    const penaltyMs = this.rates.penaltyMs(deviceId, Date.now());
    if (penaltyMs > 0) {
      this.metrics.handshakes.inc({ result: 'flood_penalty' });
      return this.close(ws, data, CloseCode.RATE_LIMITED, `flooding: reconnect in ${Math.ceil(penaltyMs / 1000)} s`);
    }
    const route = this.shards.route(device.schoolId);
    if (route.kind !== 'here' || route.shard.closing) {
      this.metrics.handshakes.inc({ result: route.kind === 'elsewhere' ? 'redirected' : 'no_owner' });
      if (route.kind === 'elsewhere') return this.close(ws, data, CloseCode.WRONG_GATEWAY, route.url);
      return this.close(ws, data, CloseCode.TRY_AGAIN_LATER, 'no gateway owns this school now; reconnect shortly');
    }
    const previous = this.byDevice.get(deviceId);
    if (previous !== undefined) {
      // The newest connection wins: the old one is most likely a half-open socket of a device
      // that rebooted. Its frames in flight are still decided and logged; their replies are lost
      // and the device gets them again, as originals, when it retransmits.
      const prevData = previous.getUserData();
      this.byDevice.delete(deviceId);
      this.metrics.devicesConnected.dec();
      this.close(previous, prevData, CloseCode.REPLACED, 'replaced by a newer connection');
    }
    data.device = device;
    data.shard = route.shard;
    this.byDevice.set(deviceId, ws);
    this.metrics.devicesConnected.inc();
    this.metrics.handshakes.inc({ result: 'ok' });
    this.log.info({ deviceId, connId: data.connId, firmware: (auth.firmwareVersion ?? '').slice(0, FIRMWARE_VERSION_BYTES_MAX) }, 'device authenticated');
    this.send(ws, data, GatewayFrame.encode({ welcome: { serverTimeMs: Date.now(), lastDecidedSeq: route.shard.sequencer.seqs.highestSeq(deviceId),
      maxFrameBytes: this.config.maxFrameBytes, maxTapsPerFrame: this.config.maxTapsPerFrame, maxFramesInFlight: this.config.maxFramesInFlight,
      heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS, repeatWindowMs: this.config.repeatWindowMs, seqMemory: SEQ_MEMORY,
      tapRatePerS: this.config.deviceTapsPerS, tapBurst: this.config.deviceTapBurst, handoverChildrenMax: HANDOVER_CHILDREN_MAX } }).finish());
  }

  private onStatus(ws: Socket, data: SocketData, message: ArrayBuffer): void {
    this.metrics.frames.inc({ kind: 'status' });
    let status: tapgate.device.v1.IStatus | null | undefined;
    try { status = DeviceFrame.decode(new Uint8Array(message)).status; } catch { status = undefined; }
    if (status == null) return this.refuse(ws, data, ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'not a valid Status frame');
    data.protocolErrors = 0;
    if (status.tamper === true) {
      this.metrics.deviceTamper.inc();
      this.log.warn({ deviceId: data.device?.id, doorState: status.doorState }, 'device reports tamper');
    }
    this.send(ws, data, GatewayFrame.encode({ statusAck: { serverTimeMs: Date.now(), deviceTimeMs: status.deviceTimeMs ?? 0 } }).finish());
  }

  /** Admits a TapBatch or refuses it: in flight, gateway queues, tap bucket (ADR 12); peeked, not decoded. */
  private admitTaps(ws: Socket, data: SocketData, device: Device, shard: Shard, message: ArrayBuffer): void {
    this.metrics.frames.inc({ kind: 'taps' });
    const peek = peekTapBatch(new Uint8Array(message));
    const firstSeq = peek?.firstSeq ?? 0;
    if (data.framesInFlight >= this.config.maxFramesInFlight) {
      return this.refuseFlood(ws, data, device, ErrorCode.ERROR_CODE_TOO_MANY_IN_FLIGHT,
        `more than ${this.config.maxFramesInFlight} frames in flight`, firstSeq, 0);
    }
    // The ledger refuses new work while an append is being retried (a broker stall) or its backlog is full.
    if (!this.accepting || shard.closing || !shard.ledger.admitting ||
        this.tasksInFlight >= this.config.workerQueueMax) {
      return this.refuse(ws, data, ErrorCode.ERROR_CODE_OVERLOADED, 'the gateway is at its queue limit; resend later', false, 0, firstSeq);
    }
    // A frame the peek cannot read costs one tap; the worker refuses it as malformed.
    const retryAfterMs = this.rates.take(device.id, peek?.taps ?? 1, Date.now());
    if (retryAfterMs > 0) {
      return this.refuseFlood(ws, data, device, ErrorCode.ERROR_CODE_RATE_LIMITED,
        `over ${this.config.deviceTapsPerS} taps/s (burst ${this.config.deviceTapBurst}); resend in ${retryAfterMs} ms`, firstSeq, retryAfterMs);
    }
    data.framesInFlight++;
    this.queues.admitted(shard);
    this.staging.set(new Uint8Array(message), this.stagedBytes);
    this.stagedBytes += message.byteLength;
    this.staged.push({ ws, data, device, shard, length: message.byteLength, receivedNs: process.hrtime.bigint(), firstSeq });
    if (this.staged.length >= this.config.batchFramesMax) this.dispatch();
    else if (!this.flushScheduled) { this.flushScheduled = true; setImmediate(() => this.dispatch()); }
  }

  /** Sends the staged frames to a worker as one task. */
  private dispatch(): void {
    this.flushScheduled = false;
    if (this.staged.length === 0) return;
    const frames = this.staged;
    const ends = new Uint32Array(frames.length);
    let end = 0;
    for (let i = 0; i < frames.length; i++) { end += frames[i]!.length; ends[i] = end; }
    const bytes = this.staging.slice(0, this.stagedBytes).buffer;
    this.staged = [];
    this.stagedBytes = 0;
    const task: TapTask = { bytes, ends, deviceIds: frames.map((f) => f.device.id), nowMs: Date.now(), maxTapsPerFrame: this.config.maxTapsPerFrame };
    this.tasksInFlight++;
    this.metrics.workerTasks.inc();
    this.metrics.workerTaskFrames.observe(frames.length);
    this.metrics.workerQueue.set(this.pool.queueSize);
    const sentNs = process.hrtime.bigint();
    this.pool.run(task, { transferList: [bytes] }).then(
      (result: TapTaskResult) => this.complete(frames, result, sentNs),
      (err: unknown) => this.complete(frames, err instanceof Error ? err : new Error(String(err)), sentNs));
  }

  /**
   * Applies a worker's result as soon as it arrives. Tasks may finish out of dispatch order; the
   * sequencer applies each frame atomically, so the outcome is still one serial order of frames,
   * and a worker that stalls (a GC pause, a registry burst) delays only its own frames.
   */
  private complete(frames: StagedFrame[], result: TapTaskResult | Error, sentNs: bigint): void {
    this.tasksInFlight--;
    this.metrics.workerTaskSeconds.observe(Number(process.hrtime.bigint() - sentNs) / 1e9);
    const touched = new Set<Shard>();
    for (const f of frames) touched.add(f.shard);
    this.apply(frames, result);
    for (const shard of touched) {
      shard.ledger.scheduleFlush();
      this.releaseReplies(shard);
    }
  }

  /** A frame not decided: the device keeps it and resends it (here or to the shard's next owner). */
  private unanswered(f: StagedFrame, code: number, message: string, countsAsViolation = false, tapIndex = 0, seq = f.firstSeq): void {
    f.data.framesInFlight--;
    this.queues.unanswered(f.shard);
    this.refuse(f.ws, f.data, code, message, countsAsViolation, tapIndex, seq);
  }

  private apply(frames: StagedFrame[], result: TapTaskResult | Error): void {
    if (result instanceof Error) {
      // A worker crash is a programmer error or a lost registry: refuse the frames (the devices
      // keep and resend them) and let the error surface in the log.
      this.log.error({ err: result }, 'tap worker task failed');
      for (const f of frames) this.unanswered(f, ErrorCode.ERROR_CODE_OVERLOADED, 'internal error; resend later');
      return;
    }
    const nowMs = Date.now();
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i]!;
      const r = result.frames[i]!;
      if ('error' in r) {
        this.unanswered(f, r.error.code, r.error.message, true, r.error.tapIndex, r.error.seq);
        continue;
      }
      // Nothing is decided on a shard given up or failed meanwhile: the device resends to its next owner.
      if (f.shard.closing || f.shard.ledger.failed !== null) {
        this.unanswered(f, ErrorCode.ERROR_CODE_OVERLOADED, 'ledger unavailable; resend later');
        continue;
      }
      const s = f.shard.sequencer.sequence(f.device, r.taps, nowMs);
      if ('tooOld' in s) {
        this.unanswered(f, ErrorCode.ERROR_CODE_SEQ_TOO_OLD,
          `seq ${s.tooOld.seq} is more than ${SEQ_MEMORY} below the highest seq ${s.tooOld.highestSeq}`, true, 0, s.tooOld.seq);
        continue;
      }
      f.data.protocolErrors = 0;
      this.queues.push(f.shard, { ws: f.ws, data: f.data, reply: s.reply, receivedNs: f.receivedNs });
    }
  }

  /**
   * Sends every queued reply whose decisions are durable, in order. Called on each ledger ack.
   * Replies to one socket released together go out as one DecisionBatch: one write, not one per frame.
   */
  releaseReplies(shard: Shard): void {
    const ready = new Map<Socket, { data: SocketData; decisions: FrameReply['decisions'] }>();
    const nowNs = process.hrtime.bigint();
    this.queues.release(shard, shard.ledger.ackedNo, (p) => {
      p.data.framesInFlight--;
      this.metrics.decisionLatency.observe(Number(nowNs - p.receivedNs) / 1e9);
      if (p.data.closed) return;
      const entry = ready.get(p.ws);
      if (entry === undefined) ready.set(p.ws, { data: p.data, decisions: p.reply.decisions });
      else for (const d of p.reply.decisions) entry.decisions.push(d);
    });
    const serverTimeMs = Date.now();
    for (const [ws, { data, decisions }] of ready) {
      const bytes = GatewayFrame.encode({ decisions: { decisions, serverTimeMs } }).finish();
      ws.cork(() => this.send(ws, data, bytes));
    }
  }

  private send(ws: Socket, data: SocketData, bytes: Uint8Array): void {
    if (data.closed) return;
    if (ws.send(bytes, true) === 2) this.close(ws, data, CloseCode.SLOW_CONSUMER, 'send buffer full: read your decisions');
  }

  private refuse(ws: Socket, data: SocketData, code: number, message: string, countsAsViolation = true, tapIndex = 0, seq = 0,
    retryAfterMs = 0): void {
    this.metrics.frameErrors.inc({ code: ERROR_NAMES[code] ?? String(code) });
    if (data.closed) return;
    data.protocolErrors += countsAsViolation ? 1 : 0;
    // A message may quote what the device sent (decoded leniently): never echo invalid UTF-8 back.
    ws.cork(() => this.send(ws, data, GatewayFrame.encode({ error: { code, message: wellFormed(message), tapIndex, seq, retryAfterMs } }).finish()));
    if (data.protocolErrors >= PROTOCOL_ERRORS_BEFORE_CLOSE) this.close(ws, data, CloseCode.PROTOCOL_VIOLATION, 'too many refused frames');
  }

  /** Refuses a frame for the device's own limits: not a 4007 fault, but persistent refusals close with 4008. */
  private refuseFlood(ws: Socket, data: SocketData, device: Device, code: number, message: string, seq: number, retryAfterMs: number): void {
    this.refuse(ws, data, code, message, false, 0, seq, retryAfterMs);
    if (!data.closed && this.rates.refused(device.id, Date.now())) {
      this.log.warn({ deviceId: device.id, connId: data.connId }, 'device floods: closed with 4008');
      this.close(ws, data, CloseCode.RATE_LIMITED, 'flooding: too many refused frames; reconnect later');
    }
  }

  private close(ws: Socket, data: SocketData, code: number, reason: string): void {
    if (data.closed) return;
    this.metrics.closes.inc({ code: String(code) });
    data.closed = true;
    ws.end(code, reason);
  }

  /** Closes sockets past their auth or idle deadline. */
  private sweep(): void {
    const now = Date.now();
    this.rates.prune(now);
    for (const ws of this.sockets.values()) {
      const data = ws.getUserData();
      if (data.device === null && now - data.openedMs > AUTH_TIMEOUT_MS) this.close(ws, data, CloseCode.AUTH_TIMEOUT, 'no Auth in time');
      else if (data.device !== null && now - data.lastFrameMs > IDLE_TIMEOUT_MS) this.close(ws, data, CloseCode.IDLE_TIMEOUT, 'no frame in time');
    }
  }

  /** Called on every device change in the registry: a disabled or deleted device is disconnected. */
  onDeviceChanged(deviceId: string): void {
    const ws = this.byDevice.get(deviceId);
    if (ws === undefined) return;
    const device = this.registry.devices.get(deviceId);
    const data = ws.getUserData();
    if (device === undefined || !device.enabled) this.close(ws, data, CloseCode.DEVICE_DISABLED, 'device disabled');
    else if (device.secretHex !== data.device?.secretHex || device.schoolId !== data.device.schoolId) {
      this.close(ws, data, CloseCode.AUTH_FAILED, 'device credentials or school changed; reconnect');
    } else data.device = device;
  }

  /** Closes every device socket, e.g. after a fatal ledger error. */
  closeAll(code: number, reason: string): void {
    for (const ws of [...this.sockets.values()]) this.close(ws, ws.getUserData(), code, reason);
  }

  /** True when no frame of this shard is staged, in a worker, or waiting for its ledger. */
  shardDrained(shard: Shard): boolean {
    return this.queues.drained(shard);
  }

  /**
   * After a shard was given up or dropped: its devices are closed with 1013 (they reconnect and
   * are routed to the next owner) and its queue forgotten. Replies still queued are never sent:
   * the devices resend those taps and get the decisions from the ledger through the next owner.
   */
  closeShard(shard: Shard, reason: string): void {
    for (const ws of [...this.byDevice.values()]) {
      const data = ws.getUserData();
      if (data.shard === shard) this.close(ws, data, CloseCode.TRY_AGAIN_LATER, reason);
    }
    this.queues.forget(shard);
  }

  /** Stops accepting connections and new frames. */
  stopAccepting(): void {
    this.accepting = false;
    if (this.listenSocket !== null) { this.uws.us_listen_socket_close(this.listenSocket); this.listenSocket = null; }
    if (this.sweepTimer !== null) clearInterval(this.sweepTimer);
  }

  /** True when no frame is staged, in a worker, or waiting for the ledger. */
  get drained(): boolean {
    if (this.staged.length > 0 || this.tasksInFlight > 0) return false;
    for (const shard of this.queues.shards()) {
      if (shard.ledger.failed === null && (!this.queues.drained(shard) || !shard.ledger.idle)) return false;
    }
    return true;
  }

  get connectedDevices(): number {
    return this.byDevice.size;
  }
}
