// Helpers for the Web Push tests: a raw HTTPS POST (to send what web-push would refuse to build)
// and a VAPID JWT signed by hand (to send claims web-push would refuse to sign).
import { createPrivateKey, sign } from 'node:crypto';
import { request } from 'node:https';
import type { VapidKeys } from '../../consumers/notifier/channels/push.js';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One POST over TLS trusting `caPem`; no connection is kept. */
export function postRaw(url: string, headers: Record<string, string | number>, body: Buffer, caPem: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, ca: caPem, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('postRaw: no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A `vapid t=..., k=...` header with any claims, ES256-signed by `keys`. */
export function vapidHeader(claims: Record<string, unknown>, keys: VapidKeys): string {
  const pub = Buffer.from(keys.publicKey, 'base64url');
  const key = createPrivateKey({
    key: {
      kty: 'EC', crv: 'P-256', d: keys.privateKey,
      x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signingInput = `${enc({ typ: 'JWT', alg: 'ES256' })}.${enc(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `vapid t=${signingInput}.${signature.toString('base64url')}, k=${keys.publicKey}`;
}
