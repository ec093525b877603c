// A minimal WebSocket client for the load simulator: RFC 6455 framing straight on a TCP
// socket, binary messages only, no extensions. The `ws` package spends more CPU per message
// than the gateway does per tap, and the load generator shares this 2-core machine with the
// system under test, so a lean client makes the benchmark measure the gateway, not the client.
// Client frames are masked as the RFC requires; the mask key is zero, which is a valid key and
// spares an XOR pass (a load generator has no cache-poisoning proxy to defend against).
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Largest message accepted from the server, in bytes. */
const MESSAGE_BYTES_MAX = 1 << 20;

export class RawWs {
  private buf: Buffer = Buffer.alloc(0);
  private handler: ((payload: Buffer) => void) | null = null;
  /** Messages that arrived before a handler was set (the first can ride in with the 101 response). */
  private early: Buffer[] = [];
  /** The close code and reason (a 4011 redirect carries the owner's URL, protocol v1.4). */
  onClose: (code: number, reason: string) => void = () => undefined;
  open = false;
  private closed = false;

  private constructor(private readonly socket: Socket) {}

  static connect(url: string, timeoutMs = 10_000): Promise<RawWs> {
    const u = new URL(url);
    const socket = connect({ host: u.hostname, port: Number(u.port) });
    socket.setNoDelay(true);
    const ws = new RawWs(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no WebSocket upgrade from ${url} within ${timeoutMs} ms`)); }, timeoutMs);
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        clearTimeout(timer);
        if (!/^HTTP\/1\.1 101/.test(head)) { socket.destroy(); reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`)); return; }
        ws.open = true;
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        socket.on('data', (c: Buffer) => ws.onData(c));
        socket.on('close', () => ws.finish(1006));
        if (rest.length > 0) ws.onData(rest);
        resolve(ws);
      };
      socket.on('data', onData);
      socket.once('error', (e) => { clearTimeout(timer); reject(e); });
      socket.once('connect', () => {
        socket.write(`GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      });
    });
  }

  set onMessage(handler: (payload: Buffer) => void) {
    this.handler = handler;
    const early = this.early;
    this.early = [];
    for (const m of early) handler(m);
  }

  private deliver(payload: Buffer): void {
    if (this.handler !== null) this.handler(payload);
    else this.early.push(Buffer.from(payload));
  }

  /** Sends one binary message. */
  send(payload: Uint8Array): void {
    if (!this.open) return;
    const n = payload.length;
    const headLen = n < 126 ? 2 : n < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(headLen + 4 + n);
    frame[0] = 0x82;
    if (n < 126) frame[1] = 0x80 | n;
    else if (n < 65536) { frame[1] = 0x80 | 126; frame.writeUInt16BE(n, 2); }
    else { frame[1] = 0x80 | 127; frame.writeBigUInt64BE(BigInt(n), 2); }
    frame.writeUInt32BE(0, headLen);
    frame.set(payload, headLen + 4);
    this.socket.write(frame);
  }

  /** Sends several binary messages in one socket write (a flooding client, benchmarks/flooder.ts). */
  sendMany(payloads: readonly Uint8Array[]): void {
    if (!this.open) return;
    let size = 0;
    for (const p of payloads) size += p.length + 14;
    const out = Buffer.allocUnsafe(size);
    let off = 0;
    for (const p of payloads) {
      const n = p.length;
      out[off] = 0x82;
      if (n < 126) { out[off + 1] = 0x80 | n; off += 2; }
      else if (n < 65536) { out[off + 1] = 0x80 | 126; out.writeUInt16BE(n, off + 2); off += 4; }
      else { out[off + 1] = 0x80 | 127; out.writeBigUInt64BE(BigInt(n), off + 2); off += 10; }
      out.writeUInt32BE(0, off);
      out.set(p, off + 4);
      off += 4 + n;
    }
    this.socket.write(out.subarray(0, off));
  }

  /** Bytes written and not yet handed to the kernel. */
  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  close(code = 1000): void {
    if (!this.open) return;
    const frame = Buffer.from([0x88, 0x82, 0, 0, 0, 0, code >> 8, code & 0xff]);
    this.socket.end(frame);
    this.open = false;
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let off = 0;
    while (this.buf.length - off >= 2) {
      const b0 = this.buf[off]!;
      const b1 = this.buf[off + 1]!;
      let len = b1 & 0x7f;
      let head = 2;
      if (len === 126) { if (this.buf.length - off < 4) break; len = this.buf.readUInt16BE(off + 2); head = 4; }
      else if (len === 127) { if (this.buf.length - off < 10) break; len = Number(this.buf.readBigUInt64BE(off + 2)); head = 10; }
      if (len > MESSAGE_BYTES_MAX) { this.socket.destroy(); this.finish(1009); return; }
      if (this.buf.length - off < head + len) break;
      const payload = this.buf.subarray(off + head, off + head + len);
      off += head + len;
      const opcode = b0 & 0x0f;
      if (opcode === 0x2) this.deliver(payload);
      else if (opcode === 0x8) {
        this.finish(payload.length >= 2 ? payload.readUInt16BE(0) : 1005, payload.length > 2 ? payload.subarray(2).toString('utf8') : '');
        this.socket.end();
        return;
      }
      // Pings (0x9) would need a pong; the gateway sends none (sendPingsAutomatically is off).
    }
    this.buf = off === this.buf.length ? Buffer.alloc(0) : this.buf.subarray(off);
  }

  private finish(code: number, reason = ''): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.onClose(code, reason);
  }
}
