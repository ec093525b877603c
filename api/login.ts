// SMS sign-in of parents and trusted persons (docs/console.md "SMS sign-in"): the per-phone code
// records and the per-address counts in the KV bucket tapgate_login_codes, written with
// compare-and-set so that every API process sees the same counts (each process also keeps its
// own count of an address, which refuses a flood without touching KV), and the request to the
// notifier that sends the SMS. core/login-code.ts holds the rules.
//
// Nothing here tells a caller whether a phone is registered: an unknown phone gets a record and a
// code like any other (the code is simply never sent), the SMS is asked for after the answer, and
// the answers for an unknown phone, a wrong code and an expired code are one and the same.
// KV keys are SHA-256 hashes of the phone or the address, never either; log lines carry guardian
// ids only.
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { Counter, type Registry } from 'prom-client';
import {
  checkLoginCode, issueLoginCode, LOGIN_WINDOW_MS, takeAttempt, type CheckOutcome, type IssueOutcome, type LoginCodeRecord, type RegistryIndex,
} from '../core/index.js';
import { isWrongLastSequence, natsReplicas, type Logger } from '../lib/index.js';
import { ApiError, orUnavailable } from './errors.js';

export const LOGIN_BUCKET = 'tapgate_login_codes';
/** The notifier answers these requests (queue group `notifier`) by sending the code by SMS. */
export const LOGIN_SMS_SUBJECT = 'tapgate.login.v1.sms';
/** How long the API waits for the notifier's answer, in ms (the answer only feeds logs and metrics). */
export const LOGIN_SMS_TIMEOUT_MS = 20_000;
/** Code requests one client address may make within LOGIN_WINDOW_MS, counted across API processes. */
export const LOGIN_CODES_PER_ADDRESS_MAX = 10;
/** Code checks one client address may make within LOGIN_WINDOW_MS, counted across API processes. */
export const LOGIN_VERIFIES_PER_ADDRESS_MAX = 20;
/** Client addresses each process remembers per limit; beyond it the least recently seen is forgotten. */
export const LOGIN_ADDRESSES_MAX = 100_000;
/** Compare-and-set attempts on one phone's record before the request gives up with 503. */
export const LOGIN_CAS_TRIES_MAX = 8;

/** What the API sends the notifier: no phone (the notifier has the registry). */
export interface LoginSmsRequest { readonly guardianId: string; readonly code: string; readonly expiresAtMs: number }
/** The notifier's answer: `reason` is a code (SMS_REJECTED, NO_SMS_CHANNEL, UNKNOWN_GUARDIAN...). */
export interface LoginSmsReply { readonly ok: boolean; readonly reason?: string }

export async function openLoginBucket(nc: NatsConnection): Promise<KV> {
  // Every record outlives its last write by the limits' window, and no longer.
  return new Kvm(nc).create(LOGIN_BUCKET, { history: 1, storage: StorageType.File, replicas: natsReplicas(), ttl: LOGIN_WINDOW_MS });
}

/** The KV key of a phone's record: a hash, so the bucket holds no phone. */
export function loginKey(phone: string): string {
  return `phone.${createHash('sha256').update(`tapgate-login-v1:${phone}`).digest('hex')}`;
}

/** The KV key of an address's count of one step: a hash, so the bucket holds no address. */
export function addressKey(step: 'code' | 'verify', address: string): string {
  return `addr.${step}.${createHash('sha256').update(`tapgate-login-v1:${address}`).digest('hex')}`;
}

/** An address's attempts of one step within the window, as kept in KV. */
interface AddressRecord { readonly times: readonly number[] }

function tooMany(retryAfterMs: number, what: string): ApiError {
  return new ApiError('API_TOO_MANY_ATTEMPTS', `too many ${what}; retry later`, { retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

/** A check's result; a failure names the guardian whose code it made void ('' when none). */
export type VerifyResult =
  | { readonly ok: true; readonly guardianId: string }
  | { readonly ok: false; readonly voidedGuardianId: string };
/** What to write for a key (null: nothing) and what to answer. */
type Decision<R, T> = { readonly write: R | null; readonly result: T };

/**
 * A sliding-window count per client address in this process's memory. It records only attempts
 * the shared count in KV took, so it is a lower bound of that count: its refusal is right, and
 * costs no KV round trip.
 */
export class AddressLimiter {
  private readonly seen = new Map<string, number[]>();
  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** The ms to wait before one more attempt (0: now), recording nothing. */
  wait(address: string, nowMs: number): number {
    return takeAttempt(this.seen.get(address) ?? [], this.max, this.windowMs, nowMs).waitMs;
  }

  /** Records one attempt (the least recently seen address is forgotten beyond LOGIN_ADDRESSES_MAX). */
  record(address: string, nowMs: number): void {
    const times = [...(this.seen.get(address) ?? []).filter((t) => t > nowMs - this.windowMs), nowMs];
    this.seen.delete(address);
    this.seen.set(address, times);
    if (this.seen.size > LOGIN_ADDRESSES_MAX) this.seen.delete(this.seen.keys().next().value!);
  }
}

export interface LoginDeps {
  readonly kv: KV; readonly nc: NatsConnection; readonly registry: RegistryIndex; readonly metrics: Registry; readonly log: Logger;
  /** How long a code is valid, in ms. */
  readonly codeTtlMs: number;
  readonly now?: () => number;
}

export class LoginCodes {
  private readonly codeLimit = new AddressLimiter(LOGIN_CODES_PER_ADDRESS_MAX, LOGIN_WINDOW_MS);
  private readonly verifyLimit = new AddressLimiter(LOGIN_VERIFIES_PER_ADDRESS_MAX, LOGIN_WINDOW_MS);
  private readonly outcomes: Counter<'step' | 'outcome'>;
  private readonly sms: Counter<'outcome'>;
  private readonly now: () => number;
  readonly codeTtlMs: number;

  constructor(private readonly d: LoginDeps) {
    this.now = d.now ?? Date.now;
    this.codeTtlMs = d.codeTtlMs;
    this.outcomes = new Counter({ name: 'tapgate_api_login_sms_attempts_total', help: 'SMS sign-in steps (code, verify) by outcome',
      labelNames: ['step', 'outcome'], registers: [d.metrics] });
    this.sms = new Counter({ name: 'tapgate_api_login_sms_sent_total',
      help: 'Login SMS asked of the notifier by its answer: sent, failed, no_answer (no notifier or no SMS channel answered)',
      labelNames: ['outcome'], registers: [d.metrics] });
  }

  /**
   * A code for this phone: issued (and, if a guardian has the phone, sent after this returns),
   * or 429 when the address or the phone had their codes for the window. Returns the guardian id
   * the code goes to ('' for none), which the caller must not reveal.
   */
  async request(phone: string, clientAddress: string): Promise<{ guardianId: string }> {
    const wait = await this.takeAddress('code', this.codeLimit, LOGIN_CODES_PER_ADDRESS_MAX, clientAddress);
    if (wait > 0) {
      this.outcomes.inc({ step: 'code', outcome: 'limited_address' });
      throw tooMany(wait, 'code requests from this address');
    }
    const issued = await this.change<LoginCodeRecord, IssueOutcome>(loginKey(phone), (rec) => {
      const o = issueLoginCode(rec, this.now(), this.codeTtlMs);
      return { write: o.kind === 'issued' ? o.record : null, result: o };
    });
    if (issued.kind === 'limited') {
      this.outcomes.inc({ step: 'code', outcome: 'limited_phone' });
      throw tooMany(issued.retryAfterMs, 'codes for this phone');
    }
    this.outcomes.inc({ step: 'code', outcome: 'issued' });
    const guardianId = this.d.registry.guardianByPhone(phone)?.id ?? '';
    if (guardianId !== '') void this.send({ guardianId, code: issued.code, expiresAtMs: issued.record.expiresAtMs });
    return { guardianId };
  }

  /**
   * Checks a code: the guardian it signs in, or a failure (the route answers 401 API_LOGIN_FAILED)
   * naming the guardian whose code this attempt made void ('' when none); 429 when the address is
   * at its limit or the code is void.
   */
  async verify(phone: string, code: string, clientAddress: string): Promise<VerifyResult> {
    const wait = await this.takeAddress('verify', this.verifyLimit, LOGIN_VERIFIES_PER_ADDRESS_MAX, clientAddress);
    if (wait > 0) {
      this.outcomes.inc({ step: 'verify', outcome: 'limited_address' });
      throw tooMany(wait, 'sign-in attempts from this address');
    }
    const o = await this.change<LoginCodeRecord, CheckOutcome>(loginKey(phone), (rec) => {
      const c = checkLoginCode(rec, code, this.now());
      return { write: c.kind === 'ok' || c.kind === 'wrong' ? c.record : null, result: c };
    });
    this.outcomes.inc({ step: 'verify', outcome: o.kind });
    if (o.kind === 'locked') throw tooMany(o.retryAfterMs, 'wrong codes; ask for a new code');
    const guardianId = this.d.registry.guardianByPhone(phone)?.id;
    if (o.kind === 'ok' && guardianId !== undefined) return { ok: true, guardianId };
    return { ok: false, voidedGuardianId: o.kind === 'wrong' && o.voided ? guardianId ?? '' : '' };
  }

  /**
   * Counts one attempt of `step` from the address: first in this process (a refusal there needs
   * no KV), then in the count every API process shares. Answers 0, or the ms to wait.
   */
  private async takeAddress(step: 'code' | 'verify', local: AddressLimiter, max: number, address: string): Promise<number> {
    const localWait = local.wait(address, this.now());
    if (localWait > 0) return localWait;
    const wait = await this.change<AddressRecord, number>(addressKey(step, address), (rec) => {
      const times = Array.isArray(rec?.times) ? rec.times.filter((x): x is number => typeof x === 'number') : [];
      const taken = takeAttempt(times, max, LOGIN_WINDOW_MS, this.now());
      return { write: taken.times === null ? null : { times: taken.times }, result: taken.waitMs };
    });
    if (wait === 0) local.record(address, this.now());
    return wait;
  }

  /**
   * Reads a key's record, lets `decide` say what to write, and writes it only if nobody else
   * wrote in between (KV revision); on a race it reads again.
   */
  private async change<R, T>(key: string, decide: (rec: R | null) => Decision<R, T>): Promise<T> {
    for (let i = 0; i < LOGIN_CAS_TRIES_MAX; i++) {
      const e = await orUnavailable(this.d.kv.get(key), 'login code store');
      let rec: R | null = null;
      if (e !== null && e.operation === 'PUT') {
        try { rec = JSON.parse(e.string()) as R; } catch { rec = null; }
      }
      const { write, result } = decide(rec);
      if (write === null) return result;
      try {
        if (e === null) await this.d.kv.create(key, JSON.stringify(write));
        else await this.d.kv.update(key, JSON.stringify(write), e.revision);
        return result;
      } catch (err) {
        if (!isWrongLastSequence(err)) {
          throw new ApiError('API_UNAVAILABLE', 'the login code store (NATS) cannot take the change now; retry later');
        }
      }
    }
    throw new ApiError('API_UNAVAILABLE', 'the login code store is too busy for this phone; retry later');
  }

  /** Asks the notifier to send the code; its answer (or silence) is logged by guardian id and counted. */
  private async send(req: LoginSmsRequest): Promise<void> {
    try {
      const m = await this.d.nc.request(LOGIN_SMS_SUBJECT, JSON.stringify(req), { timeout: LOGIN_SMS_TIMEOUT_MS });
      const reply = m.json<LoginSmsReply>();
      this.sms.inc({ outcome: reply.ok ? 'sent' : 'failed' });
      if (!reply.ok) this.d.log.warn({ guardianId: req.guardianId, reason: reply.reason ?? '' }, 'login SMS not sent');
    } catch (err) {
      this.sms.inc({ outcome: 'no_answer' });
      this.d.log.warn({ guardianId: req.guardianId, err: err instanceof Error ? err.name : 'unknown' },
        'no notifier with an SMS channel answered the login SMS request');
    }
  }
}
