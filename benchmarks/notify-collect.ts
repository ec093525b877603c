// What the notifier benchmark (notify.ts) measures with: the registry of parents it generates, the
// local providers (real SMTP, Web Push over TLS, SMPP) in the benchmark's own process with a
// collector that takes every message they accept with its arrival time, the tie of each message
// to its tap through the ledger, and CPU and memory samples of the processes taking part.
import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { tapgate } from '../core/proto.js';
import { noticeKey } from '../consumers/notifier/plan.js';
import { LEDGER_STREAM } from '../lib/index.js';
import { startMailCatcher, type MailCatcher } from '../local/mail-catcher.js';
import { startPushService, type PushService } from '../local/push-service.js';
import { startSmsc, type Smsc } from '../local/smsc.js';
import type { DemoRegistry } from '../simulator/demo-registry.js';

export const CHANNELS = ['email', 'push', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
/** How often the collector takes what the providers received, in ms (well under their buffers). */
const COLLECT_INTERVAL_MS = 100;
/** Letters the mail catcher keeps between two collections (it drops the oldest beyond). */
const MAIL_KEPT_MAX = 100_000;
/** At most 8 characters (SMPP 3.4); the notifier refuses a longer one. */
export const SMPP_PASSWORD = 'benchsms';

export interface Providers { readonly mail: MailCatcher; readonly push: PushService; readonly smsc: Smsc; close(): Promise<void> }

export async function startProviders(): Promise<Providers> {
  const mail = await startMailCatcher({ messagesMax: MAIL_KEPT_MAX });
  const push = await startPushService({});
  const smsc = await startSmsc({ systemId: 'tapgate', password: SMPP_PASSWORD });
  return { mail, push, smsc, close: async () => { await Promise.allSettled([mail.close(), push.close(), smsc.close()]); } };
}

/** The one channel of a pupil's parent: pupils are split evenly over e-mail, push and SMS. */
export const channelOfPupil = (i: number): Channel => CHANNELS[i % CHANNELS.length]!;
export const guardianOf = (personId: string) => `g-${personId}`;

/**
 * One parent per pupil, subscribed to entries and exits on one channel (channelOfPupil), with a
 * browser subscribed at the push service when that channel is push. Returns the phone and
 * e-mail of each parent by guardian id, to tie SMS to pupils.
 */
export function addParents(reg: DemoRegistry & { push_subscriptions?: Record<string, unknown>[] }, push: PushService): Map<string, string> {
  const subs: Record<string, unknown>[] = [];
  const phoneToGuardian = new Map<string, string>();
  const pupils = reg.persons.filter((p) => p['kind'] === 'pupil');
  pupils.forEach((p, i) => {
    const personId = String(p['id']);
    const guardianId = guardianOf(personId);
    const channel = channelOfPupil(i);
    const phone = `+79${String(100_000_000 + i)}`;
    phoneToGuardian.set(phone.slice(1), guardianId);
    reg.guardians.push({ id: guardianId, phone, surname: 'Родителева', givenName: 'Анна', email: `parent-${personId}@bench.tapgate.local` });
    reg.guardianships.push({ id: `${guardianId}.${personId}`, guardianId, personId, relation: 'parent' });
    reg.preferences.push({ id: `${guardianId}.${personId}`, guardianId, personId, subscriptions: [{ event: 'entry_exit', channels: [channel] }],
      lowBalanceThresholdKop: null });
    if (channel === 'push') {
      const s = push.subscribe();
      subs.push({ id: `ps-${personId}`, guardianId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, createdAtMs: Date.now() });
    }
  });
  reg.push_subscriptions = subs;
  return phoneToGuardian;
}

/** One message a provider accepted: the notice key (e-mail header, push payload) or the SMS recipient's guardian. */
export interface Received { readonly channel: Channel; readonly atMs: number; readonly key: string | null; readonly guardianId: string | null }

/** Takes what the providers received every COLLECT_INTERVAL_MS, so their own buffers never drop any. */
export class Collector {
  readonly got: Received[] = [];
  private pushSeen = 0;
  private readonly smsSeen = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly p: Providers, private readonly phoneToGuardian: ReadonlyMap<string, string>) {
    this.timer = setInterval(() => this.collect(), COLLECT_INTERVAL_MS);
  }

  collect(): void {
    const mails = this.p.mail.messages();
    this.p.mail.clear();
    for (const m of mails) this.got.push({ channel: 'email', atMs: m.receivedAtMs, key: m.headers['x-tapgate-key'] ?? null, guardianId: null });
    const pushes = this.p.push.received();
    for (let i = this.pushSeen; i < pushes.length; i++) {
      const d = pushes[i]!;
      this.got.push({ channel: 'push', atMs: d.receivedAtMs, key: (JSON.parse(d.payload) as { key?: string }).key ?? null, guardianId: null });
    }
    this.pushSeen = pushes.length;
    for (const s of this.p.smsc.received()) {
      if (this.smsSeen.has(s.messageId)) continue;
      this.smsSeen.add(s.messageId);
      this.got.push({ channel: 'sms', atMs: s.receivedAtMs, key: null, guardianId: this.phoneToGuardian.get(s.destination.replace(/^\+/, '')) ?? null });
    }
  }

  stop(): void { clearInterval(this.timer); this.collect(); }
}

/** An allowed entry in the ledger: when the gateway decided it, and the notice key of its parent's one channel. */
export interface LedgerEntry { readonly decidedAtMs: number; readonly key: string; readonly guardianId: string; readonly channel: Channel }

/** Reads the whole LEDGER stream: every allowed turnstile entry of a pupil, in ledger order. */
export async function readEntries(nc: NatsConnection, channelOf: ReadonlyMap<string, Channel>): Promise<LedgerEntry[]> {
  const js = jetstream(nc);
  const info = await (await jetstreamManager(nc)).streams.info(LEDGER_STREAM);
  const out: LedgerEntry[] = [];
  if (info.state.messages === 0) return out;
  const consumer = await js.consumers.get(LEDGER_STREAM, { deliver_policy: DeliverPolicy.All });
  const iter = await consumer.consume({ max_messages: 512 });
  for await (const m of iter) {
    for (const e of tapgate.events.v1.LedgerBatch.decode(m.data).passes) {
      const personId = e.personId ?? '';
      const channel = channelOf.get(personId);
      if (channel === undefined || e.verdict !== 1 || e.direction !== 1) continue;
      const guardianId = guardianOf(personId);
      const key = noticeKey(`p:${e.deviceId ?? ''}:${Number(e.seq)}:${personId}`, guardianId, channel, 'entry');
      out.push({ decidedAtMs: Number(e.decidedAtMs), key, guardianId, channel });
    }
    if (m.seq >= info.state.last_seq) break;
  }
  await iter.close();
  return out;
}

/** A received message tied to its tap: e-mail and push by notice key, SMS as the n-th message to the n-th entry of that parent's child. */
export interface Matched { readonly channel: Channel; readonly decidedAtMs: number; readonly atMs: number }

export function match(entries: readonly LedgerEntry[], got: readonly Received[]): { matched: Matched[]; unmatched: number } {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const smsQueue = new Map<string, LedgerEntry[]>();
  for (const e of entries) if (e.channel === 'sms') smsQueue.set(e.guardianId, [...(smsQueue.get(e.guardianId) ?? []), e]);
  const matched: Matched[] = [];
  let unmatched = 0;
  for (const r of [...got].sort((a, b) => a.atMs - b.atMs)) {
    const e = r.key !== null ? byKey.get(r.key) : r.guardianId !== null ? smsQueue.get(r.guardianId)?.shift() : undefined;
    if (e === undefined) { unmatched++; continue; }
    matched.push({ channel: r.channel, decidedAtMs: e.decidedAtMs, atMs: r.atMs });
  }
  return { matched, unmatched };
}

/** CPU seconds (user + system) a process has used so far, from /proc; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch { return NaN; }
}

/** Resident memory of a process, in MiB, from /proc (VmRSS); NaN once it is gone. */
export function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Math.round(Number(kb) / 1024);
  } catch { return NaN; }
}

/** Busy and total CPU ticks of the whole machine, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

export function percentiles(xs: number[]): { n: number; p50: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!);
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}
