// One send of one notice: the only place where the notifier reads personal data. At send time
// it resolves the child's name, the school, the adult of a hand-over and the product names from
// the registry, the recipient's address (e-mail), phone (SMS) or browsers (Web Push), renders the
// template of the notice's type and channel, and calls the channel's provider. What it returns
// (an Outcome) holds codes only. A push subscription the push service calls gone (404/410) is
// removed from the registry.
import type { Guardian, Person, RegistryIndex } from '../../core/index.js';
import type { NotifyParams, NotifyType } from '../../core/notify-text.js';
import type { Provider, SendOutcome } from './channels/provider.js';
import type { DigestReader } from './digest.js';
import type { Notice, Outcome } from './partition.js';
import type { TemplateSet } from './templates.js';

/** Push messages live this long at the push service when the browser is offline, in s (entries: a day). */
export const PUSH_TTL_SECONDS = 86_400;
/** A digest whose ledger cut the sink has not stored yet is tried again after this long, in ms. */
export const DIGEST_WAIT_MS = 15_000;
/** Kinds of notice a push service is asked to deliver at once. */
const URGENT: ReadonlySet<string> = new Set(['pickup_refused', 'dropoff_refused', 'low_balance']);

export interface SenderHooks {
  /** The push service said the subscription is gone: remove it from the registry. */
  removePushSubscription(id: string): Promise<void>;
  /** Reading a digest's figures failed (ClickHouse away or a query error): it is tried again. */
  digestFailed(err: unknown): void;
  /** A provider accepted the notice (for receipts and latency). */
  accepted(notice: Notice, providerId: string): void;
}

/** 'm' or 'f' from a Russian patronymic (…вич / …вна), '' when it does not tell. */
export function sexOf(p: { readonly patronymic: string }): 'm' | 'f' | '' {
  const pat = p.patronymic.toLowerCase();
  if (/(вич|ич|оглы|улы)$/.test(pat)) return 'm';
  if (/(вна|чна|шна|кызы|гызы)$/.test(pat)) return 'f';
  return '';
}

/** An adult's surname and given name (the templates shorten it: «Петрова А.»). */
function adultName(g: Guardian): string {
  return g.givenName === '' ? g.surname : `${g.surname} ${g.givenName}`;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

export class Sender {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly templates: TemplateSet,
    private readonly providers: Partial<Record<Notice['channel'], Provider>>,
    private readonly hooks: SenderHooks,
    private readonly digests: DigestReader | null = null,
  ) {}

  /** The parameters of a notice's template, names resolved now. */
  params(n: Notice, person: Person): NotifyParams {
    const school = this.registry.schools.get(n.schoolId);
    const p = n.params;
    const items = Array.isArray(p['items'])
      ? (p['items'] as ReadonlyArray<Readonly<Record<string, string | number>>>).map((i) => ({
        name: this.registry.products.get(String(i['productId']))?.name ?? 'товар', qty: num(i['quantity']) || 1 }))
      : [];
    const escort = typeof p['escortGuardianId'] === 'string' ? this.registry.guardians.get(p['escortGuardianId']) : undefined;
    return {
      child: person.givenName !== '' ? person.givenName : person.displayName, sex: sexOf(person),
      kind: school?.kind ?? 'school', school: school?.name ?? '', at: n.eventTimeMs, late: n.late,
      items, amount: num(p['amountKop']), balance: num(p['balanceAfterKop']), threshold: num(p['thresholdKop']),
      period: typeof p['mealPeriod'] === 'string' && p['mealPeriod'] !== '' ? p['mealPeriod'] : 'lunch',
      adult: escort === undefined ? '' : adultName(escort), adultSex: '',
      relation: typeof p['escortRelation'] === 'string' ? p['escortRelation'] : 'parent',
    };
  }

  /** One attempt; never throws for a provider failure. */
  async send(n: Notice): Promise<Outcome> {
    const now = () => Date.now();
    const provider = this.providers[n.channel];
    if (provider === undefined) return { key: n.key, status: 'skipped', atMs: now(), code: 'NO_PROVIDER' };
    const guardian = this.registry.guardians.get(n.guardianId);
    const person = this.registry.persons.get(n.personId);
    if (guardian === undefined || person === undefined) return { key: n.key, status: 'skipped', atMs: now(), code: 'NO_RECIPIENT' };
    const zone = this.registry.schools.get(n.schoolId)?.timeZone ?? 'Europe/Moscow';
    let params = this.params(n, person);
    if (n.type === 'daily_digest' || n.type === 'weekly_digest') {
      const digest = this.digests === null ? null
        : await this.digests.params(n, (id) => this.registry.products.get(id)?.name ?? 'товар', zone).catch((err: unknown) => {
          this.hooks.digestFailed(err);
          return null;
        });
      if (digest === null) return { key: n.key, status: 'retry', atMs: now(), code: 'DIGEST_WAITING_FOR_SINK', nextAtMs: now() + DIGEST_WAIT_MS };
      params = { ...params, ...digest };
    }
    const content = this.templates.render(n.type as NotifyType, n.channel, params, { timeZone: zone });
    if (n.channel === 'push') return this.sendPush(n, guardian, provider, content);
    const to = n.channel === 'email' ? guardian.email : guardian.phone;
    if (to === '') return { key: n.key, status: 'skipped', atMs: now(), code: 'NO_EMAIL' };
    const result = await provider.send({ key: n.key, channel: n.channel, to, subject: content.subject, text: content.text,
      ...(content.html !== undefined ? { html: content.html } : {}) });
    return this.outcome(n, result);
  }

  private async sendPush(n: Notice, g: Guardian, provider: Provider, content: { subject: string; text: string }): Promise<Outcome> {
    const subs = this.registry.pushSubscriptionsOfGuardianId(g.id);
    if (subs.length === 0) return { key: n.key, status: 'skipped', atMs: Date.now(), code: 'NO_PUSH_SUBSCRIPTION' };
    // One notice per recipient and channel: every browser of the recipient gets it in this one attempt.
    const results = await Promise.all(subs.map((s) => provider.send({ key: n.key, channel: 'push',
      to: { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, subject: content.subject, text: content.text,
      push: { ttlSeconds: PUSH_TTL_SECONDS, urgency: URGENT.has(n.type) ? 'high' : 'normal', topic: n.key.slice(0, 32) } })));
    await Promise.all(results.map((r, i) => r.kind === 'gone' ? this.hooks.removePushSubscription(subs[i]!.id).catch(() => undefined) : undefined));
    const accepted = results.find((r) => r.kind === 'accepted');
    if (accepted !== undefined) return this.outcome(n, accepted);
    return this.outcome(n, results.find((r) => r.kind === 'retry') ?? results.find((r) => r.kind === 'rejected') ?? results[0]!);
  }

  private outcome(n: Notice, r: SendOutcome): Outcome {
    const atMs = Date.now();
    switch (r.kind) {
      case 'accepted':
        this.hooks.accepted(n, r.providerId);
        return { key: n.key, status: 'sent', atMs, providerId: r.providerId };
      case 'retry': return { key: n.key, status: 'retry', atMs, code: r.code, ...(r.retryAfterMs !== undefined ? { nextAtMs: atMs + r.retryAfterMs } : {}) };
      case 'rejected': return { key: n.key, status: 'failed', atMs, code: r.code };
      case 'gone': return { key: n.key, status: 'gone', atMs, code: r.code };
    }
  }
}
