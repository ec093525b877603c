// Fixtures for the gateway integration tests: a small registry with two schools (devices with
// their secrets, pupils and staff with their card UIDs, names chosen so that a search for them
// in logs and ledger bytes cannot match by accident), connecting devices, bounded waits, and
// reading the JetStream LEDGER stream back as decoded batches and raw bytes.
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { tapgate } from '../../core/proto.js';
import { DeviceClient, type Decision, type GatewayFrameT, type TapInput } from '../../simulator/device-client.js';
import { LEDGER_STREAM } from '../../lib/index.js';
import type { GatewayProcess } from './stack.js';

export const { Verdict, DecisionReason: Reason, Direction, PersonKind, ErrorCode } = tapgate.device.v1;
export type PassEvent = tapgate.events.v1.IPassEvent;
export const ENTRY = Direction.DIRECTION_ENTRY;
export const EXIT = Direction.DIRECTION_EXIT;

/** Default bound of any single wait in these tests, in ms. */
export const WAIT_MS = 10_000;

export interface TestDevice { readonly id: string; readonly schoolId: string; readonly secret: Buffer }
export interface TestPerson {
  readonly id: string; readonly schoolId: string; readonly kind: 'pupil' | 'staff';
  readonly displayName: string; readonly className: string; readonly photoRef: string;
  readonly identifierId: string; readonly uid: Buffer;
}

export interface Fixture {
  readonly doc: Record<string, unknown[]>;
  /** Turnstiles of school A (both kinds of person allowed). */
  readonly turnstiles: readonly TestDevice[];
  /** A staff-only turnstile of school A. */
  readonly staffOnly: TestDevice;
  /** A turnstile of school B. */
  readonly otherSchoolTurnstile: TestDevice;
  /** A provisioned but disabled turnstile of school A. */
  readonly disabled: TestDevice;
  readonly pupils: readonly TestPerson[];
  readonly staff: readonly TestPerson[];
  /** A pupil of school B. */
  readonly otherPupil: TestPerson;
  /** A temporary card of pupils[0] that expired a minute ago. */
  readonly expiredUid: Buffer;
  /** A temporary card of pupils[1] valid for an hour. */
  readonly temporaryUid: Buffer;
  /** Every display name and card UID in the registry (for the personal-data search). */
  readonly allNames: readonly string[];
  readonly allUids: readonly Buffer[];
}

export const SCHOOL_A = 'sch-a';
export const SCHOOL_B = 'sch-b';
const SURNAMES = ['Жаворонкова', 'Щеглов', 'Снегирёва', 'Зябликов', 'Чижова', 'Дроздов', 'Соловьёва', 'Кукушкин'];

/** Builds a registry with `pupils` pupils and `staff` staff at school A and `turnstiles` turnstiles. */
export function makeFixture(opts: { pupils?: number; staff?: number; turnstiles?: number } = {}): Fixture {
  const pupilCount = opts.pupils ?? 8;
  const staffCount = opts.staff ?? 4;
  const turnstileCount = opts.turnstiles ?? 3;
  const tag = randomBytes(3).toString('hex');
  const doc = { schools: [] as unknown[], devices: [] as unknown[], persons: [] as unknown[], identifiers: [] as unknown[] };
  doc.schools.push({ id: SCHOOL_A, name: 'Школа № 1', timeZone: 'Europe/Moscow', kind: 'school' },
    { id: SCHOOL_B, name: 'Школа № 2', timeZone: 'Asia/Yekaterinburg', kind: 'school' });
  const device = (id: string, schoolId: string, extra: Record<string, unknown> = {}): TestDevice => {
    const secret = randomBytes(32);
    doc.devices.push({ id, schoolId, kind: 'turnstile', secretHex: secret.toString('hex'), enabled: true, ...extra });
    return { id, schoolId, secret };
  };
  const turnstiles = Array.from({ length: turnstileCount }, (_, i) => device(`a-ts-${i + 1}`, SCHOOL_A));
  const staffOnly = device('a-staff-door', SCHOOL_A, { allowedPersonKinds: ['staff'] });
  const otherSchoolTurnstile = device('b-ts-1', SCHOOL_B);
  const disabled = device('a-ts-off', SCHOOL_A, { enabled: false });
  const allUids: Buffer[] = [];
  const person = (id: string, schoolId: string, kind: 'pupil' | 'staff', n: number): TestPerson => {
    const displayName = `${SURNAMES[n % SURNAMES.length]} Тест${tag}${n}`;
    const className = kind === 'pupil' ? `${5 + (n % 6)}Б` : '';
    const photoRef = `photo:${id}`;
    const uid = randomBytes(7);
    allUids.push(uid);
    doc.persons.push({ id, schoolId, kind, displayName, className, photoRef, photoConsent: true });
    doc.identifiers.push({ id: `${id}-c1`, personId: id, kind: kind === 'pupil' ? 'social_card' : 'fob', uidHex: uid.toString('hex'), status: 'active' });
    return { id, schoolId, kind, displayName, className, photoRef, identifierId: `${id}-c1`, uid };
  };
  const pupils = Array.from({ length: pupilCount }, (_, i) => person(`a-p-${i + 1}`, SCHOOL_A, 'pupil', i));
  const staff = Array.from({ length: staffCount }, (_, i) => person(`a-s-${i + 1}`, SCHOOL_A, 'staff', pupilCount + i));
  const otherPupil = person('b-p-1', SCHOOL_B, 'pupil', pupilCount + staffCount);
  const expiredUid = randomBytes(7);
  const temporaryUid = randomBytes(7);
  allUids.push(expiredUid, temporaryUid);
  doc.identifiers.push(
    { id: 'a-p-1-tmp', personId: pupils[0]!.id, kind: 'temporary', uidHex: expiredUid.toString('hex'), status: 'active', expiresAt: Date.now() - 60_000 },
    { id: 'a-p-2-tmp', personId: pupils[1]!.id, kind: 'temporary', uidHex: temporaryUid.toString('hex'), status: 'active', expiresAt: Date.now() + 3_600_000 });
  const everyone = [...pupils, ...staff, otherPupil];
  return { doc, turnstiles, staffOnly, otherSchoolTurnstile, disabled, pupils, staff, otherPupil, expiredUid, temporaryUid,
    allNames: everyone.map((p) => p.displayName), allUids };
}

/** The registry document of one identifier with a new status (for stack.loadRegistry). */
export function identifierDoc(p: TestPerson, status: 'active' | 'blocked'): Record<string, unknown[]> {
  return { identifiers: [{ id: p.identifierId, personId: p.id, kind: p.kind === 'pupil' ? 'social_card' : 'fob', uidHex: p.uid.toString('hex'), status }] };
}

/** Rejects after `ms` unless `p` settles first. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms); });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function connect(gw: GatewayProcess, d: TestDevice): Promise<DeviceClient> {
  return within(DeviceClient.connect(gw.deviceUrl, d.id, d.secret), WAIT_MS, `connect ${d.id}`);
}

export function tap(c: DeviceClient, taps: readonly TapInput[]): Promise<Decision[]> {
  return within(c.tap(taps), WAIT_MS, `decisions for seqs ${taps.map((t) => t.seq).join(',')}`);
}

const cursors = new WeakMap<DeviceClient, number>();

/**
 * The next frame after the last one read this way (the challenge aside) that matches `pred`,
 * bounded. Reads `client.received`, so a frame that arrived before the call is not missed.
 */
export async function nextFrameWhere(c: DeviceClient, pred: (f: GatewayFrameT) => boolean, ms = WAIT_MS): Promise<GatewayFrameT> {
  let found: GatewayFrameT | undefined;
  const scan = (): boolean => {
    let i = cursors.get(c) ?? 0;
    for (; i < c.received.length; i++) {
      const f = c.received[i]!;
      if (f.body !== 'challenge' && pred(f)) { found = f; cursors.set(c, i + 1); return true; }
    }
    cursors.set(c, i);
    return false;
  };
  await waitFor(() => scan() || c.closed !== null, ms, 'next frame', 5);
  if (found === undefined && !scan()) throw new Error(`socket closed (${c.closed?.code}) before the frame came`);
  return found!;
}

/** Marks every frame received so far as read. */
export function markRead(c: DeviceClient): void {
  cursors.set(c, c.received.length);
}

export const nextFrame = (c: DeviceClient): Promise<GatewayFrameT> => nextFrameWhere(c, () => true);

/** The next Error frame, skipping decisions and acks (bounded). */
export async function nextError(c: DeviceClient): Promise<tapgate.device.v1.IError> {
  return (await nextFrameWhere(c, (f) => f.body === 'error')).error!;
}

export function waitClose(c: DeviceClient, ms = WAIT_MS): Promise<{ code: number; reason: string }> {
  return within(c.waitClose(), ms, 'socket close');
}

/** Opens a socket without authenticating (the challenge has arrived). */
export function open(gw: GatewayProcess): Promise<DeviceClient> {
  return within(DeviceClient.open(gw.deviceUrl), WAIT_MS, 'open socket');
}

/** The decision fields the tests compare, in a plain shape. */
export function plain(d: Decision): Record<string, unknown> {
  const out: Record<string, unknown> = { seq: Number(d.seq), verdict: d.verdict ?? 0, reason: d.reason ?? 0, replayed: d.replayed === true };
  if (d.display != null) {
    out['display'] = { displayName: d.display.displayName ?? '', className: d.display.className ?? '', photoRef: d.display.photoRef ?? '',
      personKind: d.display.personKind ?? 0 };
  }
  return out;
}

/** The Display an allowed tap of `p` shows. */
export function displayOf(p: TestPerson): Record<string, unknown> {
  return { displayName: p.displayName, className: p.className, photoRef: p.photoRef,
    personKind: p.kind === 'pupil' ? PersonKind.PERSON_KIND_PUPIL : PersonKind.PERSON_KIND_STAFF };
}

export interface LedgerMessage {
  readonly streamSeq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly batch: tapgate.events.v1.LedgerBatch;
}

/** Reads the whole LEDGER stream with an ordered consumer (bounded by count and time). */
export async function readLedger(nc: NatsConnection, timeoutMs = WAIT_MS): Promise<LedgerMessage[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(LEDGER_STREAM);
  const lastSeq = info.state.last_seq;
  if (info.state.messages === 0) return [];
  const consumer = await jetstream(nc).consumers.get(LEDGER_STREAM);
  const iter = await consumer.consume({ max_messages: 256 });
  const timer = setTimeout(() => void iter.close(), timeoutMs);
  const out: LedgerMessage[] = [];
  try {
    for await (const m of iter) {
      out.push({ streamSeq: m.seq, subject: m.subject, data: m.data, batch: tapgate.events.v1.LedgerBatch.decode(m.data) });
      if (m.seq >= lastSeq) break;
    }
  } finally {
    clearTimeout(timer);
    await iter.close();
  }
  if (out.at(-1)?.streamSeq !== lastSeq) throw new Error(`ledger read stopped at ${out.at(-1)?.streamSeq ?? 0} of ${lastSeq}`);
  return out;
}

/** Every PassEvent in the ledger, in order. */
export async function ledgerEvents(nc: NatsConnection): Promise<PassEvent[]> {
  return (await readLedger(nc)).flatMap((m) => m.batch.passes);
}

/** How many PassEvents the ledger holds per `${deviceId}#${seq}`. */
export function countByKey(events: readonly PassEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.deviceId}#${Number(e.seq)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Polls until `pred` holds (bounded); returns the elapsed ms. */
export async function waitFor(pred: () => boolean | Promise<boolean>, ms: number, what: string, everyMs = 20): Promise<number> {
  const start = Date.now();
  for (let i = 0; Date.now() - start < ms; i++) {
    if (await pred()) return Date.now() - start;
    await sleep(everyMs);
  }
  throw new Error(`${what}: not true within ${ms} ms`);
}

export async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(url, { signal: AbortSignal.timeout(WAIT_MS) });
  return { status: r.status, body: await r.json() as unknown };
}

/** A per-device seq counter. */
export class Seqs {
  private readonly next = new Map<string, number>();
  take(d: TestDevice, n = 1): number {
    const first = this.next.get(d.id) ?? 1;
    this.next.set(d.id, first + n);
    return first;
  }
}
