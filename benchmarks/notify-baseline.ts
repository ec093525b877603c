// The baseline of the notify benchmark: the same provider implementations the notifier uses
// (consumers/notifier/channels/), driven straight from the benchmark process against the same
// local servers, with as many sends in flight as the notifier allows per channel and partition.
// It measures what the providers and the local servers can take on this machine, apart from the
// notifier's planning, journal and outbox: the ceiling any notifier figure must be read against.
import { performance } from 'node:perf_hooks';
import { createEmailProvider } from '../consumers/notifier/channels/email.js';
import type { OutgoingMessage, Provider } from '../consumers/notifier/channels/provider.js';
import { createPushProvider, generateVapidKeys } from '../consumers/notifier/channels/push.js';
import { createSmppProvider } from '../consumers/notifier/channels/sms.js';
import { SMPP_PASSWORD, type Channel, type Providers } from './notify-collect.js';

export interface ChannelBaseline { readonly n: number; readonly accepted: number; readonly msgsPerS: number; readonly p50Ms: number; readonly p99Ms: number }

/** A typical notice: Cyrillic, about the length of an entry notice (one SMS segment). */
const TEXT = 'Маша вошла в школу № 1001 в 08:12. Остаток 312 ₽';

const pct = (sorted: readonly number[], q: number) => sorted.length === 0 ? NaN
  : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;

async function drive(provider: Provider, make: (i: number) => OutgoingMessage, n: number, inFlight: number): Promise<ChannelBaseline> {
  const lat: number[] = [];
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      const out = await provider.send(make(i));
      lat.push(performance.now() - t0);
      if (out.kind === 'accepted') accepted++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { n, accepted, msgsPerS: Math.round(accepted / seconds), p50Ms: pct(lat, 0.5), p99Ms: pct(lat, 0.99) };
}

/** Sends `n` messages per channel through each provider, `inFlight` at a time; returns each channel's figures. */
export async function providersBaseline(p: Providers, n: number, inFlight: number): Promise<Record<Channel, ChannelBaseline>> {
  const key = (i: number) => `b${String(i).padStart(31, '0')}`;
  const email = createEmailProvider({ host: '127.0.0.1', port: p.mail.smtpPort, from: 'tapgate <noreply@tapgate.local>', auth: null,
    connectionsMax: 8, sendTimeoutMs: 30_000 });
  const emailFig = await drive(email, (i) => ({ key: key(i), channel: 'email', to: `baseline-${i}@bench.tapgate.local`,
    subject: TEXT, text: TEXT, html: `<p>${TEXT}</p>` }), n, inFlight);
  await email.close(5000);
  const sub = p.push.subscribe();
  const push = createPushProvider({ vapid: { subject: 'mailto:ops@tapgate.local', ...generateVapidKeys() }, ca: Buffer.from(p.push.caPem),
    connectionsMax: 64, sendTimeoutMs: 30_000 });
  const pushFig = await drive(push, (i) => ({ key: key(i), channel: 'push', to: sub, subject: 'tapgate', text: TEXT,
    push: { ttlSeconds: 3600, urgency: 'normal', topic: key(i) } }), n, inFlight);
  await push.close(5000);
  const sms = createSmppProvider({ host: '127.0.0.1', port: p.smsc.port, systemId: 'tapgate', password: SMPP_PASSWORD, sourceAddr: 'tapgate',
    sendTimeoutMs: 30_000, windowMax: 64, reconnectMinMs: 200, reconnectMaxMs: 5000 });
  const smsFig = await drive(sms, (i) => ({ key: key(i), channel: 'sms', to: `+7916${String(5_000_000 + i)}`, subject: '', text: TEXT }),
    n, inFlight);
  await sms.close(5000);
  return { email: emailFig, push: pushFig, sms: smsFig };
}
