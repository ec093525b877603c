// Readers for configuration from the environment, shared by every process. Each validates one
// variable and fails with CONFIG_INVALID naming the variable and its bounds; an unset or empty
// variable takes the default.
import { TapgateError } from '../core/index.js';

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

/** pino's level names, for TAPGATE_LOG_LEVEL. */
export const LOG_LEVELS = /^(fatal|error|warn|info|debug|trace|silent)$/;
export const LOG_LEVELS_WHAT = 'one of fatal, error, warn, info, debug, trace, silent';
/** A host name or IP address to listen on, for TAPGATE_HOST. */
export const HOST_PATTERN = /^[A-Za-z0-9.:[\]-]{1,255}$/;
