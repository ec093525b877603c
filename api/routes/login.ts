// SMS sign-in of parents and trusted persons (docs/console.md "SMS sign-in"): ask for a code for
// a phone, then exchange phone and code for a console session. Both routes take anyone; the
// answers do not tell whether a phone is registered (api/login.ts keeps codes and limits).
import { Type } from '@sinclair/typebox';
import { ANONYMOUS } from '../tokens.js';
import { LOGIN_CODE_LENGTH } from '../../core/index.js';
import { ApiError } from '../errors.js';
import { route, type Route } from '../route.js';
import { Obj, Phone } from '../schemas.js';
import { audited, ok } from './common.js';
import { openSession, SessionView } from './session.js';

const CodeRequest = Obj({ phone: Phone });
const CodeSent = Obj({
  codeLength: Type.Integer({ description: 'digits of the code' }),
  expiresInS: Type.Integer({ description: 'seconds the code is valid from now' }),
});
const CodeCheck = Obj({ phone: Phone, code: Type.String({ pattern: `^[0-9]{${LOGIN_CODE_LENGTH}}$`, description: 'the code from the SMS' }) });

export const loginRoutes: Route[] = [
  route({ method: 'POST', path: '/login/sms', tag: 'console', auth: 'none', roles: [],
    summary: 'A parent or trusted person asks for a one-time sign-in code by SMS; always 202, registered phone or not',
    bodyKind: 'json', body: CodeRequest, success: [202, CodeSent], errors: ['API_TOO_MANY_ATTEMPTS'],
    handler: async (ctx, req) => {
      const { guardianId } = await ctx.login.request(req.body.phone, req.clientAddress);
      // Written after the answer is on its way: its time must not tell a registered phone apart.
      if (guardianId !== '') setImmediate(() => void audited(ctx, ANONYMOUS, req.requestId, 'login.sms.code', [`guardian:${guardianId}`]));
      return ok(202, { codeLength: LOGIN_CODE_LENGTH, expiresInS: Math.round(ctx.login.codeTtlMs / 1000) });
    } }),
  route({ method: 'POST', path: '/login/sms/verify', tag: 'console', auth: 'none', roles: [],
    summary: 'Exchanges a phone and its SMS code for a parent\'s console session (cookie); a code signs in once',
    bodyKind: 'json', body: CodeCheck, success: [201, SessionView], errors: ['API_LOGIN_FAILED', 'API_TOO_MANY_ATTEMPTS'],
    handler: async (ctx, req) => {
      const r = await ctx.login.verify(req.body.phone, req.body.code, req.clientAddress);
      if (!r.ok) {
        const voided = r.voidedGuardianId;
        if (voided !== '') setImmediate(() => void audited(ctx, ANONYMOUS, req.requestId, 'login.sms.void', [`guardian:${voided}`]));
        throw new ApiError('API_LOGIN_FAILED', 'this code is not valid for this phone (wrong, expired or already used)');
      }
      return openSession(ctx, req, { tokenId: '', role: 'guardian', schoolIds: new Set<string>(), guardianId: r.guardianId }, 'sms');
    } }),
];
