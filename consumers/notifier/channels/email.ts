// The e-mail channel: one SMTP submission per send() through nodemailer's pooled transport, the
// outcome mapped to a SendOutcome value. The pool keeps up to `connectionsMax` connections open
// to one relay, so a burst of morning notices does not pay a TCP and EHLO round per letter.
//
// One attempt per call: nodemailer's pool would otherwise put a message whose connection
// dropped back on its own queue up to five times; the outbox owns retries, so requeues are off.
// Every message carries a Message-ID made from the outbox key, so a letter that is sent again
// after an ambiguous failure (a timeout after DATA) has the same id and can be recognised.
//
// Personal data (the address, the subject and the text) goes to the relay and nowhere else:
// nodemailer's logger is off, and an outcome's detail holds the SMTP reply code, the library's
// error code and the SMTP command, never the server's reply text (which often quotes the address).
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPPoolSentMessageInfo } from 'nodemailer';
import type { OutgoingMessage, Provider, SendOutcome } from './provider.js';

/** Outcome codes of the e-mail channel (SendOutcome.code). */
export const EMAIL_CODES = {
  /** retry: the relay could not be reached (refused, reset, DNS, no greeting in time) or the provider is closed. */
  SMTP_UNAVAILABLE: 'SMTP_UNAVAILABLE',
  /** retry: no final reply within sendTimeoutMs; the relay may have taken the letter (same Message-ID next time). */
  SMTP_TIMEOUT: 'SMTP_TIMEOUT',
  /** retry: a 4xx reply (greylisting, mailbox busy, 421 shutting down) or 503. */
  SMTP_TEMPORARY: 'SMTP_TEMPORARY',
  /** retry: the relay refused our login; a configuration problem, not the letter's. */
  SMTP_AUTH_FAILED: 'SMTP_AUTH_FAILED',
  /** retry: the relay refused our sender address (MAIL FROM); a configuration problem, not the letter's. */
  SMTP_SENDER_REFUSED: 'SMTP_SENDER_REFUSED',
  /** rejected: a 5xx reply for the recipient or the message (no such mailbox, too large, content refused). */
  SMTP_REJECTED: 'SMTP_REJECTED',
  /** rejected: nodemailer refused to build or address the letter (a malformed address). */
  SMTP_MESSAGE_INVALID: 'SMTP_MESSAGE_INVALID',
} as const;
export type EmailCode = keyof typeof EMAIL_CODES;

export interface EmailProviderOptions {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465). Without it, STARTTLS is used when the relay offers it. */
  readonly secure?: boolean;
  /** The From header and the envelope sender. */
  readonly from: string;
  readonly auth?: { readonly user: string; readonly pass: string } | null;
  /** Connections the pool keeps to the relay at most. */
  readonly connectionsMax: number;
  /** Deadline of one send: the wait for a pool connection, connecting, and the whole SMTP exchange. */
  readonly sendTimeoutMs: number;
}

/** A pooled connection unused this long is closed by the pool (the relay would drop it after about 5 minutes). */
export const POOL_IDLE_MS = 30_000;
/** Letters one connection carries before the pool replaces it (relays limit messages per session). */
export const POOL_MESSAGES_PER_CONNECTION_MAX = 100;
/** How long a closing socket waits for the relay to close its side. */
export const SOCKET_CLOSE_WAIT_MS = 1_000;
/** Outbox keys longer than this are a programmer error (the Message-ID line must stay short). */
export const KEY_LENGTH_MAX = 200;
const CONNECTIONS_MAX_LIMIT = 100;
const SEND_TIMEOUT_MS_MIN = 100;
const SEND_TIMEOUT_MS_MAX = 600_000;

/**
 * The Message-ID of the letter for an outbox key: `<key@tapgate>`, with every character that may
 * not stand in a dot-atom (and '.', '%') percent-encoded, so any printable key gives a valid,
 * deterministic id.
 */
export function messageIdFor(key: string): string {
  const local = key.replace(/[^A-Za-z0-9!#$&'*+/=?^_`{|}~-]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `<${local}@tapgate>`;
}

/** What the 250 reply names the letter by: a relay's queue id ("queued as X"), else the Message-ID. */
function providerIdOf(info: SMTPPoolSentMessageInfo): string {
  const queued = /queued as ([A-Za-z0-9._-]{1,64})/i.exec(String(info.response ?? ''));
  if (queued !== null) return queued[1]!;
  return info.serverMessageId ?? info.messageId;
}

/** The detail of an outcome: reply code, library code, errno code and SMTP command; never reply text. */
function detailOf(err: NodemailerError): string {
  const parts: string[] = [];
  if (typeof err.responseCode === 'number') parts.push(`smtp=${err.responseCode}`);
  if (typeof err.code === 'string') parts.push(`code=${err.code}`);
  if (typeof err.originalCode === 'string') parts.push(`errno=${err.originalCode}`);
  if (typeof err.timeoutType === 'string') parts.push(`timeout=${err.timeoutType}`);
  if (typeof err.command === 'string' && /^[A-Z ]{1,16}$/.test(err.command)) parts.push(`command=${err.command}`);
  return parts.join(' ') || 'code=UNKNOWN';
}

const CONNECT_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET']);
const CONNECT_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * Maps a nodemailer error to an outcome. Configuration problems (login, sender) are retried:
 * the letter itself is fine and would be lost to a dead letter for an operator's mistake.
 */
export function outcomeOfError(err: NodemailerError): SendOutcome {
  const detail = detailOf(err);
  const retry = (code: EmailCode): SendOutcome => ({ kind: 'retry', code, detail });
  if (err.code === 'EABORT') return retry('SMTP_TIMEOUT');
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') return retry('SMTP_AUTH_FAILED');
  if (err.code === 'ETIMEDOUT') return retry(CONNECT_TIMEOUTS.has(err.timeoutType ?? '') ? 'SMTP_UNAVAILABLE' : 'SMTP_TIMEOUT');
  if (typeof err.responseCode === 'number' && err.responseCode >= 400) {
    if (err.responseCode < 500 || err.permanent === false) return retry('SMTP_TEMPORARY');
    if (err.command === 'MAIL FROM') return retry('SMTP_SENDER_REFUSED');
    return { kind: 'rejected', code: 'SMTP_REJECTED', detail };
  }
  if (typeof err.code === 'string' && CONNECT_CODES.has(err.code)) return retry('SMTP_UNAVAILABLE');
  if (err.code === 'EENVELOPE' || err.code === 'EMESSAGE' || err.code === 'EMAXRECIPIENTS') {
    return { kind: 'rejected', code: 'SMTP_MESSAGE_INVALID', detail };
  }
  // Anything else (a closed pool, an unexpected reply, an error without a code) is taken as
  // the relay's trouble: retrying costs little, rejecting would lose the letter.
  return retry('SMTP_UNAVAILABLE');
}

function checkOptions(opts: EmailProviderOptions): void {
  const within = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!within(opts.port, 1, 65_535)) throw new Error('email provider: port must be 1..65535');
  if (!within(opts.connectionsMax, 1, CONNECTIONS_MAX_LIMIT)) {
    throw new Error(`email provider: connectionsMax must be 1..${CONNECTIONS_MAX_LIMIT}`);
  }
  if (!within(opts.sendTimeoutMs, SEND_TIMEOUT_MS_MIN, SEND_TIMEOUT_MS_MAX)) {
    throw new Error(`email provider: sendTimeoutMs must be ${SEND_TIMEOUT_MS_MIN}..${SEND_TIMEOUT_MS_MAX}`);
  }
  if (opts.host === '' || opts.from === '') throw new Error('email provider: host and from must be set');
}

function checkMessage(msg: OutgoingMessage): asserts msg is OutgoingMessage & { to: string } {
  if (msg.channel !== 'email') throw new Error(`email provider: a message for channel ${msg.channel}`);
  if (typeof msg.to !== 'string') throw new Error('email provider: the recipient must be an address');
  if (!/^[\x21-\x7e]+$/.test(msg.key) || msg.key.length > KEY_LENGTH_MAX) {
    throw new Error(`email provider: the key must be 1..${KEY_LENGTH_MAX} printable ASCII characters`);
  }
}

export function createEmailProvider(opts: EmailProviderOptions): Provider {
  checkOptions(opts);
  const transport = nodemailer.createTransport({
    pool: true,
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? false,
    ...(opts.auth ? { auth: { user: opts.auth.user, pass: opts.auth.pass } } : {}),
    maxConnections: opts.connectionsMax,
    maxMessages: POOL_MESSAGES_PER_CONNECTION_MAX,
    maxRequeues: 0,
    idleTimeout: POOL_IDLE_MS,
    // Half the send budget each for the TCP connect and for the greeting: a relay that does not
    // greet in that time is reported as unavailable before the whole deadline ends the send.
    connectionTimeout: Math.floor(opts.sendTimeoutMs / 2),
    greetingTimeout: Math.floor(opts.sendTimeoutMs / 2),
    dnsTimeout: Math.floor(opts.sendTimeoutMs / 2),
    // Longer than the idle close, so an idle connection is closed by the pool, not by a timeout
    // error; a stalled exchange is ended earlier by the per-send deadline below.
    socketTimeout: POOL_IDLE_MS + opts.sendTimeoutMs,
    socketCloseTimeout: SOCKET_CLOSE_WAIT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
  const inFlight = new Set<Promise<SendOutcome>>();
  let closed = false;

  async function sendOnce(msg: OutgoingMessage & { to: string }): Promise<SendOutcome> {
    // The deadline covers the wait for a pooled connection too: on abort, the pool takes the
    // letter off its queue, or closes the connection that carries it.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), opts.sendTimeoutMs);
    try {
      const info = await transport.sendMail({
        from: opts.from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        ...(msg.html === undefined ? {} : { html: msg.html }),
        // Base64, not quoted-printable, for any part with a non-ASCII character: it arrives
        // byte-exact (a quoted-printable body gains a final line break and may lose trailing
        // spaces). A pure ASCII part is still sent 7bit, with the final line break SMTP adds.
        textEncoding: 'base64',
        messageId: messageIdFor(msg.key),
        headers: { 'X-Tapgate-Key': msg.key },
        signal: deadline.signal,
      });
      return { kind: 'accepted', providerId: providerIdOf(info), parts: 1 };
    } catch (e: unknown) {
      return outcomeOfError((e instanceof Error ? e : new Error(String(e))) as NodemailerError);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    channel: 'email',
    async send(msg: OutgoingMessage): Promise<SendOutcome> {
      checkMessage(msg);
      if (closed) return { kind: 'retry', code: 'SMTP_UNAVAILABLE', detail: 'code=CLOSED' };
      const p = sendOnce(msg);
      inFlight.add(p);
      try {
        return await p;
      } finally {
        inFlight.delete(p);
      }
    },
    async close(graceMs: number): Promise<void> {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, graceMs)); });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      // Sends still running after the grace are cut off; they resolve as retry outcomes.
      transport.close({ force: true });
      await Promise.allSettled([...inFlight]);
    },
  };
}
