// What the notifier tests share: parents for the gateway fixture's pupils (a guardian each, with
// an e-mail address, a phone, preferences and a browser subscribed to Web Push), the local
// providers (the real SMTP mail catcher, the TLS push service, the SMSC) started in the test
// process so the test can count what each received, and the notifier process itself.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMailCatcher, type MailCatcher } from '../../local/mail-catcher.js';
import { startPushService, type PushService } from '../../local/push-service.js';
import { startSmsc, type Smsc } from '../../local/smsc.js';
import type { TestPerson } from './gateway-fixtures.js';
import { spawnNode, type ProcessHandle, type Stack } from './stack.js';

export interface Providers {
  readonly mail: MailCatcher;
  readonly push: PushService;
  readonly smsc: Smsc;
  readonly caFile: string;
  readonly smppPasswordFile: string;
  stop(): Promise<void>;
}

export async function startProviders(dir: string): Promise<Providers> {
  const mail = await startMailCatcher({});
  const push = await startPushService({});
  const smsc = await startSmsc({ systemId: 'tapgate', password: 'secret1' });
  const caFile = join(dir, 'push-ca.pem');
  writeFileSync(caFile, push.caPem);
  const smppPasswordFile = join(dir, 'smpp.password');
  writeFileSync(smppPasswordFile, 'secret1\n', { mode: 0o600 });
  return { mail, push, smsc, caFile, smppPasswordFile,
    stop: async () => { await Promise.allSettled([mail.close(), push.close(), smsc.close()]); } };
}

export interface Parent { readonly guardianId: string; readonly email: string; readonly phone: string; readonly endpoint: string; readonly child: TestPerson }

/**
 * A parent per pupil, subscribed to `events` on `channels`, with one browser subscribed to Web
 * Push at the push service. Returns the registry document and the parents.
 */
export function parentsOf(pupils: readonly TestPerson[], push: PushService,
  opts: { events?: readonly string[]; channels?: readonly string[]; quietHours?: { from: string; to: string }; lowBalanceThresholdKop?: number } = {}):
  { doc: Record<string, unknown[]>; parents: Parent[] } {
  const doc = { guardians: [] as unknown[], guardianships: [] as unknown[], preferences: [] as unknown[], push_subscriptions: [] as unknown[] };
  const parents: Parent[] = [];
  pupils.forEach((child, i) => {
    const guardianId = `g-${child.id}`;
    const email = `parent-${i + 1}@example.ru`;
    const phone = `+7916${String(1000000 + i).padStart(7, '0')}`;
    const sub = push.subscribe();
    doc.guardians.push({ id: guardianId, phone, surname: 'Родителева', givenName: 'Анна', email });
    doc.guardianships.push({ id: `${guardianId}.${child.id}`, guardianId, personId: child.id, relation: 'parent' });
    doc.preferences.push({ id: `${guardianId}.${child.id}`, guardianId, personId: child.id,
      subscriptions: (opts.events ?? ['entry_exit']).map((event) => ({ event, channels: opts.channels ?? ['email', 'push', 'sms'] })),
      lowBalanceThresholdKop: opts.lowBalanceThresholdKop ?? null, ...(opts.quietHours !== undefined ? { quietHours: opts.quietHours } : {}) });
    doc.push_subscriptions.push({ id: `ps-${child.id}`, guardianId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth,
      createdAtMs: Date.now() });
    parents.push({ guardianId, email, phone, endpoint: sub.endpoint, child });
  });
  return { doc, parents };
}

export interface NotifierProcess extends ProcessHandle { readonly opsUrl: string; readonly memberId: string }

/** Starts dist/consumers/notifier/main.js against the stack and the providers; resolves once it runs. */
export async function startNotifier(stack: Stack, providers: Providers, env: Record<string, string> = {}): Promise<NotifierProcess> {
  const p = spawnNode('consumers/notifier/main.js', {
    ...stack.natsEnv('notifier'), TAPGATE_CLICKHOUSE_URL: stack.clickhouse?.url ?? 'http://127.0.0.1:9', TAPGATE_NOTIFY_OPS_PORT: '0',
    TAPGATE_SMTP_URL: `smtp://127.0.0.1:${providers.mail.smtpPort}`,
    TAPGATE_SMPP_URL: `smpp://tapgate@127.0.0.1:${providers.smsc.port}`, TAPGATE_SMPP_PASSWORD_FILE: providers.smppPasswordFile,
    TAPGATE_VAPID_FILE: join(stack.dir, 'vapid.json'), TAPGATE_PUSH_CA_FILE: providers.caFile, TAPGATE_LOG_LEVEL: 'info', ...env,
  });
  const line = await p.waitForLog((l) => l['msg'] === 'notifier running', 60_000);
  return { ...p, opsUrl: `http://127.0.0.1:${Number(line['opsPort'])}`, memberId: String(line['memberId']) };
}
