// Guardians (parents, identified by a mobile phone), their links to pupils made by the school,
// trusted persons a parent invites, notification preferences, and a child's history.
import { Type } from '@sinclair/typebox';
import {
  EVENT_SCOPE, linkId,
  GRANT_SCOPES, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, normaliseName, type GrantScope, type NotificationEvent, type Guardian, type Guardianship, type Invitation,
} from '../../core/index.js';
import { type ApiContext, notFound, personInSchoolScope, personVisible, schoolZone, selfGuardian } from '../context.js';
import { ApiError } from '../errors.js';
import { localRange } from '../history.js';
import { route, type Route } from '../route.js';
import { DateRange, Email, Id, Kop, Name, Obj, Phone, QuietHoursBody } from '../schemas.js';
import { newId } from '../store.js';
import type { Principal, Role } from '../tokens.js';
import { audited, byId, ok } from './common.js';


const OPERATORS: Role[] = ['city_admin', 'school_operator'];
const VIEWERS: Role[] = ['city_admin', 'school_operator', 'catering_operator', 'guardian'];
/** How long an invitation of a trusted person stays open, in ms (7 days). */
export const INVITATION_TTL_MS = 7 * 86_400_000;
/**
 * How long a pending or revoked invitation is kept after it expired, in ms (30 days); the next
 * invitation for the same child deletes older ones. Accepted ones stay: they govern a link.
 */
export const INVITATION_KEEP_AFTER_EXPIRY_MS = 30 * 86_400_000;
/** Most invitations per child made in the last 7 days (the invitation lifetime), whatever their status. */
export const INVITATIONS_OPEN_MAX = 20;
/** Most trusted persons per child. */
export const TRUSTED_PER_CHILD_MAX = 10;

const Scopes = Type.Array(Type.Union(GRANT_SCOPES.map((s) => Type.Literal(s))), { minItems: 1, maxItems: GRANT_SCOPES.length, uniqueItems: true });
const GuardianBody = Obj({ phone: Phone, surname: Name, givenName: Type.Optional(Name), email: Type.Optional(Email) });
const GuardianView = Obj({ id: Id, phone: Type.String(), surname: Type.String(), givenName: Type.String(), email: Type.String() });
const LinkView = Obj({ id: Id, guardianId: Id, personId: Id, relation: Type.String(), scopes: Type.Array(Type.String()), grantedBy: Type.String() });
const ChildView = Obj({ personId: Id, schoolId: Id, schoolName: Type.String(), timeZone: Type.String({ description: 'the school\'s IANA zone: the child\'s days are its dates' }),
  displayName: Type.String(), className: Type.String(), relation: Type.String(),
  scopes: Type.Array(Type.String()), accountId: Type.Union([Id, Type.Null()]) });
const InviteBody = Obj({ personId: Id, phone: Phone, surname: Name, scopes: Scopes });
const InvitationView = Obj({ id: Id, personId: Id, guardianId: Id, scopes: Type.Array(Type.String()), status: Type.String(), expiresAtMs: Type.Integer(),
  guardianshipId: Type.String() });
/** What the inviting parent sees of an invitation: whom they invited (as they typed it) and for which child. */
const SentView = Obj({ ...InvitationView.properties, phone: Type.String(), surname: Type.String(), childName: Type.String() });
/** What the invitee sees: who invites them and for which child, before accepting. */
const ReceivedView = Obj({ ...InvitationView.properties, inviterName: Type.String(), childName: Type.String() });
const Subscription = Obj({ event: Type.Union(NOTIFICATION_EVENTS.map((e) => Type.Literal(e))),
  channels: Type.Array(Type.Union(NOTIFICATION_CHANNELS.map((c) => Type.Literal(c))), { maxItems: 3, uniqueItems: true }) });
const PreferencesBody = Obj({ subscriptions: Type.Array(Subscription, { maxItems: NOTIFICATION_EVENTS.length }),
  lowBalanceThresholdKop: Type.Optional(Type.Union([Kop, Type.Null()])), quietHours: Type.Optional(Type.Union([QuietHoursBody, Type.Null()])) });
const PreferencesView = Obj({ guardianId: Id, personId: Id, subscriptions: Type.Array(Subscription), lowBalanceThresholdKop: Type.Union([Type.Integer(), Type.Null()]),
  quietHours: Type.Union([QuietHoursBody, Type.Null()]) });

const guardianView = (g: Guardian) => ({ id: g.id, phone: g.phone, surname: g.surname, givenName: g.givenName, email: g.email });
const linkView = (l: Guardianship) => ({ id: l.id, guardianId: l.guardianId, personId: l.personId, relation: l.relation, scopes: [...l.scopes], grantedBy: l.grantedBy });
const invitationView = (i: Invitation) => ({ id: i.id, personId: i.personId, guardianId: i.guardianId, scopes: [...i.scopes], status: i.status,
  expiresAtMs: i.expiresAtMs, guardianshipId: i.guardianshipId });

/** The guardian's link to the child, checked to be that pair's. */
export function linkOf(ctx: ApiContext, guardianId: string, personId: string): Guardianship | undefined {
  const l = ctx.registry.guardianships.get(linkId(guardianId, personId));
  return l !== undefined && l.guardianId === guardianId && l.personId === personId ? l : undefined;
}

function guardianInScope(ctx: ApiContext, p: Principal, id: string): Guardian {
  const g = ctx.registry.guardians.get(id);
  if (g === undefined) throw notFound('guardian');
  if (p.role === 'city_admin') return g;
  // An operator sees guardians linked to a child of its schools.
  const ok = ctx.registry.guardianshipsOfGuardianId(id).some((l) => p.schoolIds.has(ctx.registry.persons.get(l.personId)?.schoolId ?? ''));
  if (!ok) throw notFound('guardian');
  return g;
}

function invitationRecord(ctx: ApiContext, i: Invitation, patch: Partial<Invitation>) {
  const { expiresAtMs, ...rest } = { ...i, ...patch };
  return ctx.store.record('invitation', { ...rest, expiresAt: expiresAtMs });
}

/** Removes a link and the notification preferences kept under the same id: they go with the access. */
async function removeLink(ctx: ApiContext, id: string): Promise<void> {
  if (ctx.registry.preferences.has(id)) await ctx.store.remove('preferences', id);
  await ctx.store.remove('guardianship', id);
}

export const guardianRoutes: Route[] = [
  route({ method: 'POST', path: '/guardians', tag: 'guardians', summary: 'Register a guardian by mobile phone; 409 with the existing id if the phone is registered',
    roles: OPERATORS, bodyKind: 'json', body: GuardianBody, success: [201, GuardianView], errors: ['API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const existing = ctx.registry.guardianByPhone(req.body.phone);
      if (existing !== undefined) {
        // The id goes to whoever also knows the surname (or to the city): a phone alone must not
        // find a parent registered by another school.
        const known = req.principal.role === 'city_admin' || normaliseName(existing.surname) === normaliseName(req.body.surname);
        throw new ApiError('API_CONFLICT', known ? 'a guardian with this phone is registered' : 'this phone is registered to a guardian with another surname',
          known ? { existingId: existing.id } : {});
      }
      const rec = ctx.store.record('guardian', { id: newId('g'), ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'guardian.create', [`guardian:${rec.value.id}`]);
      return ok(201, guardianView(rec.value));
    }) }),
  route({ method: 'GET', path: '/guardians/:guardianId', tag: 'guardians', summary: 'Read a guardian (operators: one linked to a child of their schools)',
    roles: OPERATORS, success: [200, GuardianView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ok(200, guardianView(guardianInScope(ctx, req.principal, req.params['guardianId']!))) }),
  route({ method: 'POST', path: '/persons/:personId/guardians', tag: 'guardians', summary: 'Link a parent to a pupil (from the parents\' written application)',
    roles: OPERATORS, bodyKind: 'json', body: Obj({ guardianId: Id }), success: [201, LinkView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      if (!ctx.registry.guardians.has(req.body.guardianId)) throw notFound('guardian', req.body.guardianId);
      const rec = ctx.store.record('guardianship', { id: linkId(req.body.guardianId, person.id), guardianId: req.body.guardianId, personId: person.id, relation: 'parent' });
      const old = linkOf(ctx, req.body.guardianId, person.id);
      if (old?.relation === 'parent') return ok(200, linkView(old));
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'guardianship.link', [`guardianship:${rec.value.id}`]);
      return ok(201, linkView(rec.value));
    }) }),
  route({ method: 'GET', path: '/persons/:personId/guardians', tag: 'guardians', summary: 'A pupil\'s parents and trusted persons', roles: OPERATORS,
    success: [200, Obj({ items: Type.Array(LinkView) })], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      return ok(200, { items: ctx.registry.guardianshipsOfPersonId(person.id).sort(byId).map(linkView) });
    } }),
  route({ method: 'DELETE', path: '/persons/:personId/guardians/:guardianId', tag: 'guardians',
    summary: 'Unlink a guardian from a pupil; the trusted persons that guardian invited lose access too', roles: OPERATORS, success: [204, null], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      const id = linkOf(ctx, req.params['guardianId']!, person.id)?.id;
      if (id === undefined) throw notFound('guardianship of guardian', req.params['guardianId']!);
      const granted = ctx.registry.guardianshipsOfPersonId(person.id).filter((l) => l.grantedBy === id);
      for (const l of granted) await removeLink(ctx, l.id);
      await removeLink(ctx, id);
      await audited(ctx, req.principal, req.requestId, 'guardianship.unlink', [`guardianship:${id}`, ...granted.map((l) => `guardianship:${l.id}`)]);
      return ok(204);
    }) }),

  route({ method: 'GET', path: '/me', tag: 'guardian self-service', summary: 'The guardian this token speaks for', roles: ['guardian'], success: [200, GuardianView],
    handler: async (ctx, req) => ok(200, guardianView(ctx.registry.guardians.get(selfGuardian(ctx, req.principal))!)) }),
  route({ method: 'GET', path: '/me/children', tag: 'guardian self-service', summary: 'The children this guardian may see, with what each grant allows',
    roles: ['guardian'], success: [200, Obj({ items: Type.Array(ChildView) })],
    handler: async (ctx, req) => {
      const me = selfGuardian(ctx, req.principal);
      const items = ctx.registry.guardianshipsOfGuardianId(me).flatMap((l) => {
        const p = ctx.registry.persons.get(l.personId);
        return p === undefined ? [] : [{ personId: p.id, schoolId: p.schoolId, schoolName: ctx.registry.schools.get(p.schoolId)?.name ?? '',
          timeZone: schoolZone(ctx, p.schoolId), displayName: p.displayName, className: p.className, relation: l.relation,
          scopes: [...l.scopes], accountId: l.scopes.includes('balance') ? ctx.registry.accountOfPersonId(p.id)?.id ?? null : null }];
      });
      return ok(200, { items: items.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0)) });
    } }),
  route({ method: 'POST', path: '/me/invitations', tag: 'guardian self-service', summary: 'A parent invites a trusted person (phone and surname) to see some of a child\'s data',
    roles: ['guardian'], bodyKind: 'json', body: InviteBody, success: [201, InvitationView], errors: ['API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const link = linkOf(ctx, me, req.body.personId);
      // A child the caller has no link to does not exist for them; a trusted person knows the child but may not invite.
      if (link === undefined) throw notFound('person');
      if (link.relation !== 'parent') throw new ApiError('API_FORBIDDEN', 'only a parent of this child may invite');
      if (ctx.registry.guardians.get(me)?.phone === req.body.phone) throw new ApiError('API_CONFLICT', 'a parent cannot invite themselves');
      const trusted = ctx.registry.guardianshipsOfPersonId(req.body.personId).filter((l) => l.relation === 'trusted').length;
      if (trusted >= TRUSTED_PER_CHILD_MAX) throw new ApiError('API_CONFLICT', `a child has at most ${TRUSTED_PER_CHILD_MAX} trusted persons`);
      const now = Date.now();
      // Invitations of the last 7 days (those not yet expired), whatever became of them: revoking
      // and inviting again cannot grow the registry without bound.
      const recent = [...ctx.registry.invitations.values()].filter((i) => i.personId === req.body.personId && i.expiresAtMs > now).length;
      if (recent >= INVITATIONS_OPEN_MAX) throw new ApiError('API_CONFLICT', `a child gets at most ${INVITATIONS_OPEN_MAX} invitations in 7 days`);
      const rec = ctx.store.record('invitation', { id: newId('inv'), personId: req.body.personId, guardianId: me, phone: req.body.phone,
        surname: req.body.surname, scopes: req.body.scopes, status: 'pending', expiresAt: Date.now() + INVITATION_TTL_MS });
      await ctx.store.put(rec);
      // Invitations that can no longer be accepted or revoked to any effect hold an invitee's
      // phone and surname for nothing: those of this child long past their expiry go now.
      const stale = [...ctx.registry.invitations.values()]
        .filter((i) => i.personId === req.body.personId && i.status !== 'accepted' && i.expiresAtMs < now - INVITATION_KEEP_AFTER_EXPIRY_MS);
      for (const i of stale) await ctx.store.remove('invitation', i.id);
      await audited(ctx, req.principal, req.requestId, 'invitation.create', [`invitation:${rec.value.id}`, `person:${req.body.personId}`,
        ...stale.map((i) => `invitation:${i.id}`)]);
      return ok(201, invitationView(rec.value));
    }) }),
  route({ method: 'GET', path: '/me/invitations', tag: 'guardian self-service', summary: 'Invitations this guardian sent, and open ones addressed to their phone',
    roles: ['guardian'], success: [200, Obj({ sent: Type.Array(SentView), received: Type.Array(ReceivedView) })],
    handler: async (ctx, req) => {
      const me = selfGuardian(ctx, req.principal);
      const phone = ctx.registry.guardians.get(me)!.phone;
      const all = [...ctx.registry.invitations.values()];
      const now = Date.now();
      const childName = (i: Invitation) => ctx.registry.persons.get(i.personId)?.displayName ?? '';
      const inviterName = (i: Invitation) => {
        const g = ctx.registry.guardians.get(i.guardianId);
        return g === undefined ? '' : `${g.surname} ${g.givenName}`.trim();
      };
      return ok(200, { sent: all.filter((i) => i.guardianId === me).map((i) => ({ ...invitationView(i), phone: i.phone, surname: i.surname, childName: childName(i) })),
        received: all.filter((i) => i.phone === phone && i.status === 'pending' && i.expiresAtMs > now)
          .map((i) => ({ ...invitationView(i), inviterName: inviterName(i), childName: childName(i) })) });
    } }),
  route({ method: 'POST', path: '/invitations/:invitationId/accept', tag: 'guardian self-service',
    summary: 'The invitee accepts: their phone and surname must match the invitation; access follows at once',
    roles: ['guardian'], success: [201, LinkView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const inv = ctx.registry.invitations.get(req.params['invitationId']!);
      const guardian = ctx.registry.guardians.get(me)!;
      // An invitation for another phone is reported as missing: its existence is not the caller's business.
      if (inv === undefined || inv.phone !== guardian.phone) throw notFound('invitation', req.params['invitationId']!);
      if (normaliseName(inv.surname) !== normaliseName(guardian.surname)) throw new ApiError('API_FORBIDDEN', 'the surname does not match the invitation');
      if (inv.status !== 'pending') throw new ApiError('API_CONFLICT', `the invitation is ${inv.status}`, { status: inv.status });
      if (inv.expiresAtMs <= Date.now()) throw new ApiError('API_CONFLICT', 'the invitation has expired', { status: 'expired' });
      const parentLink = linkOf(ctx, inv.guardianId, inv.personId);
      if (parentLink?.relation !== 'parent') throw new ApiError('API_CONFLICT', 'the inviting parent is no longer linked to the child');
      const existing = linkOf(ctx, me, inv.personId);
      if (existing?.relation === 'parent') throw new ApiError('API_CONFLICT', 'this guardian is already a parent of the child');
      // The limit is checked again here: several invitations may be open at once.
      const trusted = ctx.registry.guardianshipsOfPersonId(inv.personId).filter((l) => l.relation === 'trusted' && l.guardianId !== me).length;
      if (trusted >= TRUSTED_PER_CHILD_MAX) throw new ApiError('API_CONFLICT', `a child has at most ${TRUSTED_PER_CHILD_MAX} trusted persons`);
      const link = ctx.store.record('guardianship', { id: linkId(me, inv.personId), guardianId: me, personId: inv.personId, relation: 'trusted',
        scopes: inv.scopes, grantedBy: parentLink.id });
      // One accepted invitation governs a link: an earlier one this replaces is closed, so that
      // revoking it later cannot take away the access this one gives.
      const superseded = [...ctx.registry.invitations.values()]
        .filter((i) => i.id !== inv.id && i.status === 'accepted' && i.guardianshipId === link.value.id)
        .map((i) => invitationRecord(ctx, i, { status: 'revoked' }));
      // A second grant may be narrower than the first: subscriptions it no longer covers go.
      const storedPrefs = ctx.registry.preferences.get(linkId(me, inv.personId));
      const prefs = storedPrefs?.guardianId === me && storedPrefs.personId === inv.personId ? storedPrefs : undefined;
      const narrowed = prefs === undefined ? [] : [ctx.store.record('preferences', { ...prefs,
        subscriptions: prefs.subscriptions.filter((s) => inv.scopes.includes(EVENT_SCOPE[s.event])),
        lowBalanceThresholdKop: inv.scopes.includes('balance') ? prefs.lowBalanceThresholdKop : null, quietHours: prefs.quietHours })];
      await ctx.store.put(link, invitationRecord(ctx, inv, { status: 'accepted', guardianshipId: link.value.id }), ...superseded, ...narrowed);
      await audited(ctx, req.principal, req.requestId, 'invitation.accept', [`invitation:${inv.id}`, `guardianship:${link.value.id}`,
        ...superseded.map((i) => `invitation:${i.value.id}`)]);
      return ok(201, linkView(link.value));
    }) }),
  route({ method: 'POST', path: '/invitations/:invitationId/revoke', tag: 'guardian self-service',
    summary: 'The inviting parent withdraws an invitation or the access it gave', roles: ['guardian'], success: [200, InvitationView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const inv = ctx.registry.invitations.get(req.params['invitationId']!);
      if (inv === undefined || inv.guardianId !== me) throw notFound('invitation', req.params['invitationId']!);
      if (inv.status === 'revoked') return ok(200, invitationView(inv));
      const rec = invitationRecord(ctx, inv, { status: 'revoked' });
      const link = inv.guardianshipId === '' ? undefined : ctx.registry.guardianships.get(inv.guardianshipId);
      if (link !== undefined && link.relation === 'trusted') await removeLink(ctx, link.id);
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'invitation.revoke', [`invitation:${inv.id}`, ...(link === undefined ? [] : [`guardianship:${link.id}`])]);
      return ok(200, invitationView(rec.value));
    }) }),
  route({ method: 'GET', path: '/me/children/:personId/preferences', tag: 'guardian self-service', summary: 'This guardian\'s notification preferences for a child',
    roles: ['guardian'], success: [200, PreferencesView],
    handler: async (ctx, req) => {
      const me = selfGuardian(ctx, req.principal);
      // Any link will do, as for PUT: a trusted person granted purchases only has preferences too.
      const link = ctx.registry.guardianshipsOfGuardianId(me).find((l) => l.personId === req.params['personId']);
      if (link === undefined) throw notFound('person');
      const stored = ctx.registry.preferences.get(linkId(me, link.personId));
      const p = stored?.guardianId === me && stored.personId === link.personId ? stored : undefined;
      return ok(200, { guardianId: me, personId: link.personId, subscriptions: p?.subscriptions ?? [], lowBalanceThresholdKop: p?.lowBalanceThresholdKop ?? null,
        quietHours: p?.quietHours ?? null });
    } }),
  route({ method: 'PUT', path: '/me/children/:personId/preferences', tag: 'guardian self-service',
    summary: 'Set which events this guardian hears about for a child, and how (digests by e-mail only)',
    roles: ['guardian'], bodyKind: 'json', body: PreferencesBody, success: [200, PreferencesView],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const link = ctx.registry.guardianshipsOfGuardianId(me).find((l) => l.personId === req.params['personId']);
      if (link === undefined) throw notFound('person');
      const outside = req.body.subscriptions.filter((s) => !link.scopes.includes(EVENT_SCOPE[s.event]));
      if (outside.length > 0) {
        throw new ApiError('API_FORBIDDEN', 'this guardian was not granted what these events report', { events: outside.map((s) => s.event) });
      }
      if (req.body.lowBalanceThresholdKop !== undefined && req.body.lowBalanceThresholdKop !== null && !link.scopes.includes('balance')) {
        throw new ApiError('API_FORBIDDEN', 'a low-balance threshold needs the balance grant', { scope: 'balance' });
      }
      const rec = ctx.store.record('preferences', { id: linkId(me, link.personId), guardianId: me, personId: link.personId, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'preferences.set', [`preferences:${rec.value.id}`]);
      return ok(200, { guardianId: me, personId: link.personId, subscriptions: rec.value.subscriptions, lowBalanceThresholdKop: rec.value.lowBalanceThresholdKop,
        quietHours: rec.value.quietHours });
    }) }),

  route({ method: 'GET', path: '/persons/:personId/passes', tag: 'history', summary: 'A child\'s entries and exits for a range of the school\'s local dates (at most 92 days)',
    roles: ['city_admin', 'school_operator', 'guardian'], query: DateRange, success: [200, Obj({ personId: Id, items: Type.Array(Type.Record(Type.String(), Type.Unknown())) })], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const person = personVisible(ctx, req.principal, req.params['personId']!, 'passes');
      const range = localRange(req.query.from, req.query.to, schoolZone(ctx, person.schoolId));
      return ok(200, { personId: person.id, items: await ctx.history.passes(person.id, range) });
    } }),
  route({ method: 'GET', path: '/persons/:personId/purchases', tag: 'history', summary: 'A child\'s canteen purchases with items for a range of the school\'s local dates (at most 92 days)',
    roles: VIEWERS, query: DateRange, success: [200, Obj({ personId: Id, items: Type.Array(Type.Record(Type.String(), Type.Unknown())) })], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const person = personVisible(ctx, req.principal, req.params['personId']!, 'purchases');
      const range = localRange(req.query.from, req.query.to, schoolZone(ctx, person.schoolId));
      return ok(200, { personId: person.id, items: await ctx.history.purchases(person.id, range) });
    } }),
];
