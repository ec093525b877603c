// The device handshake MAC: HMAC-SHA256(secret, "tapgate-device-v1" 0x00 device_id 0x00 nonce).
// The nonce is fresh per connection, so a recorded handshake is useless on another connection.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAC_BYTES, MAC_CONTEXT } from './limits.js';

export function handshakeMac(secret: Uint8Array, deviceId: string, nonce: Uint8Array): Buffer {
  return createHmac('sha256', secret)
    .update(MAC_CONTEXT).update(Buffer.of(0))
    .update(deviceId, 'utf8').update(Buffer.of(0))
    .update(nonce)
    .digest();
}

/** Constant-time check of a device's MAC. */
export function verifyHandshakeMac(secret: Uint8Array, deviceId: string, nonce: Uint8Array, mac: Uint8Array): boolean {
  if (mac.length !== MAC_BYTES) return false;
  return timingSafeEqual(handshakeMac(secret, deviceId, nonce), mac);
}
