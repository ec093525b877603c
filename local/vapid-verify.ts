// The push service's side of VAPID (RFC 8292): checks an `Authorization: vapid t=<JWT>, k=<key>`
// header the way a real push service does, so the local push service refuses what Mozilla's or
// Google's would. The JWT must be ES256, signed by the P-256 key in `k`, addressed (`aud`) to this
// service's origin, unexpired and valid for at most 24 hours (section 2), and name a contact
// (`sub`). Only node:crypto; no JWT library.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** RFC 8292 section 2: "exp" no more than 24 hours from the time of the request. */
export const VAPID_EXP_AHEAD_MS_MAX = 24 * 3600 * 1000;
const PUBLIC_KEY_BYTES = 65;
const SIGNATURE_BYTES = 64;
/** A VAPID header is a few hundred bytes; a longer one is refused before any parsing. */
const HEADER_CHARS_MAX = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type VapidCheck =
  | { readonly ok: true; readonly sub: string; readonly key: string }
  | { readonly ok: false; readonly reason: string };

/** Checks the header against the service's origin (`audience`) at `nowMs`. */
export function verifyVapid(header: string | undefined, audience: string, nowMs: number): VapidCheck {
  if (header === undefined || header === '') return fail('vapid-missing');
  if (header.length > HEADER_CHARS_MAX) return fail('vapid-malformed');
  const m = /^vapid\s+(.+)$/i.exec(header.trim());
  if (m === null) return fail('vapid-missing');
  const params = parseParams(m[1]!);
  const token = params.get('t');
  const k = params.get('k');
  if (token === undefined || k === undefined) return fail('vapid-malformed');
  const key = publicKeyOf(k);
  if (key === null) return fail('vapid-key-invalid');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return fail('vapid-malformed');
  const [head, body, sig] = parts as [string, string, string];
  const jwtHeader = jsonOf(head);
  if (jwtHeader === null || jwtHeader.alg !== 'ES256') return fail('vapid-alg-invalid');
  const signature = Buffer.from(sig, 'base64url');
  if (signature.length !== SIGNATURE_BYTES) return fail('vapid-signature-invalid');
  // JWS ES256 signatures are r||s (IEEE P1363), not DER.
  const good = verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!good) return fail('vapid-signature-invalid');
  const claims = jsonOf(body);
  if (claims === null) return fail('vapid-malformed');
  if (claims.aud !== audience) return fail('vapid-aud-mismatch');
  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp)) return fail('vapid-exp-invalid');
  if (exp * 1000 <= nowMs) return fail('vapid-expired');
  if (exp * 1000 > nowMs + VAPID_EXP_AHEAD_MS_MAX) return fail('vapid-exp-too-far');
  const sub = claims.sub;
  if (typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub)) return fail('vapid-sub-invalid');
  return { ok: true, sub, key: k };
}

function fail(reason: string): VapidCheck {
  return { ok: false, reason };
}

/** `t=..., k=...` into a map; a value keeps any `=` after the first. */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return params;
}

/** The P-256 public key from its 65-byte uncompressed form (base64url), or null. */
function publicKeyOf(k: string): KeyObject | null {
  if (!BASE64URL.test(k)) return null;
  const raw = Buffer.from(k, 'base64url');
  if (raw.length !== PUBLIC_KEY_BYTES || raw[0] !== 0x04) return null;
  try {
    const x = raw.subarray(1, 33).toString('base64url');
    const y = raw.subarray(33).toString('base64url');
    return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
  } catch {
    return null; // not a point on the curve
  }
}

function jsonOf(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}
