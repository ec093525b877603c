// API tokens. A token is `tg_<id>_<secret>`; the KV bucket tapgate_api_tokens keeps, under
// `token.<id>`, the role, the scope and the SHA-256 of the secret, never the secret itself.
// The gateway watches the bucket, so a revoked token stops working within moments.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { canonicalText, ID_PATTERN, TEXT_PROBLEM_MESSAGES, textProblem } from '../core/index.js';
import { natsReplicas } from '../lib/index.js';
import { orUnavailable } from './errors.js';
import { watchRecords } from './kv-watch.js';

export const TOKEN_BUCKET = 'tapgate_api_tokens';
export const ROLES = ['city_admin', 'school_operator', 'catering_operator', 'payment_integration', 'guardian', 'guard'] as const;
export type Role = (typeof ROLES)[number];
/** Longest token label. */
export const TOKEN_LABEL_CHARS_MAX = 100;
const TOKEN_PATTERN = /^tg_([A-Za-z0-9]{1,32})_([A-Za-z0-9_-]{43})$/;

export interface TokenRecord {
  readonly id: string;
  readonly role: Role;
  /** Schools a school or catering operator may act on. */
  readonly schoolIds: readonly string[];
  /** The guardian a guardian token speaks for; '' for other roles. */
  readonly guardianId: string;
  /** A note for people ("bank X", "school 1 office"); no personal data. */
  readonly label: string;
  readonly secretSha256: string;
  readonly createdAtMs: number;
  readonly revoked: boolean;
}

/** Who is calling: the token's id, role and scope, and how they authenticated. */
export interface Principal {
  /** The API token ('' for a parent's SMS sign-in). */
  readonly tokenId: string;
  /** 'anonymous' only on routes that need no sign-in (`auth: 'none'`). */
  readonly role: Role | 'anonymous';
  readonly schoolIds: ReadonlySet<string>;
  readonly guardianId: string;
  /** A bearer token, or a console session cookie (api/sessions.ts). */
  readonly via: 'token' | 'session';
  /** The session id when `via` is 'session', else ''. */
  readonly sessionId: string;
}

/** The caller of a route that needs no sign-in: no role, no schools, no guardian. */
export const ANONYMOUS: Principal = Object.freeze({ tokenId: '', role: 'anonymous', schoolIds: new Set<string>(), guardianId: '', via: 'token', sessionId: '' });

/** Roles scoped to a list of schools. */
export const SCHOOL_ROLES: readonly Role[] = ['school_operator', 'catering_operator', 'guard'];

export async function openTokenBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(TOKEN_BUCKET, { history: 1, storage: StorageType.File, replicas: natsReplicas() });
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export interface TokenSpec { readonly role: Role; readonly schoolIds?: readonly string[]; readonly guardianId?: string; readonly label?: string }

/** Checks a token spec: operators need schools, a guardian token needs a guardian, others neither. */
export function tokenSpecProblem(spec: TokenSpec): string | null {
  const schools = spec.schoolIds ?? [];
  if (!(ROLES as readonly string[]).includes(spec.role)) return `role must be one of ${ROLES.join(', ')}`;
  if (schools.some((s) => !ID_PATTERN.test(s))) return 'schoolIds must be ids';
  const operator = SCHOOL_ROLES.includes(spec.role);
  if (operator && schools.length === 0) return `a ${spec.role} token needs at least one school`;
  if (!operator && schools.length > 0) return `a ${spec.role} token has no schools`;
  if (spec.role === 'guardian' && !ID_PATTERN.test(spec.guardianId ?? '')) return 'a guardian token needs guardianId';
  if (spec.role !== 'guardian' && (spec.guardianId ?? '') !== '') return `a ${spec.role} token has no guardianId`;
  const label = spec.label === undefined || spec.label === '' ? null : textProblem(spec.label, TOKEN_LABEL_CHARS_MAX);
  if (label !== null && label !== 'empty') return `label ${TEXT_PROBLEM_MESSAGES[label]}`;
  return null;
}

/** Creates a token; the returned string is the only copy of its secret. */
export async function createToken(kv: KV, spec: TokenSpec, nowMs = Date.now()): Promise<{ token: string; record: TokenRecord }> {
  const problem = tokenSpecProblem(spec);
  if (problem !== null) throw new Error(problem);
  const id = randomBytes(9).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const record: TokenRecord = { id, role: spec.role, schoolIds: [...new Set(spec.schoolIds ?? [])], guardianId: spec.guardianId ?? '',
    label: canonicalText(spec.label ?? ''), secretSha256: sha256(secret), createdAtMs: nowMs, revoked: false };
  await kv.create(`token.${id}`, JSON.stringify(record));
  return { token: `tg_${id}_${secret}`, record };
}

/** The tokens, kept current by a watch on the bucket. */
export class TokenStore {
  private readonly byId = new Map<string, TokenRecord>();
  private stopWatch: (() => void) | null = null;

  constructor(readonly kv: KV) {}

  async start(): Promise<void> {
    const w = await watchRecords(this.kv, 'token', (id, value) => {
      if (value === null) this.byId.delete(id); else this.byId.set(id, value as TokenRecord);
    }, (id) => this.byId.delete(id));
    this.stopWatch = () => w.stop();
  }

  stop(): void { this.stopWatch?.(); }

  get(id: string): TokenRecord | undefined { return this.byId.get(id); }

  /** Creates a token (see createToken) that works at once, before the watch brings it back. */
  async create(spec: TokenSpec): Promise<{ token: string; record: TokenRecord }> {
    const made = await orUnavailable(createToken(this.kv, spec), 'token store');
    this.byId.set(made.record.id, made.record);
    return made;
  }

  /** The caller of an Authorization header value, or null when it does not authenticate. */
  authenticate(header: string): Principal | null {
    const m = /^Bearer +(\S+)$/i.exec(header);
    const parts = m === null ? null : TOKEN_PATTERN.exec(m[1]!);
    if (parts === null) return null;
    const rec = this.byId.get(parts[1]!);
    if (rec === undefined || rec.revoked) return null;
    const given = Buffer.from(sha256(parts[2]!), 'hex');
    const stored = Buffer.from(rec.secretSha256, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
    return { tokenId: rec.id, role: rec.role, schoolIds: new Set(rec.schoolIds), guardianId: rec.guardianId, via: 'token', sessionId: '' };
  }

  async revoke(id: string): Promise<boolean> {
    const rec = this.byId.get(id);
    if (rec === undefined) return false;
    await orUnavailable(this.kv.put(`token.${id}`, JSON.stringify({ ...rec, revoked: true })), 'token store');
    this.byId.set(id, { ...rec, revoked: true });
    return true;
  }
}
