// Console sessions (api/sessions.ts, docs/console.md): staff exchange their API token for a
// session cookie, the page reads the session (role, schools, CSRF token), and anyone signs out.
// Parents sign in with an SMS code instead (api/routes/login.ts).
import { Type } from '@sinclair/typebox';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';
import { route, type Request, type Route } from '../route.js';
import type { SessionRecord } from '../sessions.js';
import { Obj } from '../schemas.js';
import { ROLES, type Principal, type Role } from '../tokens.js';
import { audited, ok } from './common.js';

/** Roles that may use the console: a bank's integration has no page. */
export const CONSOLE_ROLES: Role[] = ROLES.filter((r) => r !== 'payment_integration');

export const SessionView = Obj({
  role: Type.String(), schoolIds: Type.Array(Type.String()), guardianId: Type.String(),
  method: Type.Union([Type.Literal('token'), Type.Literal('sms')]),
  csrfToken: Type.String({ description: 'send it as x-csrf-token with every console request that changes anything' }),
  expiresAtMs: Type.Integer(),
});
const TokenLogin = Obj({ token: Type.String({ minLength: 1, maxLength: 200, description: 'an API token, tg_<id>_<secret>' }) });

export const sessionView = (s: SessionRecord) => ({ role: s.role, schoolIds: [...s.schoolIds], guardianId: s.guardianId, method: s.method,
  csrfToken: s.csrfToken, expiresAtMs: s.expiresAtMs });

/**
 * Opens a session for a principal and answers with its cookie. A session the browser already
 * had is closed first: a sign-in never keeps an old id (no fixation).
 */
export async function openSession(ctx: ApiContext, req: Request<unknown, unknown>, who: Omit<Principal, 'via' | 'sessionId' | 'role'> & { role: Role },
  method: SessionRecord['method']) {
  if (req.session !== null) await ctx.sessions.close(req.session.id).catch(() => undefined);
  const made = await ctx.sessions.open(who, method);
  const principal: Principal = { ...who, via: 'session', sessionId: made.record.id };
  await audited(ctx, principal, req.requestId, 'session.open', [`session:${made.record.id}`, ...(who.guardianId === '' ? [] : [`guardian:${who.guardianId}`])]);
  return { status: 201, body: sessionView(made.record), headers: { 'set-cookie': made.cookie } };
}

export const sessionRoutes: Route[] = [
  route({ method: 'POST', path: '/session', tag: 'console', auth: 'none', roles: [],
    summary: 'Staff sign in to the console with an API token; the answer sets the HttpOnly session cookie',
    bodyKind: 'json', body: TokenLogin, success: [201, SessionView], errors: ['API_UNAUTHENTICATED'],
    handler: async (ctx, req) => {
      const p = ctx.tokens.authenticate(`Bearer ${req.body.token}`);
      if (p === null) throw new ApiError('API_UNAUTHENTICATED', 'this token is not valid (unknown, revoked or mistyped)');
      if (p.role === 'anonymous' || !CONSOLE_ROLES.includes(p.role)) throw new ApiError('API_FORBIDDEN', `role ${p.role} has no console`);
      return openSession(ctx, req, { tokenId: p.tokenId, role: p.role, schoolIds: p.schoolIds, guardianId: p.guardianId }, 'token');
    } }),
  route({ method: 'GET', path: '/session', tag: 'console', auth: 'none', roles: [],
    summary: 'The signed-in console session (role, schools, guardian, the CSRF token the page sends back); 204 when there is none',
    success: [200, SessionView],
    handler: async (_ctx, req) => (req.session === null ? ok(204) : ok(200, sessionView(req.session))) }),
  route({ method: 'DELETE', path: '/session', tag: 'console', roles: CONSOLE_ROLES,
    summary: 'Sign out: the session ends in every API process and the cookie is cleared',
    success: [204, null], errors: ['API_UNAUTHENTICATED'],
    handler: async (ctx, req) => {
      if (req.session === null) throw new ApiError('API_UNAUTHENTICATED', 'this request carries no console session');
      await ctx.sessions.close(req.session.id);
      await audited(ctx, req.principal, req.requestId, 'session.close', [`session:${req.session.id}`]);
      return { status: 204, headers: { 'set-cookie': ctx.sessions.clearedCookie() } };
    } }),
];
