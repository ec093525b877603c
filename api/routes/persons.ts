// Persons (pupils and staff), their identifiers, accounts and benefits, top-ups from the
// payment integration and refunds by catering.
import { randomInt } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import {
  canonicalClassName, CHANNEL_PATTERN, duplicateOutcome, IDENTIFIER_KINDS, isoDate, MEAL_PERIODS, NAME_CHARS_MAX, PAYMENT_ID_PATTERN, PERSON_KINDS,
  PHOTO_REF_PATTERN, personDedupKey, TopUpError,
  type Account, type Benefit, type Identifier, type Person,
} from '../../core/index.js';
import { type ApiContext, notFound, personInSchoolScope, personVisible, schoolInScope, schoolZone } from '../context.js';
import { ApiError } from '../errors.js';
import { shardUnavailableError } from '../shard-client.js';
import { localRange } from '../history.js';
import { route, type Route } from '../route.js';
import { AccountNumber, Category, ClassName, DateRange, Id, IsoDate, Kop, Name, Obj, Page, UidHex } from '../schemas.js';
import { newId } from '../store.js';
import type { Principal, Role } from '../tokens.js';
import { audited, ok, page, pageOf } from './common.js';

const OPERATORS: Role[] = ['city_admin', 'school_operator'];
const STAFF: Role[] = ['city_admin', 'school_operator', 'catering_operator'];
/** Who may read an account: not catering, which needs a purchase's device and seq to refund, not the account (its number, top-ups, history). */
const ACCOUNT_READERS: Role[] = ['city_admin', 'school_operator', 'guardian'];
/** Most identifiers (active or blocked) per person, and most benefits per person. */
export const IDENTIFIERS_PER_PERSON_MAX = 20;
export const BENEFITS_PER_PERSON_MAX = 20;
/** Longest life of a temporary identifier, in ms (31 days). */
export const TEMPORARY_IDENTIFIER_MS_MAX = 31 * 86_400_000;
/** Why catering refunds a purchase: a code, not free text (free text could carry names). */
export const REFUND_REASONS = ['wrong_item', 'not_served', 'quality', 'double_charge', 'cancelled_by_pupil', 'other'] as const;

const PersonKind = Type.Union(PERSON_KINDS.map((k) => Type.Literal(k)));
const PersonBody = Obj({ kind: PersonKind, surname: Name, givenName: Name, patronymic: Type.Optional(Type.String({ maxLength: 64 })),
  birthDate: Type.String({ ...IsoDate, description: 'YYYY-MM-DD from 1900-01-01 to today' }), className: Type.Optional(ClassName) });
// No photoRef in a body: the photo service makes every ref (PUT /persons/{id}/photo), so a record
// never names a photo the store does not hold for it, and no upload is orphaned by a hand-set ref.
const PersonPatch = Obj({ kind: Type.Optional(PersonKind), surname: Type.Optional(Name), givenName: Type.Optional(Name),
  patronymic: Type.Optional(Type.String({ maxLength: 64 })), birthDate: Type.Optional(IsoDate), className: Type.Optional(ClassName) },
  { minProperties: 1 });
export const PersonView = Obj({ id: Id, schoolId: Id, kind: PersonKind, surname: Type.String(), givenName: Type.String(), patronymic: Type.String(),
  birthDate: Type.String(), className: Type.String(), displayName: Type.String(), photoRef: Type.String(),
  photoConsent: Type.Boolean({ description: 'consent to a photo for identification is recorded (152-FZ)' }),
  hasPhoto: Type.Boolean({ description: 'the photo service holds a photo: GET /persons/{personId}/photo answers it' }),
  accountId: Type.Union([Id, Type.Null()]) });
const IdentifierKind = Type.Union(IDENTIFIER_KINDS.map((k) => Type.Literal(k)));
const IdentifierBody = Obj({ kind: IdentifierKind, uidHex: UidHex, expiresAt: Type.Optional(Type.String({ maxLength: 40,
  description: 'ISO 8601 time with a zone; required for temporary identifiers, at most 31 days ahead' })) });
const IdentifierView = Obj({ id: Id, personId: Id, kind: IdentifierKind, status: Type.String(), expiresAtMs: Type.Union([Type.Integer(), Type.Null()]),
  uidSuffix: Type.String({ description: 'the last 2 bytes of the UID, to tell cards apart; the full UID is never returned' }) });
const AccountView = Obj({ id: Id, personId: Id, number: AccountNumber, balanceKop: Type.Integer(), dailyLimitKop: Type.Union([Type.Integer(), Type.Null()]),
  bannedCategories: Type.Array(Type.String()), lowBalanceThresholdKop: Type.Union([Type.Integer(), Type.Null()]) });
const AccountPatch = Obj({ dailyLimitKop: Type.Optional(Type.Union([Kop, Type.Null()])), bannedCategories: Type.Optional(Type.Array(Category, { maxItems: 64, uniqueItems: true })),
  lowBalanceThresholdKop: Type.Optional(Type.Union([Kop, Type.Null()])) }, { minProperties: 1 });
const BenefitBody = Obj({ mealPeriods: Type.Array(Type.Union(MEAL_PERIODS.map((m) => Type.Literal(m))), { minItems: 1, maxItems: 3, uniqueItems: true }),
  validFrom: IsoDate, validTo: IsoDate });
const BenefitView = Obj({ id: Id, personId: Id, mealPeriods: Type.Array(Type.String()), validFrom: Type.String(), validTo: Type.String() });
const TopUpBody = Obj({ channel: Type.String({ pattern: CHANNEL_PATTERN.source }), paymentId: Type.String({ pattern: PAYMENT_ID_PATTERN.source }),
  amountKop: Type.Integer({ description: 'kopecks; 1,000 to 1,500,000' }) });
const TopUpView = Obj({ status: Type.Union([Type.Literal('applied'), Type.Literal('duplicate')]), accountId: Id, amountKop: Type.Integer(),
  balanceAfterKop: Type.Integer(), appliedAtMs: Type.Integer() });
const RefundBody = Obj({ refundId: Type.String({ pattern: PAYMENT_ID_PATTERN.source }), deviceId: Id, seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  reason: Type.Union(REFUND_REASONS.map((r) => Type.Literal(r))) });
const RefundView = Obj({ status: Type.Union([Type.Literal('applied'), Type.Literal('duplicate')]), accountId: Id, amountKop: Type.Integer(),
  balanceAfterKop: Type.Integer(), appliedAtMs: Type.Integer() });
const MoveBody = Obj({ schoolId: Id, className: Type.Optional(ClassName) });

/** Orders records by id in code-unit order, as the paged lists do (localeCompare would depend on the ICU locale). */
const byId = (a: { readonly id: string }, b: { readonly id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const personView = (ctx: ApiContext, p: Person) => ({ id: p.id, schoolId: p.schoolId, kind: p.kind, surname: p.surname, givenName: p.givenName,
  patronymic: p.patronymic, birthDate: p.birthDate, className: p.className, displayName: p.displayName, photoRef: p.photoRef,
  photoConsent: p.photoConsent, hasPhoto: p.photoConsent && PHOTO_REF_PATTERN.test(p.photoRef),
  accountId: ctx.registry.accountOfPersonId(p.id)?.id ?? null });
export const identifierView = (i: Identifier) => ({ id: i.id, personId: i.personId, kind: i.kind, status: i.status, expiresAtMs: i.expiresAtMs, uidSuffix: i.uidHex.slice(-4) });
/** An account as the API shows it, with its balance (for a list, ask ctx.money.balances once for all of them). */
export const accountView = (a: Account, balanceKop: number) => ({ id: a.id, personId: a.personId, number: a.number, balanceKop,
  dailyLimitKop: a.dailyLimitKop, bannedCategories: [...a.bannedCategories], lowBalanceThresholdKop: a.lowBalanceThresholdKop });
/** The account with its live balance from the shard holding it (503 API_UNAVAILABLE when that shard does not answer). */
export const liveAccountView = async (ctx: ApiContext, a: Account) => accountView(a, await ctx.money.balanceKop(a.id));
const benefitView = (b: Benefit) => ({ id: b.id, personId: b.personId, mealPeriods: [...b.mealPeriods], validFrom: isoDate(b.validFromDay), validTo: isoDate(b.validToDay) });

/** A name as the search compares it: lower case, ё as е, runs of space as one. */
const searchKey = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
/** Whether the person's display name (or their name parts) contains the search text. */
function nameMatches(p: Person, q: string): boolean {
  return searchKey(p.displayName).includes(q) || searchKey([p.surname, p.givenName, p.patronymic].join(' ')).includes(q);
}

/** Refuses a person record that would duplicate another registered child (409 with the existing id). */
export function checkNotRegistered(ctx: ApiContext, p: Person): void {
  const key = personDedupKey(p);
  const existing = key === null ? undefined : ctx.registry.personIdByDedupKey(key);
  if (existing !== undefined && existing !== p.id) {
    throw new ApiError('API_ALREADY_REGISTERED', 'this person is already registered', { existingId: existing });
  }
}

/** A new, unused 10-digit account number. */
export function newAccountNumber(ctx: ApiContext): string {
  for (let i = 0; i < 100; i++) {
    const n = String(randomInt(1_000_000_000, 9_999_999_999));
    if (ctx.registry.accountByNumber(n) === undefined) return n;
  }
  throw new ApiError('API_UNAVAILABLE', 'no free account number found');
}

/** Validates an identifier body into raw registry fields, checking the temporary expiry rule and the UID's uniqueness. */
export function identifierFields(ctx: ApiContext, body: { kind: string; uidHex: string; expiresAt?: string }, nowMs: number): Record<string, unknown> {
  const uidHex = body.uidHex.toLowerCase();
  if (ctx.registry.identifierByUid(uidHex) !== undefined) throw new ApiError('API_CONFLICT', 'an identifier with this UID is already issued', { field: 'uidHex' });
  let expiresAtMs: number | null = null;
  if (body.expiresAt !== undefined) {
    expiresAtMs = Date.parse(body.expiresAt);
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(body.expiresAt) || !Number.isFinite(expiresAtMs)) throw new ApiError('API_INVALID_REQUEST', 'expiresAt must be an ISO 8601 time with a zone', { field: 'expiresAt' });
    if (expiresAtMs <= nowMs) throw new ApiError('API_INVALID_REQUEST', 'expiresAt is in the past', { field: 'expiresAt' });
  }
  if (body.kind === 'temporary') {
    if (expiresAtMs === null) throw new ApiError('API_INVALID_REQUEST', 'a temporary identifier needs expiresAt', { field: 'expiresAt' });
    if (expiresAtMs - nowMs > TEMPORARY_IDENTIFIER_MS_MAX) throw new ApiError('API_INVALID_REQUEST', 'a temporary identifier lives at most 31 days', { field: 'expiresAt' });
  }
  return { kind: body.kind, uidHex, ...(expiresAtMs === null ? {} : { expiresAt: expiresAtMs }) };
}

function identifierInScope(ctx: ApiContext, p: Principal, id: string): Identifier {
  const i = ctx.registry.identifiers.get(id);
  if (i === undefined) throw notFound('identifier', id);
  personInSchoolScope(ctx, p, i.personId, 'identifier');
  return i;
}

/** The account, if the caller may see `scope` of its holder. */
function accountVisible(ctx: ApiContext, p: Principal, id: string, scope: 'balance' | 'purchases'): Account {
  const a = ctx.registry.accounts.get(id);
  // Nobody learns anything from an id they may not see, not even whether it exists: one 404.
  if (a === undefined) throw notFound('account');
  personVisible(ctx, p, a.personId, scope, 'account');
  return a;
}

export const personRoutes: Route[] = [
  route({ method: 'POST', path: '/schools/:schoolId/persons', tag: 'persons',
    summary: 'Register a pupil or staff member (a pupil gets an account); 409 API_ALREADY_REGISTERED with the existing id if the same normalised name and birth date exist',
    roles: OPERATORS, bodyKind: 'json', body: PersonBody, success: [201, PersonView], errors: ['API_NOT_FOUND', 'API_ALREADY_REGISTERED'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const person = ctx.store.record('person', { id: newId('p'), schoolId: school.id, ...req.body });
      checkNotRegistered(ctx, person.value);
      const records: Parameters<typeof ctx.store.put> = [person];
      if (person.value.kind === 'pupil') records.push(ctx.store.record('account', { id: newId('a'), personId: person.value.id, number: newAccountNumber(ctx) }));
      await ctx.store.put(...records);
      await audited(ctx, req.principal, req.requestId, 'person.create', records.map((r) => `${r.kind}:${r.value.id}`));
      return ok(201, personView(ctx, person.value));
    }) }),
  route({ method: 'GET', path: '/schools/:schoolId/persons', tag: 'persons',
    summary: 'List a school\'s persons, optionally of one class or kind, or whose name contains q (any case, ё as е)', roles: OPERATORS,
    query: Obj({ ...Page.properties, className: Type.Optional(ClassName), kind: Type.Optional(PersonKind),
      q: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX, description: 'part of the name; any case, ё as е' })) }),
    success: [200, pageOf(PersonView)], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      // The filter is read as a class name is stored ("5а" finds 5А); one that is not a class name finds nobody.
      const q = req.query.q === undefined ? null : searchKey(req.query.q);
      const cls = req.query.className === undefined ? undefined : canonicalClassName(req.query.className) ?? req.query.className;
      const list = [...ctx.registry.personIdsOfSchool(school.id)].map((id) => ctx.registry.persons.get(id)!)
        .filter((p) => (cls === undefined || p.className === cls) && (req.query.kind === undefined || p.kind === req.query.kind)
          && (q === null || nameMatches(p, q)));
      const r = page(list, req.query);
      return ok(200, { items: r.items.map((p) => personView(ctx, p)), next: r.next });
    } }),
  route({ method: 'GET', path: '/persons/:personId', tag: 'persons', summary: 'Read a person', roles: OPERATORS, success: [200, PersonView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ok(200, personView(ctx, personInSchoolScope(ctx, req.principal, req.params['personId']!))) }),
  route({ method: 'PATCH', path: '/persons/:personId', tag: 'persons', summary: 'Correct a person\'s data (the record changes; no duplicate is made)',
    roles: OPERATORS, bodyKind: 'json', body: PersonPatch, success: [200, PersonView], errors: ['API_NOT_FOUND', 'API_ALREADY_REGISTERED'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const old = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      const names = req.body.surname !== undefined || req.body.givenName !== undefined || req.body.patronymic !== undefined;
      // A name change rebuilds the display name from the parts; a record with no surname (a file
      // import with a display name only) keeps its display name, which the parts cannot replace.
      const rebuild = names && (req.body.surname ?? old.surname) !== '';
      const rec = ctx.store.record('person', { ...old, ...(rebuild ? { displayName: '' } : {}), ...req.body });
      checkNotRegistered(ctx, rec.value);
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'person.update', [`person:${old.id}`]);
      return ok(200, personView(ctx, rec.value));
    }) }),
  route({ method: 'POST', path: '/persons/:personId/move', tag: 'persons', summary: 'Move a person to another school; the account, balance and identifiers stay',
    roles: OPERATORS, bodyKind: 'json', body: MoveBody, success: [200, PersonView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const old = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      schoolInScope(ctx, req.principal, req.body.schoolId);
      const rec = ctx.store.record('person', { ...old, schoolId: req.body.schoolId, className: req.body.className ?? '' });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'person.move', [`person:${old.id}`, `school:${old.schoolId}`, `school:${req.body.schoolId}`]);
      return ok(200, personView(ctx, rec.value));
    }) }),

  route({ method: 'POST', path: '/persons/:personId/identifiers', tag: 'identifiers', summary: 'Issue an identifier (card, fob, bracelet, watch, temporary)',
    roles: OPERATORS, bodyKind: 'json', body: IdentifierBody, success: [201, IdentifierView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      if (ctx.registry.identifiersOfPerson(person.id).length >= IDENTIFIERS_PER_PERSON_MAX) {
        throw new ApiError('API_CONFLICT', `a person has at most ${IDENTIFIERS_PER_PERSON_MAX} identifiers`);
      }
      const rec = ctx.store.record('identifier', { id: newId('i'), personId: person.id, ...identifierFields(ctx, req.body, Date.now()) });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'identifier.issue', [`identifier:${rec.value.id}`, `person:${person.id}`]);
      return ok(201, identifierView(rec.value));
    }) }),
  route({ method: 'GET', path: '/persons/:personId/identifiers', tag: 'identifiers', summary: 'List a person\'s identifiers', roles: OPERATORS,
    success: [200, Obj({ items: Type.Array(IdentifierView) })], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      return ok(200, { items: ctx.registry.identifiersOfPerson(person.id).sort(byId).map(identifierView) });
    } }),
  route({ method: 'POST', path: '/identifiers/:identifierId/block', tag: 'identifiers', summary: 'Block an identifier (lost); every reader refuses it within a second',
    roles: OPERATORS, success: [200, IdentifierView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const i = identifierInScope(ctx, req.principal, req.params['identifierId']!);
      const rec = ctx.store.record('identifier', { ...i, status: 'blocked', ...(i.expiresAtMs === null ? {} : { expiresAt: i.expiresAtMs }) });
      if (i.status !== 'blocked') {
        await ctx.store.put(rec);
        await audited(ctx, req.principal, req.requestId, 'identifier.block', [`identifier:${i.id}`]);
      }
      return ok(200, identifierView(rec.value));
    }) }),
  route({ method: 'POST', path: '/identifiers/:identifierId/duplicate', tag: 'identifiers',
    summary: 'Issue a duplicate: a new identifier for the same person and account; the old one is blocked; the balance stays. '
      + 'Idempotent per lost card: a retry with the same kind and UID answers 200 with the replacement made first; '
      + 'another UID is 409 API_CONFLICT with details.replacementId',
    roles: OPERATORS, bodyKind: 'json', body: IdentifierBody, success: [201, Obj({ identifier: IdentifierView, blocked: IdentifierView })], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const old = identifierInScope(ctx, req.principal, req.params['identifierId']!);
      // Requests run one at a time (exclusive), so a concurrent second request sees the first one's replacement.
      const outcome = duplicateOutcome(ctx.registry.replacementOf(old), req.body);
      if (outcome.kind === 'same') return ok(200, { identifier: identifierView(outcome.replacement), blocked: identifierView(old) });
      if (outcome.kind === 'conflict') {
        throw new ApiError('API_CONFLICT', 'this lost card was already replaced; details.replacementId names the replacement',
          { replacementId: outcome.replacement.id });
      }
      if (ctx.registry.identifiersOfPerson(old.personId).length >= IDENTIFIERS_PER_PERSON_MAX) {
        throw new ApiError('API_CONFLICT', `a person has at most ${IDENTIFIERS_PER_PERSON_MAX} identifiers`);
      }
      const fresh = ctx.store.record('identifier', { id: newId('i'), personId: old.personId, replacesId: old.id,
        ...identifierFields(ctx, req.body, Date.now()) });
      const blocked = ctx.store.record('identifier', { ...old, status: 'blocked', ...(old.expiresAtMs === null ? {} : { expiresAt: old.expiresAtMs }) });
      // The lost card is blocked before the new one exists: a failure between the two leaves no extra live card.
      await ctx.store.put(blocked);
      await ctx.store.put(fresh);
      await audited(ctx, req.principal, req.requestId, 'identifier.duplicate', [`identifier:${fresh.value.id}`, `identifier:${old.id}`, `person:${old.personId}`]);
      return ok(201, { identifier: identifierView(fresh.value), blocked: identifierView(blocked.value) });
    }) }),

  route({ method: 'GET', path: '/persons/:personId/account', tag: 'accounts', summary: 'A person\'s account and its live balance', roles: ACCOUNT_READERS,
    success: [200, AccountView], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const person = personVisible(ctx, req.principal, req.params['personId']!, 'balance');
      const a = ctx.registry.accountOfPersonId(person.id);
      if (a === undefined) throw notFound('account of person', person.id);
      return ok(200, await liveAccountView(ctx, a));
    } }),
  route({ method: 'POST', path: '/persons/:personId/account', tag: 'accounts', summary: 'Open an account for a person who has none (staff, or a pupil from a file)',
    roles: OPERATORS, success: [201, AccountView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      if (ctx.registry.accountOfPersonId(person.id) !== undefined) throw new ApiError('API_CONFLICT', 'this person already has an account');
      const rec = ctx.store.record('account', { id: newId('a'), personId: person.id, number: newAccountNumber(ctx) });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'account.open', [`account:${rec.value.id}`, `person:${person.id}`]);
      // A new account id no shard has seen: its balance is 0 without asking, so a shard without an
      // owner cannot turn a made account into a 503 whose retry would be a 409.
      return ok(201, accountView(rec.value, 0));
    }) }),
  route({ method: 'GET', path: '/accounts/:accountId', tag: 'accounts', summary: 'An account and its live balance', roles: ACCOUNT_READERS, success: [200, AccountView],
    errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => ok(200, await liveAccountView(ctx, accountVisible(ctx, req.principal, req.params['accountId']!, 'balance'))) }),
  route({ method: 'PATCH', path: '/accounts/:accountId', tag: 'accounts', summary: 'Set the daily spending limit, banned categories or low-balance threshold (parents and school operators)',
    roles: ['city_admin', 'school_operator', 'guardian'], bodyKind: 'json', body: AccountPatch, success: [200, AccountView],
    errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => liveAccountView(ctx, await ctx.store.exclusive(async () => {
      const a = accountVisible(ctx, req.principal, req.params['accountId']!, 'balance');
      if (req.principal.role === 'guardian') {
        const link = ctx.registry.guardianshipsOfGuardianId(req.principal.guardianId).find((g) => g.personId === a.personId);
        if (link?.relation !== 'parent') throw new ApiError('API_FORBIDDEN', 'only a parent may change the account\'s limits');
      }
      const rec = ctx.store.record('account', { ...a, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'account.update', [`account:${a.id}`]);
      return rec.value;
    })).then((view) => ok(200, view)) }),
  route({ method: 'GET', path: '/accounts/:accountId/history', tag: 'accounts', summary: 'Top-ups, refunds and purchases of an account for a range of the school\'s local dates (at most 92 days)',
    roles: ACCOUNT_READERS, query: DateRange, errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    success: [200, Obj({ accountId: Id, balanceKop: Type.Integer(), money: Type.Array(Type.Record(Type.String(), Type.Unknown())), purchases: Type.Array(Type.Record(Type.String(), Type.Unknown())) })],
    handler: async (ctx, req) => {
      const a = accountVisible(ctx, req.principal, req.params['accountId']!, 'balance');
      // The history lists purchases too: a trusted person granted the balance only must not see them.
      personVisible(ctx, req.principal, a.personId, 'purchases', 'account');
      const range = localRange(req.query.from, req.query.to, schoolZone(ctx, ctx.registry.persons.get(a.personId)?.schoolId ?? ''));
      const [money, purchases, balanceKop] = await Promise.all([ctx.history.money(a.id, range), ctx.history.purchases(a.personId, range),
        ctx.money.balanceKop(a.id)]);
      return ok(200, { accountId: a.id, balanceKop, money, purchases });
    } }),
  route({ method: 'POST', path: '/accounts/by-number/:number/top-ups', tag: 'money',
    summary: 'Top up an account (payment integration). Idempotent per (channel, paymentId): a repeat returns the first result with status duplicate',
    roles: ['payment_integration'], bodyKind: 'json', body: TopUpBody, paramPatterns: { number: /^\d{8,10}$/ }, success: [201, TopUpView],
    errors: ['API_NOT_FOUND', 'API_CONFLICT', 'API_INVALID_AMOUNT', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      // An unknown number is the money state's to refuse: a retry of a payment applied before is a duplicate first.
      const o = await ctx.money.topUp({ channel: req.body.channel, paymentId: req.body.paymentId, amountKop: req.body.amountKop,
        accountNumber: req.params['number']! });
      if (o.kind === 'unavailable') throw shardUnavailableError(o);
      if (o.kind === 'refused') {
        const code = o.error === TopUpError.TOP_UP_ERROR_INVALID_AMOUNT ? 'API_INVALID_AMOUNT' : o.error === TopUpError.TOP_UP_ERROR_CONFLICT ? 'API_CONFLICT'
          : o.error === TopUpError.TOP_UP_ERROR_UNAVAILABLE ? 'API_UNAVAILABLE' : o.error === TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT ? 'API_NOT_FOUND' : 'API_INVALID_REQUEST';
        throw new ApiError(code, o.message, code === 'API_NOT_FOUND' ? { kind: 'account' } : {});
      }
      const t = o.topUp;
      if (o.kind === 'applied') await audited(ctx, req.principal, req.requestId, 'money.top_up', [`account:${t.accountId}`, `payment:${t.channel}/${t.paymentId}`]);
      return ok(o.kind === 'applied' ? 201 : 200, { status: o.kind, accountId: t.accountId, amountKop: t.amountKop, balanceAfterKop: t.balanceAfterKop, appliedAtMs: t.appliedAtMs });
    } }),
  route({ method: 'POST', path: '/refunds', tag: 'money', summary: 'Refund a canteen purchase (device id and seq) at one\'s own school; once per purchase, idempotent per refundId',
    roles: ['city_admin', 'catering_operator'], bodyKind: 'json', body: RefundBody, success: [201, RefundView], errors: ['API_NOT_FOUND', 'API_CONFLICT', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const device = ctx.registry.devices.get(req.body.deviceId);
      if (device === undefined) throw notFound('device', req.body.deviceId);
      schoolInScope(ctx, req.principal, device.schoolId, 'device');
      const o = await ctx.money.refund({ ...req.body, operatorId: `token:${req.principal.tokenId}` });
      if (o.kind === 'unavailable') throw shardUnavailableError(o);
      if (o.kind === 'refused') throw new ApiError(o.error === 'unknown_purchase' ? 'API_NOT_FOUND' : 'API_CONFLICT', o.message, { reason: o.error });
      const r = o.refund;
      if (o.kind === 'applied') await audited(ctx, req.principal, req.requestId, 'money.refund', [`account:${r.accountId}`, `refund:${r.refundId}`, `device:${r.deviceId}`]);
      return ok(o.kind === 'applied' ? 201 : 200, { status: o.kind, accountId: r.accountId, amountKop: r.amountKop, balanceAfterKop: r.balanceAfterKop, appliedAtMs: r.appliedAtMs });
    } }),

  route({ method: 'POST', path: '/persons/:personId/benefits', tag: 'benefits', summary: 'Grant a subsidised-meal benefit for meal periods and a date range',
    roles: OPERATORS, bodyKind: 'json', body: BenefitBody, success: [201, BenefitView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      if (ctx.registry.benefitsOfPersonId(person.id).length >= BENEFITS_PER_PERSON_MAX) {
        throw new ApiError('API_CONFLICT', `a person has at most ${BENEFITS_PER_PERSON_MAX} benefits`);
      }
      const rec = ctx.store.record('benefit', { id: newId('b'), personId: person.id, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'benefit.grant', [`benefit:${rec.value.id}`, `person:${person.id}`]);
      return ok(201, benefitView(rec.value));
    }) }),
  route({ method: 'GET', path: '/persons/:personId/benefits', tag: 'benefits', summary: 'A person\'s benefits', roles: STAFF,
    success: [200, Obj({ items: Type.Array(BenefitView) })], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      return ok(200, { items: [...ctx.registry.benefitsOfPersonId(person.id)].sort(byId).map(benefitView) });
    } }),
  route({ method: 'DELETE', path: '/benefits/:benefitId', tag: 'benefits', summary: 'Withdraw a benefit', roles: OPERATORS, success: [204, null], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const b = ctx.registry.benefits.get(req.params['benefitId']!);
      if (b === undefined) throw notFound('benefit', req.params['benefitId']!);
      personInSchoolScope(ctx, req.principal, b.personId, 'benefit');
      await ctx.store.remove('benefit', b.id);
      await audited(ctx, req.principal, req.requestId, 'benefit.withdraw', [`benefit:${b.id}`, `person:${b.personId}`]);
      return ok(204);
    }) }),
];
