// The gateway's NATS connection at start: waits for the server with capped exponential backoff
// (lib/nats-start.ts, shared with the API process) instead of exiting, then creates the streams
// and buckets it needs. /readyz says "connecting to NATS" meanwhile.
import { jetstream, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import { connectionState, connectNatsAtStart, natsSetup, type Logger } from '../lib/index.js';
import type { GatewayConfig } from './config.js';

export { NATS_START_RETRY_FIRST_MS, NATS_START_RETRY_MAX_MS } from '../lib/index.js';

export interface GatewayNats {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kv: KV;
  /** False between a disconnect and the reconnect. */
  connected(): boolean;
}

/** Connects and sets up JetStream, retrying with backoff until it works. */
export async function connectGatewayNats(config: GatewayConfig, log: Logger): Promise<GatewayNats> {
  const { nc, value } = await connectNatsAtStart({ url: config.natsUrl, name: `tapgate-gateway-${config.gatewayId}`, auth: config.natsAuth, log },
    async (c) => natsSetup(c));
  const state = connectionState(nc);
  return { nc, js: jetstream(nc), jsm: value.jsm, kv: value.registry, connected: () => state.connected() };
}
