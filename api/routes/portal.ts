// What the parents' portal needs beyond the guardian routes: a parent lists a child's cards
// (kind, status and the last UID digits only) and blocks a lost one at once, and a browser asks
// for the VAPID public key it subscribes to Web Push with. A block is the same registry change
// the school office makes (POST /identifiers/:id/block): every reader refuses the card within a
// second. Only a parent may list or block: a trusted person's grant never covers the child's cards.
import { Type } from '@sinclair/typebox';
import type { Guardianship, Identifier } from '../../core/index.js';
import { type ApiContext, notFound, selfGuardian } from '../context.js';
import { ApiError } from '../errors.js';
import { route, type Route } from '../route.js';
import { Id, Obj } from '../schemas.js';
import type { Principal } from '../tokens.js';
import { audited, byId, ok } from './common.js';
import { linkOf } from './guardians.js';

const CardView = Obj({ id: Id, kind: Type.String(), status: Type.String(), expiresAtMs: Type.Union([Type.Integer(), Type.Null()]),
  uidSuffix: Type.String({ description: 'the last 2 bytes of the UID as 4 hex digits, to tell cards apart; never the full UID' }) });
const cardView = (i: Identifier) =>
  ({ id: i.id, kind: i.kind, status: i.status, expiresAtMs: i.expiresAtMs, uidSuffix: i.uidHex.slice(-4) });

/**
 * The caller's parent link to the child: a child they have no link to is the uniform 404; a
 * trusted person knows the child, so they learn 403 (nothing leaks).
 */
function parentLink(ctx: ApiContext, p: Principal, personId: string): Guardianship {
  const link = linkOf(ctx, selfGuardian(ctx, p), personId);
  if (link === undefined || !ctx.registry.persons.has(personId)) throw notFound('person');
  if (link.relation !== 'parent') throw new ApiError('API_FORBIDDEN', 'only a parent of this child may see or block its cards');
  return link;
}

export const portalRoutes: Route[] = [
  route({ method: 'GET', path: '/me/children/:personId/identifiers', tag: 'guardian self-service',
    summary: 'A parent lists a child\'s cards: kind, status and the last 4 hex digits of the UID (never the full UID)',
    roles: ['guardian'], success: [200, Obj({ items: Type.Array(CardView) })], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const link = parentLink(ctx, req.principal, req.params['personId']!);
      return ok(200, { items: ctx.registry.identifiersOfPerson(link.personId).sort(byId).map(cardView) });
    } }),
  route({ method: 'POST', path: '/me/children/:personId/identifiers/:identifierId/block', tag: 'guardian self-service',
    summary: 'A parent blocks a child\'s lost card at once; every reader refuses it within a second. Idempotent; '
      + 'unblocking is the school office\'s',
    roles: ['guardian'], success: [200, CardView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const link = parentLink(ctx, req.principal, req.params['personId']!);
      const i = ctx.registry.identifiers.get(req.params['identifierId']!);
      // Another child's card, even a sibling's, is not reachable through this child.
      if (i === undefined || i.personId !== link.personId) throw notFound('identifier');
      const expiry = i.expiresAtMs === null ? {} : { expiresAt: i.expiresAtMs };
      const rec = ctx.store.record('identifier', { ...i, status: 'blocked', ...expiry });
      if (i.status !== 'blocked') {
        await ctx.store.put(rec);
        await audited(ctx, req.principal, req.requestId, 'identifier.block', [`identifier:${i.id}`, `person:${i.personId}`]);
      }
      return ok(200, cardView(rec.value));
    }) }),
  route({ method: 'GET', path: '/push/vapid-public-key', tag: 'guardian self-service',
    summary: 'The VAPID public key (base64url) a browser subscribes to Web Push with; null when this installation sends no Web Push',
    roles: ['guardian'], success: [200, Obj({ publicKey: Type.Union([Type.String(), Type.Null()]) })],
    handler: async (ctx) => ok(200, { publicKey: await ctx.vapidPublicKey() }) }),
];
