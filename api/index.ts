// Starts the admin API in the API process (api/main.ts): the token bucket and its watch, the
// audit stream, the registry store, the history reader and the HTTP server. Money and presence
// are asked of the shards' owners through a ShardPort; nothing here imports the gateway.
import { readFileSync } from 'node:fs';
import type * as UWS from 'uWebSockets.js';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { Gauge, type Registry } from 'prom-client';
import type { RegistryIndex } from '../core/index.js';
import type { Logger, RegistryWatch } from '../lib/index.js';
import { AuditLog, ensureAuditStream } from './audit.js';
import type { ApiConfig } from './config.js';
import type { ApiContext } from './context.js';
import { HistoryReader } from './history.js';
import { LoginCodes, openLoginBucket } from './login.js';
import { openApiDocument } from './openapi.js';
import { vapidPublicKeyReader } from './vapid.js';
import { ROUTES } from './routes/index.js';
import { ApiServer } from './server.js';
import type { ShardPort } from './shard-client.js';
import { RegistryStore } from './store.js';
import { openPhotoBucket, PhotoStore } from './photos.js';
import { openSessionBucket, SessionStore } from './sessions.js';
import { openTokenBucket, TokenStore } from './tokens.js';
import { WebAssets } from './web-assets.js';
import { DeskHub, deskHubMetrics, jetStreamSource } from './desk-feed.js';
import { deskFeedRoute } from './desk-socket.js';

export { ROUTES, openApiDocument };
export { loadApiConfig, type ApiConfig } from './config.js';
export { ShardClient, type ShardPort, type ShardUnavailable } from './shard-client.js';

/** The package version, which the OpenAPI document carries. */
export function packageVersion(): string {
  // api/ in the sources, dist/api/ when built: the nearest package.json above is the project's.
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'tapgate') return pkg.version;
    } catch { /* not here */ }
  }
  return '0.0.0';
}

export interface ApiDeps {
  readonly uws: typeof UWS; readonly nc: NatsConnection; readonly js: JetStreamClient; readonly jsm: JetStreamManager; readonly kv: KV;
  readonly registry: RegistryIndex; readonly watch: RegistryWatch; readonly shards: ShardPort;
  readonly config: Pick<ApiConfig, 'host' | 'apiPort' | 'clickhouseUrl' | 'clickhouseDatabase' | 'clickhouseCluster' | 'cookieSecure' | 'webDir'
    | 'loginCodeTtlS' | 'vapidFile' | 'trustedProxies'>; readonly log: Logger; readonly metrics: Registry;
}

export async function startApi(d: ApiDeps): Promise<{ port: number; close(): void; stop(): Promise<void> }> {
  await ensureAuditStream(d.jsm);
  const tokens = new TokenStore(await openTokenBucket(d.nc));
  await tokens.start();
  const sessions = new SessionStore(await openSessionBucket(d.nc), d.config.cookieSecure, (id) => tokens.get(id)?.revoked === false);
  await sessions.start();
  const audit = new AuditLog(d.js, d.jsm);
  new Gauge({ name: 'tapgate_api_audit_failures', help: 'Admin API audit entries that could not be written since start (the changes stand)',
    registers: [d.metrics], collect() { this.set(audit.failures); } });
  const history = new HistoryReader(d.config.clickhouseUrl, d.config.clickhouseDatabase, d.config.clickhouseCluster);
  const ctx: ApiContext = {
    registry: d.registry, store: new RegistryStore(d.kv, d.registry, d.watch,
      () => d.log.error('a registry change was not seen back within 65 s; registry changes go on without it (check NATS and the registry watch)')), tokens, sessions, audit,
    money: d.shards,
    insidePersonIds: (schoolId) => d.shards.inside(schoolId),
    history, photos: new PhotoStore(await openPhotoBucket(d.nc)), vapidPublicKey: vapidPublicKeyReader(d.config.vapidFile), log: d.log,
    login: new LoginCodes({ kv: await openLoginBucket(d.nc), nc: d.nc, registry: d.registry, metrics: d.metrics, log: d.log,
      codeTtlMs: d.config.loginCodeTtlS * 1000 }),
  };
  const openapi = JSON.stringify(openApiDocument(ROUTES, packageVersion()), null, 2);
  const web = new WebAssets(d.config.webDir);
  if (web.size === 0) d.log.warn({ webDir: d.config.webDir }, 'no console files found; the web console is not served (npm run build)');
  new Gauge({ name: 'tapgate_api_sessions', help: 'Console sessions this API process knows of', registers: [d.metrics], collect() { this.set(sessions.size); } });
  const hub = new DeskHub(d.registry, jetStreamSource(d.js, d.jsm, d.metrics, d.log), deskHubMetrics(d.metrics), d.log);
  const desk = deskFeedRoute({ hub, registry: d.registry, sessions, log: d.log });
  const server = new ApiServer(d.uws, ROUTES, [{ path: '/openapi.json', contentType: 'application/json', body: () => openapi }], ctx, tokens, sessions,
    d.log, d.metrics, web, [desk.route], d.config.trustedProxies);
  const port = await server.listen(d.config.host, d.config.apiPort);
  return {
    port,
    close: () => { desk.stop(); server.close(); },
    stop: async () => { tokens.stop(); sessions.stop(); await hub.stop(); await history.close(); },
  };
}
