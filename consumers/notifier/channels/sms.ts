// The SMS channel: the one provider interface for SMS (`SmsProvider`) and its implementation
// over SMPP 3.4 (`createSmppProvider`). One bound transceiver session (./smpp-session.ts) carries
// every submit_sm and brings back the delivery receipts.
//
// Encoding: GSM-7 (data_coding 0, unpacked septets) when every character is in the GSM 03.38
// alphabet, else UCS-2 (data_coding 8), as core/sms-segments.ts decides. A long text goes as
// concatenated parts, each its own submit_sm with a user data header (esm_class 0x40, IE 0x00:
// 8-bit reference, total, sequence). We chose UDH over the message_payload TLV because every SMSC
// and handset supports it, the 153/67 per-part arithmetic the settings page shows is then exact,
// and each part gets its own submit_sm_resp, so a refusal is known per part.
//
// Outcomes. All parts answered ESME_ROK: accepted, providerId = the first part's message_id,
// parts = their count. The first part refused: retry (SMS_THROTTLED for ESME_RTHROTTLED and
// ESME_RMSGQFUL, SMS_UNAVAILABLE for no bound session, a lost link, a timeout and the SMSC's
// temporary errors) or rejected (SMS_REJECTED: invalid destination and every other status).
// A later part refused after earlier parts were accepted: rejected with SMS_PARTIAL, never retry,
// because a second attempt would send the accepted parts again and the parent would read them
// twice. A timeout is at-least-once by nature: the SMSC may have taken a part whose answer was
// lost, so a retried single-part text can arrive twice; the outbox accepts that.
//
// Every wait (for the bind, for a window slot, for each submit_sm_resp) is bounded by
// sendTimeoutMs. Phones and texts go to the SMSC only; outcome details carry statuses and counts.

import { assert, encodeGsm7, encodeUcs2, smsEncoding, splitSms } from '../../../core/index.js';
import type { PDU, Session } from 'smpp';
import type { OutgoingMessage, Provider, Receipt, SendOutcome } from './provider.js';
import { ENQUIRE_LINK_INTERVAL_MS, hexStatus, SmppSession } from './smpp-session.js';

/** The one provider interface for SMS; SMPP (createSmppProvider) is its implementation. */
export type SmsProvider = Provider;

export interface SmppProviderOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  /** Sender: an alphanumeric name (at most 11 characters) or a number. */
  readonly sourceAddr: string;
  /** Bound on each wait of a send: the bind, a window slot, each submit_sm_resp. */
  readonly sendTimeoutMs: number;
  /** submit_sm in flight at once on the session. */
  readonly windowMax: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  /** enquire_link period; ENQUIRE_LINK_INTERVAL_MS when absent. */
  readonly enquireLinkIntervalMs?: number;
}

/** Parts one text may take; a longer text is refused (SMS_TOO_LONG) rather than billed as a dozen SMS. */
export const SMS_PARTS_MAX = 8;
/** Characters of an alphanumeric sender name (GSM 03.40 allows 11). */
export const SMS_SENDER_ALNUM_MAX = 11;

const DATA_CODING_GSM7 = 0;
const DATA_CODING_UCS2 = 8;
const ESM_CLASS_UDHI = 0x40;
/** The message type bits of esm_class, and their value for an SMSC delivery receipt. */
const ESM_CLASS_TYPE_MASK = 0x3c;
const ESM_CLASS_RECEIPT = 0x04;
/** registered_delivery: a receipt for the final outcome, delivered or not. */
const REGISTERED_DELIVERY_FINAL = 1;
const TON_UNKNOWN = 0;
const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;
const NPI_UNKNOWN = 0;
const NPI_ISDN = 1;
const E164 = /^\+[1-9]\d{6,14}$/;

/** Command statuses that mean "not now" rather than "never". */
const STATUS_THROTTLED: ReadonlySet<number> = new Set([0x58 /* ESME_RTHROTTLED */, 0x14 /* ESME_RMSGQFUL */]);
const STATUS_TEMPORARY: ReadonlySet<number> = new Set([
  0x04 /* ESME_RINVBNDSTS */, 0x08 /* ESME_RSYSERR */, 0x45 /* ESME_RSUBMITFAIL */, 0x64 /* ESME_RX_T_APPN */,
]);

/** SMPP 3.4 message_state values as the receipt text names them (section 5.2.28). */
const MESSAGE_STATE_NAMES: Readonly<Record<number, string>> = {
  1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD',
};

type PartResult =
  | { readonly ok: true; readonly messageId: string }
  | { readonly ok: false; readonly outcome: SendOutcome };
type Address = { readonly ton: number; readonly npi: number; readonly addr: string };

export function createSmppProvider(opts: SmppProviderOptions): SmsProvider {
  for (const key of ['sendTimeoutMs', 'windowMax', 'reconnectMinMs', 'reconnectMaxMs'] as const) {
    assert(Number.isInteger(opts[key]) && opts[key] > 0, `SMPP option ${key} must be a positive integer`);
  }
  const enquire = opts.enquireLinkIntervalMs;
  assert(enquire === undefined || (Number.isInteger(enquire) && enquire > 0),
    'SMPP enquireLinkIntervalMs must be a positive integer');
  assert(opts.reconnectMinMs <= opts.reconnectMaxMs, 'SMPP reconnectMinMs must not exceed reconnectMaxMs');
  const source = address(opts.sourceAddr, true)
    ?? fail('SMPP sourceAddr must be a number or an alphanumeric name of at most 11 characters');
  return new SmppProvider(opts, source);
}

class SmppProvider implements SmsProvider {
  readonly channel = 'sms' as const;
  private readonly session: SmppSession;
  private receiptCallback: ((r: Receipt) => void) | undefined;
  // The 8-bit concatenation reference: distinct for texts in flight to one phone, which is all it needs.
  private reference = Math.floor(Math.random() * 256);

  constructor(private readonly opts: SmppProviderOptions, private readonly source: Address) {
    this.session = new SmppSession({
      host: opts.host, port: opts.port, systemId: opts.systemId, password: opts.password,
      requestTimeoutMs: opts.sendTimeoutMs, windowMax: opts.windowMax,
      reconnectMinMs: opts.reconnectMinMs, reconnectMaxMs: opts.reconnectMaxMs,
      enquireLinkIntervalMs: opts.enquireLinkIntervalMs ?? ENQUIRE_LINK_INTERVAL_MS,
      onRequest: (pdu, s) => answerRequest(pdu, s, (r) => this.receiptCallback?.(r)),
    });
  }

  onReceipt(cb: (r: Receipt) => void): void {
    this.receiptCallback = cb;
  }

  close(graceMs: number): Promise<void> {
    return this.session.close(graceMs);
  }

  async send(msg: OutgoingMessage): Promise<SendOutcome> {
    assert(msg.channel === 'sms', 'the SMS provider got a message for another channel');
    assert(typeof msg.to === 'string', 'an SMS goes to a phone number');
    assert(msg.text.length > 0, 'an SMS needs a text');
    const destination = address(msg.to, false);
    if (destination === undefined) return rejected('SMS_REJECTED', 'destination is not an E.164 number');
    const parts = splitSms(msg.text);
    if (parts.length > SMS_PARTS_MAX) {
      return rejected('SMS_TOO_LONG', `${parts.length} parts, at most ${SMS_PARTS_MAX}`);
    }
    const bound = await this.session.whenBound(Date.now() + this.opts.sendTimeoutMs);
    if (bound !== true) return retry('SMS_UNAVAILABLE', bound.detail, bound.retryAfterMs);
    const gsm = smsEncoding(msg.text) === 'gsm7';
    // One reference for all parts of this text, taken now: another send may move the counter
    // while this one awaits its parts' answers.
    this.reference = (this.reference + 1) & 0xff;
    const reference = this.reference;
    let firstId = '';
    for (const [i, part] of parts.entries()) {
      const payload = Buffer.from(gsm ? encodeGsm7(part) : encodeUcs2(part));
      const udh = parts.length === 1 ? undefined : Buffer.from([5, 0x00, 3, reference, parts.length, i + 1]);
      const result = await this.submitPart({
        source_addr_ton: this.source.ton, source_addr_npi: this.source.npi, source_addr: this.source.addr,
        dest_addr_ton: destination.ton, dest_addr_npi: destination.npi, destination_addr: destination.addr,
        esm_class: udh === undefined ? 0 : ESM_CLASS_UDHI,
        registered_delivery: REGISTERED_DELIVERY_FINAL,
        data_coding: gsm ? DATA_CODING_GSM7 : DATA_CODING_UCS2,
        short_message: udh === undefined ? payload : Buffer.concat([udh, payload]),
      });
      if (result.ok) {
        if (i === 0) firstId = result.messageId;
        continue;
      }
      if (i === 0) return result.outcome;
      const why = 'code' in result.outcome ? result.outcome.code : result.outcome.kind;
      return rejected('SMS_PARTIAL',
        `part ${i + 1} of ${parts.length} failed (${why}) after ${i} accepted; first ${firstId}`);
    }
    return { kind: 'accepted', providerId: firstId, parts: parts.length };
  }

  /** One submit_sm in a window slot: its message_id, or the outcome its failure stands for. */
  private async submitPart(fields: Record<string, unknown>): Promise<PartResult> {
    if (!(await this.session.acquire(Date.now() + this.opts.sendTimeoutMs))) {
      return { ok: false, outcome: retry('SMS_THROTTLED', 'no submit window slot in time') };
    }
    try {
      const result = await this.session.request('submit_sm', fields);
      if (result.kind === 'timeout') return { ok: false, outcome: retry('SMS_UNAVAILABLE', 'submit_sm_resp timeout') };
      if (result.kind === 'lost') return { ok: false, outcome: retry('SMS_UNAVAILABLE', result.detail) };
      const status = result.pdu.command_status;
      if (status === 0) return { ok: true, messageId: String(result.pdu['message_id'] ?? '') };
      return { ok: false, outcome: statusOutcome(status) };
    } finally {
      this.session.release();
    }
  }
}

/** An SMPP address for a number (E.164 as international, '+' dropped) or an alphanumeric sender name. */
function address(value: string, allowName: boolean): Address | undefined {
  if (E164.test(value)) return { ton: TON_INTERNATIONAL, npi: NPI_ISDN, addr: value.slice(1) };
  if (!allowName) return undefined;
  if (/^\d{1,15}$/.test(value)) return { ton: TON_UNKNOWN, npi: NPI_ISDN, addr: value };
  if (/^[\x20-\x7e]{1,11}$/.test(value) && value.length <= SMS_SENDER_ALNUM_MAX) {
    return { ton: TON_ALPHANUMERIC, npi: NPI_UNKNOWN, addr: value };
  }
  return undefined;
}

/** A programmer error in the options: crash with the reason. */
function fail(message: string): never {
  throw new Error(message);
}

function statusOutcome(status: number): SendOutcome {
  const detail = `command_status ${hexStatus(status)}`;
  if (STATUS_THROTTLED.has(status)) return retry('SMS_THROTTLED', detail);
  if (STATUS_TEMPORARY.has(status)) return retry('SMS_UNAVAILABLE', detail);
  return rejected('SMS_REJECTED', detail);
}

function retry(code: string, detail: string, retryAfterMs?: number): SendOutcome {
  return retryAfterMs === undefined ? { kind: 'retry', code, detail } : { kind: 'retry', code, detail, retryAfterMs };
}

function rejected(code: string, detail: string): SendOutcome {
  return { kind: 'rejected', code, detail };
}

/**
 * Answers a request from the SMSC. Every deliver_sm gets deliver_sm_resp OK (an unanswered one
 * is sent again and again); a delivery receipt among them is reported. Anything else is refused
 * with generic_nack: this session sends, it does not take mobile-originated traffic.
 */
function answerRequest(pdu: PDU, session: Session, report: (r: Receipt) => void): void {
  if (pdu.command !== 'deliver_sm') {
    session.send(pdu.response({ command_status: 0x03 /* ESME_RINVCMDID */ }));
    return;
  }
  session.send(pdu.response());
  const esmClass = typeof pdu['esm_class'] === 'number' ? pdu['esm_class'] : 0;
  if ((esmClass & ESM_CLASS_TYPE_MASK) !== ESM_CLASS_RECEIPT) return;
  const receipt = readReceipt(pdu, Date.now());
  if (receipt !== undefined) report(receipt);
}

/**
 * The receipt in a deliver_sm: the message id from the receipted_message_id TLV or the text's
 * `id:`, the state from the text's `stat:` or the message_state TLV. atMs is when we learnt of it:
 * the text's `done date` has minute precision and the SMSC's unstated time zone.
 */
export function readReceipt(pdu: PDU, atMs: number): Receipt | undefined {
  const parsed = parseReceiptText(messageText(pdu['short_message']) || messageText(pdu['message_payload']));
  const tlvId = pdu['receipted_message_id'];
  const providerId = typeof tlvId === 'string' && tlvId !== '' ? tlvId : parsed?.id;
  const tlvState = pdu['message_state'];
  const state = parsed?.stat ?? (typeof tlvState === 'number' ? MESSAGE_STATE_NAMES[tlvState] : undefined);
  if (providerId === undefined || state === undefined) return undefined;
  return { providerId, delivered: state === 'DELIVRD', state, atMs };
}

/** `id:... sub:... dlvrd:... submit date:... done date:... stat:... err:...` (SMPP 3.4 appendix B). */
export function parseReceiptText(text: string): { id: string; stat: string | undefined } | undefined {
  const id = /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  if (id === undefined) return undefined;
  const stat = /(?:^|\s)stat:(\S+)/i.exec(text)?.[1]?.toUpperCase();
  return { id, stat };
}

function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (typeof value === 'object' && value !== null && 'message' in value) return messageText(value.message);
  return '';
}
