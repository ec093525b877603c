// The gateway's NATS connection at start: waits for the server with capped exponential backoff
// instead of exiting (a broker that is down or paused when the gateway starts is a reason to
// wait, not to crash-loop), then creates the streams and buckets it needs. /readyz says
// "connecting to NATS" meanwhile.
import { jetstream, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { AuthorizationError, UserAuthenticationExpiredError, type NatsConnection } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import { connectionState, connectNats, natsSetup, type Logger } from '../lib/index.js';
import type { GatewayConfig } from './config.js';

/** First and longest pause between attempts to reach NATS at start, in ms. */
export const NATS_START_RETRY_FIRST_MS = 250;
export const NATS_START_RETRY_MAX_MS = 5000;

export interface GatewayNats {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kv: KV;
  /** False between a disconnect and the reconnect. */
  connected(): boolean;
}

async function attempt(config: GatewayConfig): Promise<GatewayNats> {
  const nc = await connectNats(config.natsUrl, `tapgate-gateway-${config.gatewayId}`, config.natsAuth);
  try {
    const { jsm, registry: kv } = await natsSetup(nc);
    const state = connectionState(nc);
    return { nc, js: jetstream(nc), jsm, kv, connected: () => state.connected() };
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw err;
  }
}

/** Connects and sets up JetStream, retrying with backoff until it works. */
export async function connectGatewayNats(config: GatewayConfig, log: Logger): Promise<GatewayNats> {
  let delay = NATS_START_RETRY_FIRST_MS;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(config);
    } catch (err) {
      // A refused login is configuration, not an outage: waiting cannot fix it.
      if (err instanceof AuthorizationError || err instanceof UserAuthenticationExpiredError) throw err;
      log.warn({ tries, retryInMs: delay, err: (err as Error).message }, 'NATS not reachable at start; waiting for it');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, NATS_START_RETRY_MAX_MS);
    }
  }
}
