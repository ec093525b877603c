import { readFileSync } from 'node:fs';
import t from 'tap';
import WebSocket from 'ws';
import { handshakeMac } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import { startStack, startGateway } from '../helpers/stack.js';

const { GatewayFrame, DeviceFrame } = tapgate.device.v1;
const bin = (n: string) => readFileSync(`/tmp/pex/${n}`);
const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

function zeroTimes(o: unknown): unknown {
  return JSON.parse(JSON.stringify(o, (k, v) => (/Ms$/.test(k) ? 0 : v)));
}

t.test('live gateway answers the worked example as documented', async (t) => {
  const stack = await startStack({ clickhouse: false });
  await stack.loadRegistry({
    schools: [{ id: 'sch-1001', name: 'Школа', timeZone: 'Europe/Moscow' }],
    devices: [{ id: 'turnstile-1', schoolId: 'sch-1001', kind: 'turnstile', secretHex: SECRET.toString('hex') }],
    persons: [{ id: 'p-0001', schoolId: 'sch-1001', kind: 'pupil', displayName: 'Иванов Иван', className: '5А', photoRef: 'photo/p-0001' }],
    identifiers: [{ id: 'c-1', personId: 'p-0001', kind: 'social_card', uidHex: '04528a1a3c5e80' }],
  });
  const gw = await startGateway(stack);
  t.teardown(async () => { await gw.stop(); await stack.stop(); });
  const frames: Buffer[] = [];
  let closed: { code: number; reason: string } | null = null;
  const waiters: Array<() => void> = [];
  const open = (url: string) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (m: Buffer) => { frames.push(m); waiters.splice(0).forEach((w) => w()); });
    ws.on('close', (code, reason) => { closed = { code, reason: reason.toString() }; waiters.splice(0).forEach((w) => w()); });
    return ws;
  };
  const next = async (): Promise<Buffer> => {
    for (let i = 0; i < 100 && frames.length === 0 && closed === null; i++) await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 100); });
    const f = frames.shift(); if (f === undefined) throw new Error(`no frame; closed=${JSON.stringify(closed)}`); return f;
  };
  // text before auth -> 4005
  let ws = open(gw.deviceUrl);
  await next();
  ws.send('hello');
  for (let i = 0; i < 50 && closed === null; i++) await new Promise((r) => setTimeout(r, 100));
  t.equal((closed as any)?.code, 4005, 'text before auth closes 4005');
  closed = null; frames.length = 0;

  ws = open(gw.deviceUrl);
  const ch = GatewayFrame.decode(await next());
  t.equal(ch.body, 'challenge');
  t.equal(ch.challenge!.nonce.length, 32);
  ws.send(DeviceFrame.encode({ auth: { deviceId: 'turnstile-1', mac: handshakeMac(SECRET, 'turnstile-1', ch.challenge!.nonce), firmwareVersion: '1.4.2', deviceTimeMs: Date.now() } }).finish());
  const welcome = GatewayFrame.decode(await next());
  t.same(zeroTimes(GatewayFrame.toObject(welcome)), zeroTimes(GatewayFrame.toObject(GatewayFrame.decode(bin('03-welcome.GatewayFrame.bin')))), 'welcome as documented');
  ws.send(bin('04-taps.DeviceFrame.bin'));
  const d1 = await next();
  t.same(zeroTimes(GatewayFrame.toObject(GatewayFrame.decode(d1))), zeroTimes(GatewayFrame.toObject(GatewayFrame.decode(bin('05-decisions.GatewayFrame.bin')))), 'decision as documented');
  t.equal(d1.length, bin('05-decisions.GatewayFrame.bin').length, 'same length');
  ws.send(bin('04-taps.DeviceFrame.bin'));
  const d2 = await next();
  t.same(zeroTimes(GatewayFrame.toObject(GatewayFrame.decode(d2))), zeroTimes(GatewayFrame.toObject(GatewayFrame.decode(bin('07-decisions-replayed.GatewayFrame.bin')))), 'replayed as documented');
  t.equal(GatewayFrame.decode(d2).decisions!.decisions[0]!.decidedAtMs, GatewayFrame.decode(d1).decisions!.decisions[0]!.decidedAtMs, 'same decided_at');
  ws.send(bin('08-status.DeviceFrame.bin'));
  const ack = GatewayFrame.decode(await next());
  t.equal(ack.statusAck!.deviceTimeMs, 1756701930120, 'echo');
  ws.send(bin('10-taps-invalid.DeviceFrame.bin'));
  t.same(await next(), bin('11-error.GatewayFrame.bin'), 'error bytes exactly as documented');
  ws.send('text');
  const e = GatewayFrame.decode(await next());
  t.equal(e.error!.code, 1, 'text after auth -> MALFORMED');
  ws.send(Buffer.from([0x08, 0x01]));
  t.equal(GatewayFrame.decode(await next()).error!.code, 1, 'wrong first byte -> MALFORMED');
  ws.send(Buffer.alloc(9000, 0x12));
  t.equal(GatewayFrame.decode(await next()).error!.code, 2, 'over max_frame_bytes -> FRAME_TOO_LARGE');
  // second connection wins
  const ws2 = open(gw.deviceUrl);
  const ch2 = GatewayFrame.decode(await next());
  ws2.send(DeviceFrame.encode({ auth: { deviceId: 'turnstile-1', mac: handshakeMac(SECRET, 'turnstile-1', ch2.challenge!.nonce) } }).finish());
  const w2 = GatewayFrame.decode(await next());
  t.equal(w2.welcome!.lastDecidedSeq, 1, 'last_decided_seq 1');
  for (let i = 0; i < 50 && closed === null; i++) await new Promise((r) => setTimeout(r, 100));
  t.equal((closed as any)?.code, 4004, 'old closed 4004');
  closed = null;
  ws2.send(Buffer.alloc(70000, 0x12));
  for (let i = 0; i < 50 && closed === null; i++) await new Promise((r) => setTimeout(r, 100));
  t.equal((closed as any)?.code, 1009, 'over 65536 -> 1009 got ' + JSON.stringify(closed));
});
