// Wires the notifier together: NATS (ledger, journal, registry, leases), the registry copy, the
// providers of each configured channel, the templates, the delivery log in ClickHouse, the ops
// port, then the partitions this process takes. Start order: the registry copy is complete and
// the templates are valid before the first partition is taken.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { RegistryIndex, TapgateError } from '../../core/index.js';
import {
  connectionState, connectNats, ensureLedgerStream, listenOps, openRegistry, watchRegistry, type Logger,
} from '../../lib/index.js';
import { createEmailProvider } from './channels/email.js';
import type { Provider } from './channels/provider.js';
import { createPushProvider, loadOrCreateVapidKeys } from './channels/push.js';
import { createSmppProvider } from './channels/sms.js';
import type { NotifierConfig } from './config.js';
import { DeliveryLog } from './delivery-log.js';
import { serveLoginSms } from './login-sms.js';
import { DigestReader } from './digest.js';
import { ensureNotifyStream } from './journal.js';
import { createNotifierMetrics } from './metrics.js';
import { NotifierCore } from './notifier.js';
import { Ownership } from './ownership.js';
import type { Notice } from './partition.js';
import { Sender } from './sender.js';
import { loadTemplates, templateDir } from './templates.js';

/** Most provider ids remembered to match SMS delivery receipts to notices. */
export const RECEIPT_MEMORY_MAX = 200_000;
/** Most parked notices listed on the ops port's /dead-letter (the newest). */
export const DEAD_LETTER_LIST_MAX = 1000;

export interface NotifierHandle {
  readonly opsPort: number;
  readonly memberId: string;
  owned(): number[];
  shutdown(): Promise<void>;
}

export interface ParkedNotice {
  readonly key: string; readonly type: string; readonly channel: string; readonly guardianId: string; readonly personId: string;
  readonly status: string; readonly code: string; readonly atMs: number;
}

async function makeProviders(config: NotifierConfig, log: Logger): Promise<Partial<Record<Notice['channel'], Provider>>> {
  const providers: Partial<Record<Notice['channel'], Provider>> = {};
  if (config.smtpUrl !== '') {
    const u = new URL(config.smtpUrl);
    providers.email = createEmailProvider({ host: u.hostname, port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)),
      secure: u.protocol === 'smtps:', from: config.mailFrom,
      auth: u.username === '' ? null : { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
      connectionsMax: 8, sendTimeoutMs: config.sendTimeoutMs });
  }
  if (config.vapidFile !== '') {
    const vapid = await loadOrCreateVapidKeys(config.vapidFile, config.vapidSubject);
    providers.push = createPushProvider({ vapid, ca: config.pushCaFile === '' ? null : readFileSync(config.pushCaFile),
      connectionsMax: 64, sendTimeoutMs: config.sendTimeoutMs });
  }
  if (config.smppUrl !== '') {
    const u = new URL(config.smppUrl);
    const password = config.smppPasswordFile === '' ? '' : readFileSync(config.smppPasswordFile, 'utf8').trim();
    // SMPP 3.4 allows at most 8 characters; a longer one would only fail every bind.
    if (password.length > 8) throw new TapgateError('CONFIG_INVALID', 'TAPGATE_SMPP_PASSWORD_FILE: an SMPP password has at most 8 characters');
    providers.sms = createSmppProvider({ host: u.hostname, port: Number(u.port || 2775), systemId: decodeURIComponent(u.username),
      password, sourceAddr: config.smsSource,
      sendTimeoutMs: config.sendTimeoutMs, windowMax: 64, reconnectMinMs: 200, reconnectMaxMs: 10_000 });
  }
  log.info({ channels: Object.keys(providers) }, 'notifier channels');
  return providers;
}

export async function startNotifier(config: NotifierConfig, log: Logger): Promise<NotifierHandle> {
  const memberId = `n-${randomBytes(6).toString('hex')}`;
  const metrics = createNotifierMetrics();
  const templates = loadTemplates({ builtIn: templateDir(), override: config.templatesDir === '' ? null : config.templatesDir });
  const nc = await connectNats(config.natsUrl, 'tapgate-notifier', config.natsAuth);
  const nats = connectionState(nc);
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await ensureLedgerStream(jsm);
  await ensureNotifyStream(jsm);
  const kv = await openRegistry(nc);
  const registry = new RegistryIndex();
  const watch = await watchRegistry(kv, registry, { onInvalid: (key) => log.warn({ key }, 'invalid registry value skipped') });
  await watch.ready;
  const ch = createClient({ url: config.clickhouseUrl, application: 'tapgate-notifier', log: { level: ClickHouseLogLevel.OFF } });
  const deliveryLog = new DeliveryLog(ch, config.database, metrics, log);
  deliveryLog.start();

  const providers = await makeProviders(config, log);
  const receipts = new Map<string, Notice>();
  const parked: ParkedNotice[] = [];
  const digests = new DigestReader(ch, config.database);
  const sender = new Sender(registry, templates, providers, {
    removePushSubscription: async (id) => { await kv.delete(`push_subscription.${id}`); },
    digestFailed: (err) => log.warn({ err: String((err as Error)?.message ?? err).slice(0, 300) }, 'digest figures could not be read; tried again'),
    accepted: (n, providerId) => {
      metrics.eventToAcceptedSeconds.observe({ channel: n.channel }, Math.max(0, Date.now() - n.eventTimeMs) / 1000);
      if (n.channel !== 'sms') return;
      receipts.set(providerId, n);
      if (receipts.size > RECEIPT_MEMORY_MAX) receipts.delete(receipts.keys().next().value!);
    },
  }, digests);
  providers.sms?.onReceipt?.((r) => {
    const n = receipts.get(r.providerId);
    metrics.delivered.inc({ result: r.delivered ? 'delivered' : 'undelivered' });
    if (n === undefined) return;
    receipts.delete(r.providerId);
    deliveryLog.record(n, r.delivered ? 'delivered' : 'undelivered', r.state, r.atMs);
  });

  // Sign-in codes go out at once, beside the partitions' notices: a parent waits at the login page.
  const loginSms = providers.sms === undefined ? null : serveLoginSms(nc, registry, providers.sms, metrics, log);

  let ownership: Ownership | null = null;
  const send = async (n: Notice) => {
    const o = await sender.send(n);
    if (o.status === 'retry') metrics.retries.inc({ channel: n.channel });
    return o;
  };
  const core = new NotifierCore(js, jsm, registry, send, {
    memberId, digestHour: config.digestHour, partitions: config.partitions, inFlightPerChannel: config.inFlightPerChannel, shutdownGraceMs: config.shutdownGraceMs,
  }, {
    onFinished: (_p, finished, planned) => {
      for (const n of planned) deliveryLog.record(n, 'queued', '', n.plannedAtMs);
      for (const { entry, outcome } of finished) {
        const n = entry.notice;
        metrics.finished.inc({ type: n.type, channel: n.channel, status: outcome.status });
        deliveryLog.record(n, outcome.status === 'retry' ? 'queued' : outcome.status, outcome.code ?? '', outcome.atMs);
        if (outcome.status === 'failed' || outcome.status === 'uncertain') {
          metrics.deadLetter.inc();
          log.warn({ key: n.key, type: n.type, channel: n.channel, status: outcome.status, code: outcome.code }, 'notice parked');
          parked.push({ key: n.key, type: n.type, channel: n.channel, guardianId: n.guardianId, personId: n.personId,
            status: outcome.status, code: outcome.code ?? '', atMs: outcome.atMs });
          if (parked.length > DEAD_LETTER_LIST_MAX) parked.shift();
        }
      }
      let open = 0;
      for (const w of core.workers.values()) open += w.state.open.size;
      metrics.open.set(open);
    },
  }, metrics, log, (p) => ownership?.forget(p));

  ownership = new Ownership(nc, memberId, config.partitions, {
    gained: (p) => core.gain(p),
    released: (p) => core.release(p),
    lost: (p) => core.abandon(p),
  }, log);
  let stopping = false;
  const ops = await listenOps(config.host, config.opsPort, {
    metrics: metrics.registry,
    notReadyReason: () => stopping ? 'shutting down' : !nats.connected() ? 'NATS unreachable' : null,
    readiness: () => ({ nats: nats.connected(), memberId, partitions: ownership?.owned ?? [], readSeq: core.readSeq,
      deliveryLogFailing: deliveryLog.failing }),
    pages: { '/dead-letter': () => ({ parked: parked.slice(-DEAD_LETTER_LIST_MAX) }) },
  });
  await ownership.start();
  metrics.partitionsOwned.set(ownership.owned.length);
  const gauge = setInterval(() => metrics.partitionsOwned.set(ownership?.owned.length ?? 0), 1000);
  gauge.unref();
  const planDigests = () => core.planDigests(Date.now()).catch((err: unknown) => log.warn({ err: String(err) }, 'digest planning failed; next minute'));
  const digestTimer = setInterval(() => void planDigests(), config.digestCheckMs);
  digestTimer.unref();
  setTimeout(() => void planDigests(), 2000).unref();
  log.info({ memberId, opsPort: ops.port, partitions: config.partitions, owned: ownership.owned }, 'notifier running');

  return {
    opsPort: ops.port,
    memberId,
    owned: () => ownership?.owned ?? [],
    shutdown: async () => {
      if (stopping) return;
      stopping = true;
      clearInterval(gauge);
      clearInterval(digestTimer);
      await loginSms?.drain().catch(() => undefined);
      await ownership?.stop();
      await core.stop();
      watch.stop();
      await Promise.all(Object.values(providers).map((p) => p.close(2000).catch(() => undefined)));
      await deliveryLog.stop();
      await nc.drain().catch(() => undefined);
      await ch.close();
      await ops.close();
    },
  };
}
