// The login SMS (docs/notifications.md "The login SMS"): the API asks, on tapgate.login.v1.sms,
// for a one-time sign-in code to be sent to a guardian (api/login.ts); the notifier looks the
// phone up in its registry copy (the request carries no phone), renders the Russian text, sends
// it through its SMS provider and answers ok or failed with a code. Only notifiers with an SMS
// channel subscribe, in one queue group, so one of them sends each code; with none, the API's
// request finds no responder, and the API logs and counts it.
//
// The code and the phone go to the SMSC only: never to a log line, a metric or the delivery log.
import { randomBytes } from 'node:crypto';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { RegistryIndex } from '../../core/index.js';
import type { Logger } from '../../lib/index.js';
import type { Provider } from './channels/provider.js';
import type { NotifierMetrics } from './metrics.js';

export const LOGIN_SMS_SUBJECT = 'tapgate.login.v1.sms';
/** The queue group of the notifiers that send login codes: each request reaches one of them. */
export const LOGIN_SMS_QUEUE = 'tapgate-notifier-login';
/** Largest request accepted, in bytes (a guardian id, a code and a time take far less). */
export const LOGIN_SMS_REQUEST_BYTES_MAX = 1024;
const CODE_PATTERN = /^[0-9]{4,8}$/;

/** The text of the login SMS: one UCS-2 part (at most 70 characters) for a 6-digit code. */
export function loginSmsText(code: string): string {
  return `Код для входа в tapgate: ${code}. Никому его не сообщайте.`;
}

interface LoginSmsRequest { readonly guardianId: string; readonly code: string; readonly expiresAtMs: number }

function parseRequest(data: Uint8Array): LoginSmsRequest | null {
  if (data.length > LOGIN_SMS_REQUEST_BYTES_MAX) return null;
  try {
    const v = JSON.parse(Buffer.from(data).toString('utf8')) as Partial<LoginSmsRequest>;
    if (typeof v.guardianId !== 'string' || typeof v.code !== 'string' || !CODE_PATTERN.test(v.code)) return null;
    if (typeof v.expiresAtMs !== 'number' || !Number.isFinite(v.expiresAtMs)) return null;
    return { guardianId: v.guardianId, code: v.code, expiresAtMs: v.expiresAtMs };
  } catch {
    return null;
  }
}

/** Sends one login code; the answer is `{ ok }` or `{ ok: false, reason }` with a code, never a value. */
async function sendLoginCode(registry: RegistryIndex, sms: Provider, data: Uint8Array): Promise<{ ok: boolean; reason?: string }> {
  const req = parseRequest(data);
  if (req === null) return { ok: false, reason: 'INVALID_REQUEST' };
  if (req.expiresAtMs <= Date.now()) return { ok: false, reason: 'EXPIRED' };
  const guardian = registry.guardians.get(req.guardianId);
  if (guardian === undefined) return { ok: false, reason: 'UNKNOWN_GUARDIAN' };
  const outcome = await sms.send({ key: `login-${randomBytes(8).toString('hex')}`, channel: 'sms', to: guardian.phone, subject: '',
    text: loginSmsText(req.code) });
  return outcome.kind === 'accepted' ? { ok: true } : { ok: false, reason: outcome.code };
}

/** Answers login SMS requests with this SMS provider until the subscription is drained. */
export function serveLoginSms(nc: NatsConnection, registry: RegistryIndex, sms: Provider, metrics: NotifierMetrics, log: Logger): Subscription {
  return nc.subscribe(LOGIN_SMS_SUBJECT, { queue: LOGIN_SMS_QUEUE, callback: (err, msg) => {
    if (err !== null) { log.warn({ err: err.message }, 'login SMS subscription failed'); return; }
    void sendLoginCode(registry, sms, msg.data).then((answer) => {
      metrics.loginSms.inc({ outcome: answer.ok ? 'sent' : 'failed' });
      if (!answer.ok) log.warn({ reason: answer.reason }, 'login SMS not sent');
      msg.respond(JSON.stringify(answer));
    }, (e: unknown) => {
      metrics.loginSms.inc({ outcome: 'failed' });
      log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'login SMS failed');
      msg.respond(JSON.stringify({ ok: false, reason: 'INTERNAL' }));
    });
  } });
}
