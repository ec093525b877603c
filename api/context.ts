// What the API handlers work with, and the scope checks every handler applies after the
// route's role check: an operator acts on its own schools, a guardian on its own children (and
// a trusted person only on what was granted), a city administrator on everything.
import type { GrantScope, Person, RegistryIndex, School } from '../core/index.js';
import type { Logger } from '../lib/index.js';
import type { MoneyService } from '../gateway/money-service.js';
import type { AuditLog } from './audit.js';
import { ApiError } from './errors.js';
import type { HistoryReader } from './history.js';
import type { RegistryStore } from './store.js';
import type { Principal, TokenStore } from './tokens.js';

export interface ApiContext {
  readonly registry: RegistryIndex;
  readonly store: RegistryStore;
  readonly tokens: TokenStore;
  readonly audit: AuditLog;
  readonly money: Pick<MoneyService, 'topUp' | 'refund'> & { balanceKop(accountId: string): number };
  /** Ids of the persons inside a school now, from the gateway's live presence. */
  readonly insidePersonIds: (schoolId: string) => string[];
  readonly history: HistoryReader;
  readonly log: Logger;
}

export function notFound(kind: string, id: string): ApiError {
  return new ApiError('API_NOT_FOUND', `no ${kind} ${id}`, { kind, id });
}

/** The school, if the caller may act on it: a city admin on any, an operator on its own. */
export function schoolInScope(ctx: ApiContext, p: Principal, schoolId: string): School {
  const school = ctx.registry.schools.get(schoolId);
  if (school === undefined) throw notFound('school', schoolId);
  if (p.role === 'city_admin') return school;
  if ((p.role === 'school_operator' || p.role === 'catering_operator') && p.schoolIds.has(schoolId)) return school;
  throw new ApiError('API_FORBIDDEN', `this token may not act on school ${schoolId}`, { schoolId });
}

/** The person, if the caller may act on them through their school (operators, city admin). */
export function personInSchoolScope(ctx: ApiContext, p: Principal, personId: string): Person {
  const person = ctx.registry.persons.get(personId);
  if (person === undefined) throw notFound('person', personId);
  schoolInScope(ctx, p, person.schoolId);
  return person;
}

/**
 * The person, if the caller may see `scope` of them: staff roles through the school, a guardian
 * through a guardianship holding that scope (parents hold all; trusted persons what was granted).
 */
export function personVisible(ctx: ApiContext, p: Principal, personId: string, scope: GrantScope): Person {
  if (p.role !== 'guardian') return personInSchoolScope(ctx, p, personId);
  const person = ctx.registry.persons.get(personId);
  const link = ctx.registry.guardianshipsOfGuardianId(p.guardianId).find((g) => g.personId === personId);
  if (person === undefined || link === undefined) throw new ApiError('API_FORBIDDEN', `person ${personId} is not this guardian's child`, { personId });
  if (!link.scopes.includes(scope)) throw new ApiError('API_FORBIDDEN', `this guardian was not granted ${scope} of person ${personId}`, { personId, scope });
  return person;
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
