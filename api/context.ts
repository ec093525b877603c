// What the API handlers work with, and the scope checks every handler applies after the
// route's role check: an operator acts on its own schools, a guardian on its own children (and
// a trusted person only on what was granted), a city administrator on everything.
import type { GrantScope, Person, RegistryIndex, School } from '../core/index.js';
import type { Logger } from '../lib/index.js';
import type { AuditLog } from './audit.js';
import { ApiError } from './errors.js';
import type { HistoryReader } from './history.js';
import type { PhotoStore } from './photos.js';
import type { LoginCodes } from './login.js';
import type { ShardPort } from './shard-client.js';
import type { RegistryStore } from './store.js';
import type { SessionStore } from './sessions.js';
import { SCHOOL_ROLES, type Principal, type TokenStore } from './tokens.js';

export interface ApiContext {
  readonly registry: RegistryIndex;
  readonly store: RegistryStore;
  readonly tokens: TokenStore;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  /**
   * Money, asked of the shard owning the account or the device (api/shard-client.ts): top-ups,
   * refunds, and balances (batched: one call for a list). A shard that does not answer is
   * `unavailable` from topUp and refund, and a 503 API_UNAVAILABLE thrown by the balance reads.
   */
  readonly money: Pick<ShardPort, 'topUp' | 'refund' | 'balances' | 'balanceKop' | 'accountMoney'>;
  /** Ids of the persons inside a school now, from its shard owner's live presence (503 when it does not answer). */
  readonly insidePersonIds: (schoolId: string) => Promise<string[]>;
  readonly history: HistoryReader;
  /** Persons' photos (KV tapgate_photos), served only with consent (api/routes/photos.ts). */
  readonly photos: PhotoStore;
  /** SMS sign-in codes and their limits (api/login.ts). */
  readonly login: Pick<LoginCodes, 'request' | 'verify' | 'codeTtlMs'>;
  /**
   * The notifier's VAPID public key (base64url) for browsers subscribing to Web Push, read from
   * the key file TAPGATE_VAPID_FILE names; null when Web Push is not set up (no file yet or none named).
   */
  readonly vapidPublicKey: () => Promise<string | null>;
  readonly log: Logger;
}

/**
 * The one answer for a record that does not exist or is outside the caller's scope: 404 with
 * the kind asked for and no details. It is the same body either way (the id is not echoed), so
 * probing ids tells a caller nothing about records it may not see (ADR 0010).
 */
export function notFound(kind: string, _id?: string): ApiError {
  return new ApiError('API_NOT_FOUND', `no ${kind} with this id is visible to this token`);
}

/** Whether the caller may act on the school: a city admin on any, an operator on its own. */
function schoolAllowed(p: Principal, schoolId: string): boolean {
  if (p.role === 'city_admin') return true;
  return (SCHOOL_ROLES as readonly string[]).includes(p.role) && p.schoolIds.has(schoolId);
}

/** The school, if the caller may act on it; otherwise the uniform 404. */
export function schoolInScope(ctx: ApiContext, p: Principal, schoolId: string, kind = 'school'): School {
  const school = ctx.registry.schools.get(schoolId);
  if (school === undefined || !schoolAllowed(p, schoolId)) throw notFound(kind);
  return school;
}

/** The person, if the caller may act on them through their school; `kind` names what was asked for in the 404. */
export function personInSchoolScope(ctx: ApiContext, p: Principal, personId: string, kind = 'person'): Person {
  const person = ctx.registry.persons.get(personId);
  if (person === undefined || !schoolAllowed(p, person.schoolId)) throw notFound(kind);
  return person;
}

/**
 * The person, if the caller may see `scope` of them: staff roles through the school, a guardian
 * through a guardianship (parents hold all; trusted persons what was granted). A person the
 * caller has no link to is the uniform 404; a linked guardian lacking the scope gets 403 with
 * details.scope (they know the child: nothing leaks).
 */
export function personVisible(ctx: ApiContext, p: Principal, personId: string, scope: GrantScope, kind = 'person'): Person {
  if (p.role !== 'guardian') return personInSchoolScope(ctx, p, personId, kind);
  const person = ctx.registry.persons.get(personId);
  const link = ctx.registry.guardianshipsOfGuardianId(p.guardianId).find((g) => g.personId === personId);
  if (person === undefined || link === undefined) throw notFound(kind);
  if (!link.scopes.includes(scope)) throw new ApiError('API_FORBIDDEN', `this guardian was not granted ${scope} of this child`, { scope });
  return person;
}

/**
 * The school, if the caller may read its canteen catalogue: staff through their schools, a
 * guardian when a child they are linked to goes there (to choose banned categories and read the
 * names of what was bought). Anything else is the uniform 404.
 */
export function schoolCatalogueVisible(ctx: ApiContext, p: Principal, schoolId: string): School {
  if (p.role !== 'guardian') return schoolInScope(ctx, p, schoolId);
  const school = ctx.registry.schools.get(schoolId);
  const linked = ctx.registry.guardianshipsOfGuardianId(p.guardianId).some((g) => ctx.registry.persons.get(g.personId)?.schoolId === schoolId);
  if (school === undefined || !linked) throw notFound('school');
  return school;
}

/** The guardian a guardian token speaks for. */
export function selfGuardian(ctx: ApiContext, p: Principal): string {
  if (p.role !== 'guardian' || !ctx.registry.guardians.has(p.guardianId)) throw new ApiError('API_FORBIDDEN', 'this token does not speak for a registered guardian');
  return p.guardianId;
}

/** The time zone a person's dates are read in: their school's (Moscow time if the school is gone). */
export function schoolZone(ctx: ApiContext, schoolId: string): string {
  return ctx.registry.schools.get(schoolId)?.timeZone ?? 'Europe/Moscow';
}
