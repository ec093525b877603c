// Readers for configuration from the environment, shared by every process. Each validates one
// variable and fails with CONFIG_INVALID naming the variable and its bounds; an unset or empty
// variable takes the default.
import { readFileSync } from 'node:fs';
import { TapgateError } from '../core/index.js';
import type { NatsAuth } from './nats.js';

export type Env = Readonly<Record<string, string | undefined>>;

export function intVar(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`, { details: { key, min, max } });
  }
  return n;
}

export function strVar(env: Env, key: string, fallback: string, pattern: RegExp, what: string): string {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (!pattern.test(raw)) throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(raw)}: expected ${what}`, { details: { key } });
  return raw;
}

export function urlVar(env: Env, key: string, fallback: string, protocols: readonly string[]): string {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try { url = new URL(raw); } catch { throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(raw)}: not a URL`, { details: { key } }); }
  if (!protocols.includes(url.protocol)) {
    throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(raw)}: expected a ${protocols.join(' or ')} URL`, { details: { key } });
  }
  return raw;
}

/** The schemes of a NATS server URL. */
export const NATS_URL_PROTOCOLS: readonly string[] = Object.freeze(['nats:', 'tls:']);
/** The most servers TAPGATE_NATS_URL may list (the nodes of a cluster a client may try). */
export const NATS_URLS_MAX = 8;

/**
 * TAPGATE_NATS_URL: one nats: or tls: URL, read exactly as urlVar reads it, or a list of up to
 * NATS_URLS_MAX of them separated by commas (the nodes of a cluster: a client connects to any
 * and moves to another when it loses one). Returns the list joined by commas without spaces;
 * lib/nats.ts natsServers splits it again.
 */
export function natsUrlsVar(env: Env, key: string, fallback: string): string {
  const raw = env[key];
  if (raw === undefined || raw === '' || !raw.includes(',')) return urlVar(env, key, fallback, NATS_URL_PROTOCOLS);
  const bad = (what: string): never => {
    throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(raw)}: ${what}`, { details: { key } });
  };
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > NATS_URLS_MAX) bad(`expected at most ${NATS_URLS_MAX} URLs separated by commas`);
  parts.forEach((part, i) => {
    const which = `URL ${i + 1} of ${parts.length}`;
    if (part === '') bad(`${which} is empty`);
    const url = URL.canParse(part) ? new URL(part) : bad(`${which} is not a URL`);
    if (!NATS_URL_PROTOCOLS.includes(url.protocol)) bad(`${which} is not a ${NATS_URL_PROTOCOLS.join(' or ')} URL`);
    if (parts.indexOf(part) !== i) bad(`${which} repeats URL ${parts.indexOf(part) + 1}`);
  });
  return parts.join(',');
}

/** pino's level names, for TAPGATE_LOG_LEVEL. */
export const LOG_LEVELS = /^(fatal|error|warn|info|debug|trace|silent)$/;
export const LOG_LEVELS_WHAT = 'one of fatal, error, warn, info, debug, trace, silent';
/** A host name or IP address to listen on, for TAPGATE_HOST. */
export const HOST_PATTERN = /^[A-Za-z0-9.:[\]-]{1,255}$/;

/** A NATS user name, for TAPGATE_NATS_USER. */
export const NATS_USER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The NATS user of this process: TAPGATE_NATS_USER and TAPGATE_NATS_PASSWORD_FILE (a file
 * holding the password, e.g. .tapgate/nats-users/gateway.password written by npm start), both
 * or neither. Neither: connect without a user (only a server that allows it accepts).
 */
export function natsAuthVars(env: Env): NatsAuth | null {
  const user = env['TAPGATE_NATS_USER'] ?? '';
  const file = env['TAPGATE_NATS_PASSWORD_FILE'] ?? '';
  if (user === '' && file === '') return null;
  const bad = (key: string, what: string): never => {
    throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(env[key] ?? '')}: ${what}`, { details: { key } });
  };
  if (user === '') bad('TAPGATE_NATS_USER', 'required when TAPGATE_NATS_PASSWORD_FILE is set');
  if (!NATS_USER_PATTERN.test(user)) bad('TAPGATE_NATS_USER', 'expected a user name of [A-Za-z0-9_-], 1..64 characters');
  if (file === '') bad('TAPGATE_NATS_PASSWORD_FILE', 'required when TAPGATE_NATS_USER is set');
  let pass = '';
  try { pass = readFileSync(file, 'utf8').trim(); } catch { bad('TAPGATE_NATS_PASSWORD_FILE', 'cannot be read'); }
  if (pass === '') bad('TAPGATE_NATS_PASSWORD_FILE', 'the file is empty');
  return Object.freeze({ user, pass });
}
