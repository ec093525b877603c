// Photos of persons (the `photo_ref` a device's Display carries): what an uploaded photo must be,
// and how a device proves who it is when it fetches one (docs/protocol.md, "Photos"). Pure: the
// API stores and serves the bytes; this module only reads their headers and computes MACs.
//
// A photo used to identify a person is biometric data under 152-FZ: it exists only with the
// person's recorded consent (Person.photoConsent), and the API and the fetch check that.
// The image check reads the container, never decodes pixels: a JPEG's segments up to its frame
// header and its end marker, a PNG's chunks from IHDR to IEND. That is enough to refuse text, SVG
// and truncated files and absurd dimensions before a device's decoder ever sees them.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAC_BYTES } from './limits.js';

/** Largest photo accepted, in bytes (300 KB: a face at a guard's screen size, with room to spare). */
export const PHOTO_BYTES_MAX = 300 * 1024;
/** Smallest and largest side of a photo, in pixels. */
export const PHOTO_SIDE_PX_MIN = 32;
export const PHOTO_SIDE_PX_MAX = 4096;
/** Most pixels of a photo (a decoder on a turnstile allocates width × height × 4 bytes). */
export const PHOTO_PIXELS_MAX = 12_000_000;
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];
/** A photo reference made by the photo service: `ph_` and 128 random bits, base64url. */
export const PHOTO_REF_PATTERN = /^ph_[A-Za-z0-9_-]{22}$/;
/** Prefix of the bytes a device MACs to fetch a photo; not the handshake's, so one MAC never passes for the other. */
export const PHOTO_MAC_CONTEXT = 'tapgate-photo-v1';
/** How far a device's clock may be from the server's for a photo fetch, in ms, either way. */
export const PHOTO_CLOCK_SKEW_MS_MAX = 5 * 60_000;

export interface ImageInfo { readonly mediaType: PhotoMediaType; readonly widthPx: number; readonly heightPx: number }
export type ImageProblem = 'not_image' | 'truncated' | 'dimensions' | 'media_type_mismatch';
export type ImageCheck = { readonly ok: ImageInfo } | { readonly problem: ImageProblem };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** JPEG start-of-frame markers (baseline, progressive, lossless...): C0..CF but C4 (DHT), C8 (JPG), CC (DAC). */
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height of a JPEG, or why it is not a whole one. */
function jpegInfo(b: Uint8Array): ImageCheck {
  let i = 2;
  let size: { w: number; h: number } | null = null;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return { problem: 'not_image' };
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (length < 2 || i + 2 + length > b.length) return { problem: 'truncated' };
    if (JPEG_SOF.has(marker)) {
      if (length < 7) return { problem: 'not_image' };
      size = { h: (b[i + 5]! << 8) | b[i + 6]!, w: (b[i + 7]! << 8) | b[i + 8]! };
    }
    if (marker === 0xda) break; // start of scan: entropy-coded data follows up to EOI
    i += 2 + length;
  }
  if (size === null) return { problem: i + 4 > b.length ? 'truncated' : 'not_image' };
  // The scan data is not parsed; a whole file ends with the end-of-image marker.
  if (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) return { problem: 'truncated' };
  return { ok: { mediaType: 'image/jpeg', widthPx: size.w, heightPx: size.h } };
}

/** Width and height of a PNG (from IHDR), or why it is not a whole one (every chunk present, IEND last). */
function pngInfo(b: Uint8Array): ImageCheck {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = (at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
  if (b.length < 33) return { problem: 'truncated' };
  if (view.getUint32(8) !== 13 || type(12) !== 'IHDR') return { problem: 'not_image' };
  const size = { w: view.getUint32(16), h: view.getUint32(20) };
  let i = 8;
  while (i + 12 <= b.length) {
    const length = view.getUint32(i);
    if (i + 12 + length > b.length) return { problem: 'truncated' };
    if (type(i + 4) === 'IEND') {
      return i + 12 === b.length ? { ok: { mediaType: 'image/png', widthPx: size.w, heightPx: size.h } } : { problem: 'not_image' };
    }
    i += 12 + length;
  }
  return { problem: 'truncated' };
}

/** The media type the bytes start like (magic numbers only), or null. */
export function photoMediaType(bytes: Uint8Array): PhotoMediaType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.equals(bytes.subarray(0, 8))) return 'image/png';
  return null;
}

/**
 * Checks that bytes sent as `declared` are a whole JPEG or PNG of that type with sane dimensions
 * (PHOTO_SIDE_PX_MIN..PHOTO_SIDE_PX_MAX a side, at most PHOTO_PIXELS_MAX pixels).
 */
export function inspectImage(bytes: Uint8Array, declared: string): ImageCheck {
  const kind = photoMediaType(bytes);
  if (kind === null) return { problem: 'not_image' };
  const r = kind === 'image/jpeg' ? jpegInfo(bytes) : pngInfo(bytes);
  if (!('ok' in r)) return r;
  const { widthPx: w, heightPx: h, mediaType } = r.ok;
  if (mediaType !== declared) return { problem: 'media_type_mismatch' };
  const sideOk = (x: number) => x >= PHOTO_SIDE_PX_MIN && x <= PHOTO_SIDE_PX_MAX;
  if (!sideOk(w) || !sideOk(h) || w * h > PHOTO_PIXELS_MAX) return { problem: 'dimensions' };
  return r;
}

/**
 * The MAC a device sends to fetch a photo:
 * HMAC-SHA256(secret, "tapgate-photo-v1" 0x00 device_id 0x00 time_ms 0x00 photo_ref), with time_ms
 * in decimal ASCII digits (no sign, no leading zeros) and the other strings in UTF-8.
 */
export function photoFetchMac(secret: Uint8Array, deviceId: string, timeMs: number, photoRef: string): Buffer {
  return createHmac('sha256', secret)
    .update(PHOTO_MAC_CONTEXT).update(Buffer.of(0))
    .update(deviceId, 'utf8').update(Buffer.of(0))
    .update(String(timeMs), 'ascii').update(Buffer.of(0))
    .update(photoRef, 'utf8')
    .digest();
}

/** Whether a photo fetch's MAC verifies (constant time) and its time is within PHOTO_CLOCK_SKEW_MS_MAX of `nowMs`. */
export function verifyPhotoFetch(secret: Uint8Array, f: { deviceId: string; timeMs: number; photoRef: string; mac: Uint8Array },
  nowMs: number): boolean {
  if (f.mac.length !== MAC_BYTES || !Number.isSafeInteger(f.timeMs) || Math.abs(nowMs - f.timeMs) > PHOTO_CLOCK_SKEW_MS_MAX) return false;
  return timingSafeEqual(photoFetchMac(secret, f.deviceId, f.timeMs, f.photoRef), f.mac);
}
