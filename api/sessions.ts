// Browser sessions of the web console (docs/console.md, ADR 0019). A person signs in once (staff
// with their API token, parents and trusted persons with a one-time SMS code) and the browser
// then holds only a session cookie: `tg_session=<id>.<secret>`, HttpOnly, SameSite=Strict,
// Path=/. The KV bucket tapgate_sessions keeps, under `session.<id>`, the principal, the SHA-256
// of the secret, the CSRF token and the expiry, never the secret; every API process watches the
// bucket, so a logout in one process ends the session in all of them within moments.
//
// Fixation: a session id is only ever made here, at sign-in, from fresh random bytes; a cookie the
// server did not issue authenticates nothing, and a sign-in always replaces the cookie.
// CSRF: a request authenticated by the cookie that changes anything must carry the session's
// token in `x-csrf-token` (the page reads it from GET /session, which a foreign site cannot read)
// and, when the browser sends one, an Origin of this server.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { natsReplicas } from '../lib/index.js';
import { orUnavailable } from './errors.js';
import { watchRecords } from './kv-watch.js';
import type { Principal, Role } from './tokens.js';

export const SESSION_BUCKET = 'tapgate_sessions';
export const SESSION_COOKIE = 'tg_session';
/** How long a staff session lasts from sign-in, in ms (a working day). */
export const STAFF_SESSION_MS = 12 * 3600 * 1000;
/** How long a parent's session lasts from sign-in, in ms: a phone stays signed in for a month. */
export const GUARDIAN_SESSION_MS = 30 * 24 * 3600 * 1000;
/** Sessions one API process keeps in memory; the oldest expire first beyond it (logged). */
export const SESSIONS_MAX = 500_000;
const COOKIE_PATTERN = /(?:^|;\s*)tg_session=([a-f0-9]{24})\.([A-Za-z0-9_-]{43})(?:;|$)/;

export interface SessionRecord {
  readonly id: string;
  readonly role: Role;
  readonly schoolIds: readonly string[];
  readonly guardianId: string;
  /** The API token the session was opened with ('' for an SMS sign-in): revoking it ends the session. */
  readonly tokenId: string;
  /** How the person signed in. */
  readonly method: 'token' | 'sms';
  readonly secretSha256: string;
  readonly csrfToken: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
}

export async function openSessionBucket(nc: NatsConnection): Promise<KV> {
  // The bucket's max age removes sessions nobody logged out of, a little after the longest expiry.
  return new Kvm(nc).create(SESSION_BUCKET, { history: 1, storage: StorageType.File, replicas: natsReplicas(),
    ttl: GUARDIAN_SESSION_MS + 3600 * 1000 });
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export interface NewSession { readonly cookie: string; readonly record: SessionRecord }

/** The Set-Cookie value that stores a session in the browser. */
export function sessionCookie(id: string, secret: string, maxAgeS: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}.${secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The sessions, kept current by a watch on the bucket. */
export class SessionStore {
  private readonly byId = new Map<string, SessionRecord>();
  private stopWatch: (() => void) | null = null;

  /**
   * `tokenLive` says whether the API token a staff session was opened with still works: revoking
   * the token ends its sessions (parents' SMS sessions have no token).
   */
  constructor(readonly kv: KV, private readonly secureCookies: boolean, private readonly tokenLive: (tokenId: string) => boolean = () => true,
    private readonly now: () => number = Date.now) {}

  async start(): Promise<void> {
    const w = await watchRecords(this.kv, 'session', (id, value) => {
      if (value === null) this.byId.delete(id); else this.remember(value as SessionRecord);
    }, (id) => this.byId.delete(id));
    this.stopWatch = () => w.stop();
  }

  stop(): void { this.stopWatch?.(); }

  get size(): number { return this.byId.size; }

  private remember(rec: SessionRecord): void {
    this.byId.delete(rec.id);
    this.byId.set(rec.id, rec);
    if (this.byId.size > SESSIONS_MAX) this.byId.delete(this.byId.keys().next().value!);
  }

  /** Opens a session for a principal; the cookie is the only copy of its secret. */
  async open(p: Omit<Principal, 'via' | 'sessionId' | 'role'> & { readonly role: Role }, method: SessionRecord['method']): Promise<NewSession> {
    const id = randomBytes(12).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const lifeMs = p.role === 'guardian' ? GUARDIAN_SESSION_MS : STAFF_SESSION_MS;
    const nowMs = this.now();
    const record: SessionRecord = { id, role: p.role, schoolIds: [...p.schoolIds], guardianId: p.guardianId, tokenId: p.tokenId,
      method, secretSha256: sha256(secret), csrfToken: randomBytes(24).toString('base64url'), createdAtMs: nowMs, expiresAtMs: nowMs + lifeMs };
    await orUnavailable(this.kv.create(`session.${id}`, JSON.stringify(record)), 'session store');
    this.remember(record);
    return { cookie: sessionCookie(id, secret, Math.floor(lifeMs / 1000), this.secureCookies), record };
  }

  /** The session a Cookie header carries, or null when it carries none that is valid now (or its token was revoked). */
  authenticate(cookieHeader: string): SessionRecord | null {
    const m = COOKIE_PATTERN.exec(cookieHeader);
    if (m === null) return null;
    const rec = this.byId.get(m[1]!);
    if (rec === undefined || rec.expiresAtMs <= this.now() || (rec.tokenId !== '' && !this.tokenLive(rec.tokenId))) return null;
    const given = Buffer.from(sha256(m[2]!), 'hex');
    const stored = Buffer.from(rec.secretSha256, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
    return rec;
  }

  /** Whether a request's CSRF header matches the session's token. */
  static csrfMatches(rec: SessionRecord, header: string): boolean {
    const a = Buffer.from(header);
    const b = Buffer.from(rec.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Ends a session everywhere (the watch removes it from every API process). */
  async close(id: string): Promise<void> {
    this.byId.delete(id);
    await orUnavailable(this.kv.delete(`session.${id}`), 'session store');
  }

  /** The cookie that clears the browser's copy. */
  clearedCookie(): string { return clearedSessionCookie(this.secureCookies); }
}
