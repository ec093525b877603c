// Connecting to NATS at a process's start without crash-looping: a broker that is down or paused
// when a process starts is a reason to wait, not to exit. Attempts come with capped exponential
// backoff until one works (connection and the process's own setup: streams, buckets); a refused
// login is configuration and fails at once. The gateway and the API process use it.
import { AuthorizationError, UserAuthenticationExpiredError, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from './logger.js';
import { connectNats, type NatsAuth } from './nats.js';

/** First and longest pause between attempts to reach NATS at start, in ms. */
export const NATS_START_RETRY_FIRST_MS = 250;
export const NATS_START_RETRY_MAX_MS = 5000;

export interface NatsStartOptions {
  readonly url: string;
  /** The connection's name as the server shows it. */
  readonly name: string;
  readonly auth: NatsAuth | null;
  readonly log: Logger;
  /** True once the process is stopping: no more attempts (the last error is thrown). */
  readonly stopping?: () => boolean;
}

/**
 * Connects and runs `setup` on the connection, retrying both with backoff until they work. A
 * failed setup closes its connection before the next attempt.
 */
export async function connectNatsAtStart<T>(o: NatsStartOptions, setup: (nc: NatsConnection) => Promise<T>): Promise<{ nc: NatsConnection; value: T }> {
  let delay = NATS_START_RETRY_FIRST_MS;
  for (let tries = 1; ; tries++) {
    let nc: NatsConnection | null = null;
    try {
      nc = await connectNats(o.url, o.name, o.auth);
      return { nc, value: await setup(nc) };
    } catch (err) {
      await nc?.close().catch(() => undefined);
      // A refused login is configuration, not an outage: waiting cannot fix it.
      if (err instanceof AuthorizationError || err instanceof UserAuthenticationExpiredError) throw err;
      if (o.stopping?.() === true) throw err;
      o.log.warn({ tries, retryInMs: delay, err: (err as Error).message }, 'NATS not reachable at start; waiting for it');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, NATS_START_RETRY_MAX_MS);
    }
  }
}
