// Wires the API process together (ADR 0017). It is stateless: the registry comes from its KV
// bucket (watched), tokens from theirs, money and presence from the shards' owners over NATS
// (api/shard-client.ts); so any number of API processes may run behind a load balancer. Start
// order: ops port (not ready, with the phase) → NATS, waited for with backoff → registry →
// admin API. Ready while NATS is connected and the registry is loaded.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { RegistryIndex, TapgateError } from '../core/index.js';
import {
  connectionState, connectNatsAtStart, listenOps, loadUws, openRegistry, watchRegistry, type Logger, type RegistryWatch,
} from '../lib/index.js';
import type { ApiConfig } from './config.js';
import { startApi } from './index.js';
import { ShardClient } from './shard-client.js';

export interface ApiProcessHandle {
  readonly apiPort: number;
  readonly opsPort: number;
  /** Stops listening, stops the watches, drains NATS. */
  shutdown(): Promise<void>;
}

interface Live {
  phase: string | null;
  stopping: boolean;
  connected: (() => boolean) | null;
}

function notReadyReason(live: Live): string | null {
  if (live.stopping) return 'shutting down';
  if (live.phase !== null) return live.phase;
  if (live.connected?.() === false) return 'NATS unreachable';
  return null;
}

export async function startApiService(config: ApiConfig, log: Logger): Promise<ApiProcessHandle> {
  const uws = loadUws();
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'tapgate_api_' });
  const live: Live = { phase: 'connecting to NATS', stopping: false, connected: null };
  const ops = await listenOps(config.host, config.opsPort, {
    metrics, notReadyReason: () => notReadyReason(live),
    readiness: () => ({ nats: live.connected?.() ?? false, apiId: config.apiId }),
  });
  let watch: RegistryWatch | null = null;
  try {
    const { nc, value: kv } = await connectNatsAtStart({ url: config.natsUrl, name: `tapgate-api-${config.apiId}`, auth: config.natsAuth, log,
      stopping: () => live.stopping }, (c) => openRegistry(c));
    const state = connectionState(nc);
    live.connected = () => state.connected();
    live.phase = 'loading the registry';
    const registry = new RegistryIndex();
    watch = await watchRegistry(kv, registry, {
      // Only our own validation messages are logged: a JSON parse error quotes the value, which may hold a name.
      onInvalid: (key, err) => log.warn({ key, err: err instanceof TapgateError ? err.message : 'not valid JSON' }, 'registry value skipped'),
    });
    await watch.ready;
    log.info({ schools: registry.schools.size, persons: registry.persons.size, shards: registry.shardIds().length }, 'registry loaded');
    const shards = new ShardClient(nc, registry, metrics, log);
    const api = await startApi({ uws, nc, js: jetstream(nc), jsm: await jetstreamManager(nc), kv, registry, watch, shards, config, log, metrics });
    live.phase = null;
    log.info({ apiPort: api.port, opsPort: ops.port, apiId: config.apiId }, 'api listening');
    const w = watch;
    return {
      apiPort: api.port, opsPort: ops.port,
      shutdown: async () => {
        if (live.stopping) return;
        live.stopping = true;
        api.close();
        await ops.close();
        w.stop();
        await api.stop();
        await nc.drain();
      },
    };
  } catch (err) {
    watch?.stop();
    await ops.close();
    throw err;
  }
}
