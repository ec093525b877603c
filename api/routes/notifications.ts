// A guardian's side of notifications: their e-mail address, the browsers subscribed to Web Push
// (RFC 8030 subscriptions, at most PUSH_SUBSCRIPTIONS_PER_GUARDIAN_MAX), and "my notifications",
// the delivery log of what the notifier sent them (latest status per notice). Which events reach
// whom is in core/notify-rules.ts; the preferences themselves are set in guardians.ts.
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { PUSH_ENDPOINT_CHARS_MAX, PUSH_SUBSCRIPTIONS_PER_GUARDIAN_MAX } from '../../core/index.js';
import { type ApiContext, notFound, selfGuardian } from '../context.js';
import { NOTIFICATIONS_ROWS_MAX } from '../history.js';
import { route, type Route } from '../route.js';
import { Email, Id, Obj } from '../schemas.js';
import { audited, ok } from './common.js';

const B64Url = (bytes: number) => Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: Math.floor(bytes * 4 / 3), maxLength: Math.ceil(bytes * 4 / 3) + 2,
  description: `${bytes} bytes, base64url` });
const PushBody = Obj({
  endpoint: Type.String({ pattern: '^https://\\S+$', maxLength: PUSH_ENDPOINT_CHARS_MAX, description: 'the push service URL the browser gave' }),
  keys: Obj({ p256dh: B64Url(65), auth: B64Url(16) }),
  expirationTime: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
const PushView = Obj({ id: Id, createdAtMs: Type.Integer() });
const NotificationView = Obj({ key: Type.String(), personId: Id, type: Type.String(), channel: Type.String(),
  status: Type.String({ description: 'queued, sent, delivered, undelivered, failed, gone, uncertain, collapsed or skipped' }),
  code: Type.String(), late: Type.Boolean(), eventTimeMs: Type.Integer(), updatedAtMs: Type.Integer() });

/** One id per guardian and browser: a browser that subscribes again replaces its record. */
const subscriptionId = (guardianId: string, endpoint: string) =>
  `ps_${createHash('sha256').update(`${guardianId}\n${endpoint}`).digest('base64url').slice(0, 22)}`;

function mine(ctx: ApiContext, me: string, id: string) {
  const s = ctx.registry.pushSubscriptions.get(id);
  if (s === undefined || s.guardianId !== me) throw notFound('push subscription', id);
  return s;
}

export const notificationRoutes: Route[] = [
  route({ method: 'PUT', path: '/me/email', tag: 'guardian self-service', summary: 'Set (or clear, with null) the e-mail address notices and digests go to',
    roles: ['guardian'], bodyKind: 'json', body: Obj({ email: Type.Union([Email, Type.Null()]) }), success: [200, Obj({ email: Type.String() })],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const g = ctx.registry.guardians.get(me)!;
      const rec = ctx.store.record('guardian', { ...g, email: req.body.email ?? '' });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'guardian.email', [`guardian:${me}`]);
      return ok(200, { email: rec.value.email });
    }) }),
  route({ method: 'POST', path: '/me/push-subscriptions', tag: 'guardian self-service',
    summary: `Subscribe this browser to Web Push (PushSubscription.toJSON()); the oldest of more than ${PUSH_SUBSCRIPTIONS_PER_GUARDIAN_MAX} is removed`,
    roles: ['guardian'], bodyKind: 'json', body: PushBody, success: [201, PushView],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const id = subscriptionId(me, req.body.endpoint);
      const rec = ctx.store.record('push_subscription', { id, guardianId: me, endpoint: req.body.endpoint, p256dh: req.body.keys.p256dh,
        auth: req.body.keys.auth, createdAtMs: Date.now() });
      const others = ctx.registry.pushSubscriptionsOfGuardianId(me).filter((s) => s.id !== id).sort((a, b) => a.createdAtMs - b.createdAtMs);
      for (const old of others.slice(0, Math.max(0, others.length + 1 - PUSH_SUBSCRIPTIONS_PER_GUARDIAN_MAX))) await ctx.store.remove('push_subscription', old.id);
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'push_subscription.create', [`push_subscription:${id}`]);
      return ok(201, { id, createdAtMs: rec.value.createdAtMs });
    }) }),
  route({ method: 'GET', path: '/me/push-subscriptions', tag: 'guardian self-service', summary: 'The browsers subscribed to this guardian\'s Web Push notices',
    roles: ['guardian'], success: [200, Obj({ items: Type.Array(PushView) })],
    handler: async (ctx, req) => {
      const me = selfGuardian(ctx, req.principal);
      return ok(200, { items: ctx.registry.pushSubscriptionsOfGuardianId(me).sort((a, b) => a.createdAtMs - b.createdAtMs)
        .map((s) => ({ id: s.id, createdAtMs: s.createdAtMs })) });
    } }),
  route({ method: 'DELETE', path: '/me/push-subscriptions/:subscriptionId', tag: 'guardian self-service', summary: 'Unsubscribe a browser',
    roles: ['guardian'], success: [204, null], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const me = selfGuardian(ctx, req.principal);
      const s = mine(ctx, me, req.params['subscriptionId']!);
      await ctx.store.remove('push_subscription', s.id);
      await audited(ctx, req.principal, req.requestId, 'push_subscription.delete', [`push_subscription:${s.id}`]);
      return ok(204, null);
    }) }),
  route({ method: 'GET', path: '/me/notifications', tag: 'guardian self-service',
    summary: `My notifications: what the notifier sent this guardian in the last 31 days, newest first, with each one's latest status (at most ${NOTIFICATIONS_ROWS_MAX})`,
    roles: ['guardian'], query: Obj({ limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$' })) }),
    success: [200, Obj({ items: Type.Array(NotificationView) })], errors: ['API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const me = selfGuardian(ctx, req.principal);
      const limit = Number(req.query.limit ?? '50');
      return ok(200, { items: await ctx.history.notifications(me, limit, Date.now()) });
    } }),
];
