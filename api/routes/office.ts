// The school office's routes beyond the plain registry: merging a mistaken duplicate person,
// finding a guardian by phone, and the day's purchases from which catering refunds.
import { Type } from '@sinclair/typebox';
import { isoDate, mergePlan, mergeRefusal, PHONE_PATTERN, type Account, type MergeInput, type RegistryRecord, type Person } from '../../core/index.js';
import { type ApiContext, notFound, personInSchoolScope, schoolInScope } from '../context.js';
import { ApiError } from '../errors.js';
import { localRange } from '../history.js';
import { route, type Route } from '../route.js';
import { Id, IsoDate, Obj, Phone } from '../schemas.js';
import type { Principal, Role } from '../tokens.js';
import { audited, ok } from './common.js';
import { personView } from './persons.js';
import { dropPhoto } from './photos.js';

const OPERATORS: Role[] = ['city_admin', 'school_operator'];
const STAFF: Role[] = ['city_admin', 'school_operator', 'catering_operator'];

const PersonRef = Obj({ id: Id, schoolId: Id, displayName: Type.String(), className: Type.String() });
const MergeView = Obj({ person: Type.Record(Type.String(), Type.Unknown()), removedId: Id,
  account: Type.Union([Type.Literal('reattached'), Type.Literal('removed'), Type.Literal('none')]),
  moved: Obj({ identifiers: Type.Integer(), guardianships: Type.Integer(), benefits: Type.Integer(), invitations: Type.Integer() }) });
const GuardianFound = Obj({ id: Id, phone: Type.String(), surname: Type.String(), givenName: Type.String(),
  children: Type.Array(PersonRef, { description: 'the linked children the caller may see' }) });
const PurchaseItem = Obj({ productId: Type.String(), category: Type.String(), priceKop: Type.Integer(), quantity: Type.Integer() });
const SchoolPurchase = Obj({ deviceId: Id, seq: Type.Integer(), decidedAtMs: Type.Integer(), personId: Type.String(),
  displayName: Type.String({ description: 'from the registry; empty when the person is gone' }), className: Type.String(),
  mealKind: Type.Integer(), verdict: Type.Integer(), reason: Type.Integer(), amountKop: Type.Integer(), subsidised: Type.Boolean(),
  items: Type.Array(PurchaseItem) });

const personRef = (p: Person) => ({ id: p.id, schoolId: p.schoolId, displayName: p.displayName, className: p.className });

/** Reads what a merge needs from the registry, the duplicate's live balance from its shard and its history from ClickHouse. */
async function mergeInput(ctx: ApiContext, kept: Person, duplicate: Person): Promise<MergeInput> {
  const r = ctx.registry;
  const keptAccount = r.accountOfPersonId(kept.id);
  const duplicateAccount = r.accountOfPersonId(duplicate.id);
  // Money questions are asked only when both have accounts: otherwise the account is re-attached, never emptied.
  const both = keptAccount !== undefined && duplicateAccount !== undefined;
  const money = both ? await ctx.money.accountMoney(duplicateAccount.id) : { balanceKop: 0, hasHistory: false };
  const duplicateBalanceKop = money.balanceKop;
  // The shard knows every money event it applied, at once; ClickHouse (behind by the sink's delay)
  // also knows the events from before the pupil moved to a school of another shard.
  const duplicateHasHistory = both && duplicateBalanceKop === 0
    ? money.hasHistory || await ctx.history.accountHasHistory(duplicateAccount.id) : false;
  return { kept, duplicate, keptAccount, duplicateAccount, duplicateBalanceKop, duplicateHasHistory,
    duplicateIdentifiers: r.identifiersOfPerson(duplicate.id), duplicateLinks: r.guardianshipsOfPersonId(duplicate.id),
    keptLinks: r.guardianshipsOfPersonId(kept.id), duplicateBenefits: r.benefitsOfPersonId(duplicate.id),
    duplicateInvitations: [...r.invitations.values()].filter((i) => i.personId === duplicate.id),
    preferencesOf: (id) => r.preferences.get(id) };
}

/** Writes a merge plan: everything moves to the kept person before the duplicate and its account go. */
async function applyMerge(ctx: ApiContext, m: MergeInput, requestId: string): Promise<ReturnType<typeof mergePlan>> {
  const plan = mergePlan(m);
  const s = ctx.store;
  if (plan.account.kind === 'remove') await removeEmptyAccount(ctx, plan.account.account);
  const withExpiry = (x: { expiresAtMs: number | null }) => (x.expiresAtMs === null ? {} : { expiresAt: x.expiresAtMs });
  const records: RegistryRecord[] = [
    ...plan.identifiers.map((i) => s.record('identifier', { ...i, ...withExpiry(i) })),
    ...plan.benefits.map((b) => s.record('benefit', { ...b, validFrom: isoDate(b.validFromDay), validTo: isoDate(b.validToDay) })),
    ...plan.invitations.map((i) => s.record('invitation', { ...i, expiresAt: i.expiresAtMs })),
    ...plan.links.map((l) => s.record('guardianship', { ...l })),
    ...plan.preferences.map((p) => s.record('preferences', { ...p })),
  ];
  if (plan.account.kind === 'reattach') records.push(s.record('account', { ...plan.account.account }));
  if (records.length > 0) await s.put(...records);
  // Trusted links (granted by a parent's link) go before the parent's: never a link naming a removed one.
  const removals = [...plan.removeLinkIds].sort((a, b) => Number(ctx.registry.guardianships.get(a)?.relation === 'parent')
    - Number(ctx.registry.guardianships.get(b)?.relation === 'parent'));
  for (const id of removals) {
    if (plan.links.some((l) => l.id === id)) continue;
    if (ctx.registry.preferences.has(id)) await s.remove('preferences', id);
    await s.remove('guardianship', id);
  }
  await s.remove('person', m.duplicate.id);
  // The duplicate's photo goes with it (152-FZ: no photo outlives the record it was given for);
  // the kept person keeps their own photo and consent.
  if (m.duplicate.photoRef !== '') await dropPhoto(ctx, m.duplicate.photoRef, requestId);
  return plan;
}

/**
 * Removes the duplicate's account, checked empty, before anything else changes. A top-up by
 * account number could land between the check and the removal: the balance is read again once
 * the removal is applied (from then on the number finds no account), and if money arrived the
 * account is written back and the merge refused, with nothing else changed.
 */
async function removeEmptyAccount(ctx: ApiContext, account: Account): Promise<void> {
  await ctx.store.remove('account', account.id);
  let after: number;
  try {
    after = await ctx.money.balanceKop(account.id);
  } catch (err) {
    await ctx.store.put(ctx.store.record('account', { ...account }));
    throw err;
  }
  if (after !== 0) {
    await ctx.store.put(ctx.store.record('account', { ...account }));
    throw new ApiError('API_MERGE_REFUSED', 'the merge was refused: account_has_money', { reason: 'account_has_money' });
  }
}

export const officeRoutes: Route[] = [
  route({ method: 'POST', path: '/persons/:personId/merge', tag: 'persons',
    summary: 'Merge a mistaken duplicate into this person: its cards, guardians, benefits and invitations move here, then it is removed. '
      + 'Its account is re-attached when this person has none; when both have one, the duplicate\'s must never have held money '
      + '(balance 0, no history), else 409 API_MERGE_REFUSED. The duplicate\'s photo, if any, is purged with it',
    roles: OPERATORS, bodyKind: 'json', body: Obj({ duplicateId: Id }), success: [200, MergeView],
    errors: ['API_NOT_FOUND', 'API_MERGE_REFUSED', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const kept = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      const duplicate = personInSchoolScope(ctx, req.principal, req.body.duplicateId);
      const input = await mergeInput(ctx, kept, duplicate);
      const reason = mergeRefusal(input);
      if (reason !== null) throw new ApiError('API_MERGE_REFUSED', `the merge was refused: ${reason}`, { reason });
      const plan = await applyMerge(ctx, input, req.requestId);
      const account = plan.account.kind === 'reattach' ? 'reattached' : plan.account.kind === 'remove' ? 'removed' : 'none';
      await audited(ctx, req.principal, req.requestId, 'person.merge', [`person:${kept.id}`, `person:${duplicate.id}`,
        ...(plan.account.kind === 'none' ? [] : [`account:${plan.account.account.id}`])]);
      return ok(200, { person: personView(ctx, ctx.registry.persons.get(kept.id) ?? kept), removedId: duplicate.id, account,
        moved: { identifiers: plan.identifiers.length, guardianships: plan.links.length, benefits: plan.benefits.length,
          invitations: plan.invitations.length } });
    }) }),
  route({ method: 'GET', path: '/guardians', tag: 'guardians',
    summary: 'Find a guardian by phone: a school operator finds one only when linked to a child of its schools (else 404, the same as an unknown phone); a city admin finds any',
    roles: OPERATORS, query: Obj({ phone: Phone }), success: [200, GuardianFound], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ok(200, guardianByPhone(ctx, req.principal, req.query.phone)) }),
  route({ method: 'GET', path: '/schools/:schoolId/purchases', tag: 'history',
    summary: 'A school\'s canteen purchases of one local date, newest first, with the pupil\'s name and the items (the list refunds are made from)',
    roles: STAFF, query: Obj({ date: IsoDate }), success: [200, Obj({ items: Type.Array(SchoolPurchase) })],
    errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const rows = await ctx.history.schoolPurchases(school.id, localRange(req.query.date, req.query.date, school.timeZone));
      return ok(200, { items: rows.map((r) => {
        const p = ctx.registry.persons.get(r.personId);
        return { deviceId: r.deviceId, seq: r.seq, decidedAtMs: r.decidedAtMs, personId: r.personId, displayName: p?.displayName ?? '',
          className: p?.className ?? '', mealKind: r.mealKind, verdict: r.verdict, reason: r.reason, amountKop: r.amountKop,
          subsidised: r.subsidised, items: r.items.map((i) => ({ ...i })) };
      }) });
    } }),
];

/**
 * The guardian with this phone, as the caller may see them. A phone must not tell an operator
 * whether a parent of another school exists: unknown and out-of-scope are the same 404.
 */
function guardianByPhone(ctx: ApiContext, p: Principal, phone: string) {
  if (!PHONE_PATTERN.test(phone)) throw notFound('guardian');
  const g = ctx.registry.guardianByPhone(phone);
  if (g === undefined) throw notFound('guardian');
  const children = ctx.registry.guardianshipsOfGuardianId(g.id).map((l) => ctx.registry.persons.get(l.personId))
    .filter((x): x is Person => x !== undefined && (p.role === 'city_admin' || p.schoolIds.has(x.schoolId)));
  if (p.role !== 'city_admin' && children.length === 0) throw notFound('guardian');
  return { id: g.id, phone: g.phone, surname: g.surname, givenName: g.givenName, children: children.map(personRef) };
}
