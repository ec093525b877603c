// The handshake MAC: a known answer that firmware can check against (computed outside tapgate),
// the same MAC computed independently with node:crypto over the documented layout, and refusals
// of MACs of the wrong length or with one bit changed.
import { createHmac } from 'node:crypto';
import t from 'tap';
import { handshakeMac, verifyHandshakeMac } from '../../core/index.js';

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);
const NONCE = new Uint8Array(32).fill(0xa5);
const DEVICE_ID = 'gate-01';
/** HMAC-SHA256(00..1f, "tapgate-device-v1" 00 "gate-01" 00 a5*32), computed with openssl. */
const KNOWN_MAC_HEX = '0f6d9d0992d4c77f397da2e74c119f085953ac4c21c5487818aa4f4f62ceeeac';

function independentMac(secret: Uint8Array, deviceId: string, nonce: Uint8Array): Buffer {
  const message = Buffer.concat([Buffer.from('tapgate-device-v1', 'ascii'), Buffer.of(0), Buffer.from(deviceId, 'utf8'), Buffer.of(0), nonce]);
  return createHmac('sha256', secret).update(message).digest();
}

t.test('mac - known answer', async (t) => {
  t.equal(handshakeMac(SECRET, DEVICE_ID, NONCE).toString('hex'), KNOWN_MAC_HEX);
  t.equal(verifyHandshakeMac(SECRET, DEVICE_ID, NONCE, Buffer.from(KNOWN_MAC_HEX, 'hex')), true);
});

t.test('mac - matches an independent HMAC over the documented layout', async (t) => {
  const cases: Array<[string, Uint8Array, string, Uint8Array]> = [
    ['zero secret and nonce', new Uint8Array(32), 'd1', new Uint8Array(32)],
    ['long device id', SECRET, 'x'.repeat(64), NONCE],
    ['device id with dots and dashes', SECRET, 'school-1.gate_2', Uint8Array.from({ length: 32 }, (_, i) => 255 - i)],
  ];
  for (const [name, secret, deviceId, nonce] of cases) {
    const want = independentMac(secret, deviceId, nonce);
    t.equal(handshakeMac(secret, deviceId, nonce).toString('hex'), want.toString('hex'), name);
    t.equal(verifyHandshakeMac(secret, deviceId, nonce, want), true, `${name}: verifies`);
  }
});

t.test('mac - refusals', async (t) => {
  const good = Buffer.from(KNOWN_MAC_HEX, 'hex');
  const flip = (byte: number, bit: number) => { const b = Buffer.from(good); b[byte]! ^= 1 << bit; return b; };
  const otherSecret = Uint8Array.from(SECRET); otherSecret[31] = 0x20;
  const otherNonce = Uint8Array.from(NONCE); otherNonce[0] = 0xa4;
  const cases: Array<[string, Uint8Array, string, Uint8Array, Uint8Array]> = [
    ['empty MAC', SECRET, DEVICE_ID, NONCE, new Uint8Array(0)],
    ['31 bytes', SECRET, DEVICE_ID, NONCE, good.subarray(0, 31)],
    ['33 bytes', SECRET, DEVICE_ID, NONCE, Buffer.concat([good, Buffer.of(0)])],
    ['64 bytes', SECRET, DEVICE_ID, NONCE, Buffer.concat([good, good])],
    ['first bit flipped', SECRET, DEVICE_ID, NONCE, flip(0, 0)],
    ['middle bit flipped', SECRET, DEVICE_ID, NONCE, flip(16, 4)],
    ['last bit flipped', SECRET, DEVICE_ID, NONCE, flip(31, 7)],
    ['other device id', SECRET, 'gate-02', NONCE, good],
    ['other secret', otherSecret, DEVICE_ID, NONCE, good],
    ['other nonce (a replayed handshake)', SECRET, DEVICE_ID, otherNonce, good],
  ];
  for (const [name, secret, deviceId, nonce, mac] of cases) t.equal(verifyHandshakeMac(secret, deviceId, nonce, mac), false, name);
});
