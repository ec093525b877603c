// A local SMSC: the stand-in for the operator's SMS centre in development and in tests, speaking
// real SMPP 3.4 over TCP (the `smpp` package's server). It checks bind_transceiver credentials,
// answers submit_sm with a unique message_id, reassembles concatenated parts (UDH IE 0x00 or
// 0x08) into the text a phone would show, and, when registered_delivery asks, sends a delivery
// receipt back on the same session after receiptDelayMs, one per part as real SMSCs do. Tests
// steer it: failNext answers the next submits with an error status, rejectDestination refuses a
// number, failDelivery makes its receipts say UNDELIV. It decodes with the library's own GSM-7
// and UCS-2 decoders, so it checks our encoder rather than mirroring it.

import { randomBytes } from 'node:crypto';
import smpp, { type DecodedMessage, type PDU, type Session } from 'smpp';

export const SMSC_DEFAULT_HOST = '127.0.0.1';
export const SMSC_DEFAULT_SYSTEM_ID = 'tapgate';
export const SMSC_DEFAULT_PASSWORD = 'tapgate';
export const SMSC_DEFAULT_RECEIPT_DELAY_MS = 20;
/** Messages kept for received(); older ones are dropped first. */
export const SMSC_RECEIVED_MAX = 10_000;
/** Unfinished concatenated texts kept; the oldest is dropped when more start. */
export const SMSC_ASSEMBLIES_MAX = 1_000;

const ESME_ROK = 0x00;
const ESME_RINVBNDSTS = 0x04;
const ESME_RALYBND = 0x05;
const ESME_RBINDFAIL = 0x0d;
const ESM_CLASS_UDHI = 0x40;
const ESM_CLASS_RECEIPT = 0x04;
const MESSAGE_STATE_DELIVERED = 2;
const MESSAGE_STATE_UNDELIVERABLE = 5;

export interface SmsReceived {
  /** The first part's message_id (what the sender reports as its providerId). */
  readonly messageId: string;
  readonly systemId: string;
  readonly source: string;
  readonly destination: string;
  /** Decoded; the parts of a concatenated text joined in their order. */
  readonly text: string;
  readonly parts: number;
  readonly dataCoding: number;
  readonly receivedAtMs: number;
}

export interface SmscOptions {
  readonly host?: string;
  /** 0 (the default) lets the OS choose; read it back from `port`. */
  readonly port?: number;
  readonly systemId?: string;
  readonly password?: string;
  readonly receiptDelayMs?: number;
}

export interface Smsc {
  readonly port: number;
  received(): readonly SmsReceived[];
  /** The first received text that matches, waiting at most timeoutMs (rejects after). */
  waitFor(pred: (m: SmsReceived) => boolean, timeoutMs: number): Promise<SmsReceived>;
  /** Successful binds so far, and a wait for the n-th. */
  binds(): number;
  waitForBinds(n: number, timeoutMs: number): Promise<void>;
  /**
   * Answers the next n submit_sm with this command status (e.g. 0x58 ESME_RTHROTTLED), after
   * accepting `afterOk` more first (1 fails the second part of a concatenated text).
   */
  failNext(n: number, commandStatus: number, afterOk?: number): void;
  /** Answers every submit_sm to this destination (as sent, without '+') with this status. */
  rejectDestination(addr: string, commandStatus: number): void;
  /** Accepts submits to this destination but reports them UNDELIV in the receipt. */
  failDelivery(addr: string): void;
  /** enquire_link requests answered so far, and a wait for the n-th. */
  enquireLinks(): number;
  waitForEnquireLinks(n: number, timeoutMs: number): Promise<void>;
  /** Stops answering enquire_link on the sessions open now (a link that looks up but is dead); new sessions answer. */
  muteEnquireLink(): void;
  close(): Promise<void>;
}

interface Part { readonly messageId: string; readonly text: string }
interface Assembly { readonly parts: Array<Part | undefined>; readonly dataCoding: number }

export async function startSmsc(opts: SmscOptions = {}): Promise<Smsc> {
  const systemId = opts.systemId ?? SMSC_DEFAULT_SYSTEM_ID;
  const password = opts.password ?? SMSC_DEFAULT_PASSWORD;
  const receiptDelayMs = opts.receiptDelayMs ?? SMSC_DEFAULT_RECEIPT_DELAY_MS;
  const received: SmsReceived[] = [];
  const listeners = new Set<() => void>();
  const assemblies = new Map<string, Assembly>();
  const rejected = new Map<string, number>();
  const undeliverable = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const idPrefix = randomBytes(4).toString('hex');
  let idCounter = 0;
  let bindCount = 0;
  let enquireCount = 0;
  const muted = new WeakSet<Session>();
  let failCount = 0;
  let failAfterOk = 0;
  let failStatus = ESME_ROK;

  const notify = () => { for (const l of [...listeners]) l(); };
  const record = (m: SmsReceived) => {
    received.push(m);
    if (received.length > SMSC_RECEIVED_MAX) received.shift();
    notify();
  };

  function sendReceipt(session: Session, submit: PDU, messageId: string, submittedAtMs: number): void {
    const destination = String(submit['destination_addr']);
    const failed = undeliverable.has(destination);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (session.socket.destroyed) return;
      const stat = failed ? 'UNDELIV' : 'DELIVRD';
      const done = smppDate(Date.now());
      // The text field of a receipt would repeat the start of the message: left empty here.
      const text = `id:${messageId} sub:001 dlvrd:${failed ? '000' : '001'} submit date:${smppDate(submittedAtMs)} ` +
        `done date:${done} stat:${stat} err:${failed ? '001' : '000'} text:`;
      session.send(new smpp.PDU('deliver_sm', {
        source_addr_ton: submit['dest_addr_ton'], source_addr_npi: submit['dest_addr_npi'], source_addr: destination,
        dest_addr_ton: submit['source_addr_ton'], dest_addr_npi: submit['source_addr_npi'],
        destination_addr: submit['source_addr'], esm_class: ESM_CLASS_RECEIPT, data_coding: 0,
        short_message: Buffer.from(text, 'ascii'), receipted_message_id: messageId,
        message_state: failed ? MESSAGE_STATE_UNDELIVERABLE : MESSAGE_STATE_DELIVERED,
      }));
    }, receiptDelayMs);
    timers.add(timer);
  }

  function onSubmit(session: Session, boundAs: string, pdu: PDU): void {
    const destination = String(pdu['destination_addr']);
    const failing = failCount > 0 && failAfterOk === 0;
    if (failCount > 0 && failAfterOk > 0) failAfterOk--;
    const refusal = failing ? failStatus : rejected.get(destination);
    if (failing) failCount--;
    if (refusal !== undefined) {
      session.send(pdu.response({ command_status: refusal }));
      return;
    }
    const messageId = `${idPrefix}${(++idCounter).toString(16).padStart(6, '0')}`;
    const nowMs = Date.now();
    session.send(pdu.response({ message_id: messageId }));
    assemble(boundAs, pdu, messageId, nowMs);
    if ((Number(pdu['registered_delivery']) & 0x03) !== 0) sendReceipt(session, pdu, messageId, nowMs);
  }

  function assemble(boundAs: string, pdu: PDU, messageId: string, nowMs: number): void {
    const { text, concat } = decodeMessage(pdu);
    const base = {
      systemId: boundAs, source: String(pdu['source_addr']), destination: String(pdu['destination_addr']),
      dataCoding: Number(pdu['data_coding']), receivedAtMs: nowMs,
    };
    if (concat === undefined || concat.total <= 1) {
      record({ ...base, messageId, text, parts: 1 });
      return;
    }
    const key = `${boundAs}|${base.source}|${base.destination}|${concat.ref}|${concat.total}`;
    let a = assemblies.get(key);
    if (a === undefined) {
      if (assemblies.size >= SMSC_ASSEMBLIES_MAX) assemblies.delete(assemblies.keys().next().value!);
      a = { parts: new Array<Part | undefined>(concat.total).fill(undefined), dataCoding: base.dataCoding };
      assemblies.set(key, a);
    }
    if (concat.seq >= 1 && concat.seq <= concat.total) a.parts[concat.seq - 1] = { messageId, text };
    if (a.parts.some((p) => p === undefined)) return;
    assemblies.delete(key);
    const parts = a.parts as Part[];
    record({ ...base, messageId: parts[0]!.messageId, text: parts.map((p) => p.text).join(''), parts: parts.length });
  }

  function onSession(session: Session): void {
    let boundAs: string | undefined;
    session.on('error', () => session.destroy());
    session.on('pdu', (pdu) => {
      if (pdu.isResponse()) return;
      switch (pdu.command) {
        case 'bind_transceiver': {
          if (boundAs !== undefined) { session.send(pdu.response({ command_status: ESME_RALYBND })); return; }
          const ok = pdu['system_id'] === systemId && pdu['password'] === password;
          if (!ok) { session.send(pdu.response({ command_status: ESME_RBINDFAIL })); return; }
          boundAs = systemId;
          bindCount++;
          session.send(pdu.response({ system_id: 'tapgate-smsc' }));
          notify();
          return;
        }
        case 'submit_sm':
          if (boundAs === undefined) session.send(pdu.response({ command_status: ESME_RINVBNDSTS }));
          else onSubmit(session, boundAs, pdu);
          return;
        case 'enquire_link':
          if (muted.has(session)) return;
          enquireCount++;
          session.send(pdu.response());
          notify();
          return;
        case 'unbind': session.send(pdu.response(), () => session.close()); return;
        case 'deliver_sm_resp': return;
        default: session.send(pdu.response({ command_status: 0x03 /* ESME_RINVCMDID */ }));
      }
    });
  }

  const server = smpp.createServer({}, onSession);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? SMSC_DEFAULT_HOST, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;

  function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        if (!check()) return;
        clearTimeout(timer);
        listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(done);
        reject(new Error(`local SMSC: ${what} did not happen within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(done);
      done();
    });
  }

  return {
    port,
    received: () => [...received],
    async waitFor(pred, timeoutMs) {
      let found: SmsReceived | undefined;
      await until(() => (found = received.find(pred)) !== undefined, timeoutMs, 'a matching SMS');
      return found!;
    },
    binds: () => bindCount,
    waitForBinds: (n, timeoutMs) => until(() => bindCount >= n, timeoutMs, `bind number ${n}`),
    failNext(n, commandStatus, afterOk = 0) { failCount = n; failStatus = commandStatus; failAfterOk = afterOk; },
    rejectDestination(addr, commandStatus) { rejected.set(addr, commandStatus); },
    failDelivery(addr) { undeliverable.add(addr); },
    enquireLinks: () => enquireCount,
    waitForEnquireLinks: (n, timeoutMs) => until(() => enquireCount >= n, timeoutMs, `enquire_link number ${n}`),
    muteEnquireLink() { for (const session of server.sessions) muted.add(session); },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of [...server.sessions]) s.destroy();
      await closed;
    },
  };
}

/** The text of a submit_sm as the library decoded it, and its concatenation header if any. */
function decodeMessage(pdu: PDU): { text: string; concat: { ref: number; total: number; seq: number } | undefined } {
  const sm = pdu['short_message'] as DecodedMessage | Buffer | string | undefined;
  const payload = pdu['message_payload'] as DecodedMessage | undefined;
  const decoded = payload ?? sm;
  if (decoded === undefined || typeof decoded === 'string' || Buffer.isBuffer(decoded)) {
    return { text: typeof decoded === 'string' ? decoded : '', concat: undefined };
  }
  const text = typeof decoded.message === 'string' ? decoded.message : decoded.message.toString('latin1');
  if ((Number(pdu['esm_class']) & ESM_CLASS_UDHI) === 0) return { text, concat: undefined };
  for (const ie of decoded.udh ?? []) {
    // IE 0x00: 8-bit reference, total, seq; IE 0x08: 16-bit reference, total, seq.
    if (ie[0] === 0x00 && ie.length >= 5) return { text, concat: { ref: ie[2]!, total: ie[3]!, seq: ie[4]! } };
    if (ie[0] === 0x08 && ie.length >= 6) {
      return { text, concat: { ref: ie.readUInt16BE(2), total: ie[4]!, seq: ie[5]! } };
    }
  }
  return { text, concat: undefined };
}

/** YYMMDDhhmm in UTC, the receipt text's date format. */
function smppDate(ms: number): string {
  return new Date(ms).toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d).*$/, '$1$2$3$4$5');
}
