// One bound SMPP transceiver session to the SMSC, kept alive for the SMS channel (./sms.ts):
// connect and bind_transceiver, an enquire_link every enquireLinkIntervalMs (a link that does
// not answer within the request timeout is dropped), reconnection with exponential backoff and
// jitter after any loss or refused bind, and a window: at most `windowMax` requests wait for
// their response at once, later ones queue (at most SEND_QUEUE_MAX) until a slot frees or their
// deadline passes. Every request ends as a value (a response, 'timeout' or 'lost'), never an
// exception, and a lost link ends every request in flight at once as 'lost'.
//
// Nothing here sees a phone number or a text; failure details carry command status codes only.

import smpp, { type PDU, type PduFields, type Session } from 'smpp';

/** How often a bound session proves the link with enquire_link, unless the options say otherwise. */
export const ENQUIRE_LINK_INTERVAL_MS = 30_000;
/** Sends waiting for a window slot, beyond which a send is refused at once (flow control, not a queue). */
export const SEND_QUEUE_MAX = 1_000;

export interface SmppSessionOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  /** The SMSC's time to answer a request (bind, submit_sm, enquire_link). */
  readonly requestTimeoutMs: number;
  readonly windowMax: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  readonly enquireLinkIntervalMs: number;
  /** Requests from the SMSC other than enquire_link and unbind (deliver_sm): the callee answers them. */
  readonly onRequest: (pdu: PDU, session: Session) => void;
}

export type RequestResult =
  | { readonly kind: 'response'; readonly pdu: PDU }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'lost'; readonly detail: string };

/** Why no bound session is there: 'starting' until the first attempt ends, then what the last attempt met. */
export type Unbound = { readonly kind: 'unbound'; readonly detail: string; readonly retryAfterMs?: number };

type State = 'connecting' | 'bound' | 'backoff' | 'closed';
type Pending = { resolve: (r: RequestResult) => void; timer: NodeJS.Timeout };
type Waiter = { wake: () => void };
type SlotWaiter = { settle: (granted: boolean) => void };

export class SmppSession {
  private state: State = 'connecting';
  private session: Session | undefined;
  private failures = 0;
  private lastDetail = 'starting';
  private nextAttemptAtMs = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private enquireTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly stateWaiters = new Set<Waiter>();
  private readonly slotQueue: SlotWaiter[] = [];
  private inFlight = 0;

  constructor(private readonly opts: SmppSessionOptions) {
    this.attempt();
  }

  get bound(): boolean { return this.state === 'bound'; }

  /** Resolves when bound, or with why not once the attempt under way ends or the deadline passes. */
  async whenBound(deadlineMs: number): Promise<true | Unbound> {
    while (this.state === 'connecting' && Date.now() < deadlineMs) {
      await this.waitOn(this.stateWaiters, deadlineMs);
    }
    if (this.state === 'bound') return true;
    if (this.state === 'closed') return { kind: 'unbound', detail: 'provider closed' };
    if (this.state === 'connecting') return { kind: 'unbound', detail: 'bind not answered in time' };
    return { kind: 'unbound', detail: this.lastDetail, retryAfterMs: Math.max(0, this.nextAttemptAtMs - Date.now()) };
  }

  /** Takes a window slot by the deadline; false when the queue is full or the deadline passes. Pair with release(). */
  acquire(deadlineMs: number): Promise<boolean> {
    if (this.state === 'closed') return Promise.resolve(false);
    if (this.inFlight < this.opts.windowMax && this.slotQueue.length === 0) {
      this.inFlight++;
      return Promise.resolve(true);
    }
    if (this.slotQueue.length >= SEND_QUEUE_MAX) return Promise.resolve(false);
    return new Promise((resolve) => {
      const entry: SlotWaiter = {
        settle: (granted) => {
          clearTimeout(timer);
          const i = this.slotQueue.indexOf(entry);
          if (i >= 0) this.slotQueue.splice(i, 1);
          resolve(granted);
        },
      };
      const timer = setTimeout(() => entry.settle(false), Math.max(0, deadlineMs - Date.now()));
      this.slotQueue.push(entry);
    });
  }

  /** Frees a slot: it passes straight to the first queued sender, so a newcomer cannot overtake. */
  release(): void {
    const next = this.slotQueue[0];
    if (next === undefined) this.inFlight--;
    else next.settle(true);
  }

  /** Sends one request on the bound session and waits for its response at most requestTimeoutMs. */
  request(command: string, fields: PduFields): Promise<RequestResult> {
    const session = this.session;
    if (this.state !== 'bound' || session === undefined) return Promise.resolve({ kind: 'lost', detail: 'not bound' });
    return this.requestOn(session, new smpp.PDU(command, fields));
  }

  /** Stops reconnecting, waits for requests in flight at most graceMs, unbinds and drops the link. */
  async close(graceMs: number): Promise<void> {
    if (this.state === 'closed') return;
    const wasBound = this.state === 'bound';
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    clearInterval(this.enquireTimer);
    this.wakeAll();
    const deadlineMs = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < deadlineMs) await this.waitOn(this.stateWaiters, deadlineMs);
    const session = this.session;
    if (session === undefined) return;
    if (wasBound && !session.socket.destroyed) {
      // A polite unbind, bounded by the grace left: the SMSC may be the thing that is gone.
      const unbind = this.requestOn(session, new smpp.PDU('unbind'));
      await Promise.race([unbind, sleep(Math.max(0, deadlineMs - Date.now()))]);
    }
    await new Promise<void>((resolve) => {
      if (session.socket.destroyed) resolve();
      else session.destroy(() => resolve());
    });
  }

  private requestOn(session: Session, pdu: PDU): Promise<RequestResult> {
    return new Promise((resolve) => {
      const sent = session.send(pdu, (resp) => this.settle(resp.sequence_number, { kind: 'response', pdu: resp }));
      if (!sent) {
        resolve({ kind: 'lost', detail: 'socket not writable' });
        return;
      }
      const seq = pdu.sequence_number;
      const timer = setTimeout(() => this.settle(seq, { kind: 'timeout' }), this.opts.requestTimeoutMs);
      this.pending.set(seq, { resolve, timer });
    });
  }

  private settle(seq: number, result: RequestResult): void {
    const p = this.pending.get(seq);
    if (p === undefined) return; // A response after its timeout: the caller has moved on.
    this.pending.delete(seq);
    clearTimeout(p.timer);
    p.resolve(result);
    if (this.state === 'closed' && this.pending.size === 0) this.wakeAll();
  }

  private attempt(): void {
    this.setState('connecting');
    const session = smpp.connect({ host: this.opts.host, port: this.opts.port });
    this.session = session;
    // Without an 'error' listener an EventEmitter throws: a refused connection must stay a value.
    session.on('error', (err: Error & { code?: string }) => {
      this.lastDetail = `connection error ${err.code ?? 'unknown'}`;
      session.destroy();
    });
    session.on('close', () => this.onClose(session));
    session.on('pdu', (pdu) => this.onPdu(session, pdu));
    session.on('connect', () => void this.bind(session));
  }

  private async bind(session: Session): Promise<void> {
    const result = await this.requestOn(session, new smpp.PDU('bind_transceiver', {
      system_id: this.opts.systemId, password: this.opts.password,
    }));
    if (this.session !== session || this.state !== 'connecting') return;
    if (result.kind === 'response' && result.pdu.command_status === 0) {
      this.failures = 0;
      this.setState('bound');
      this.enquireTimer = setInterval(() => void this.enquire(session), this.opts.enquireLinkIntervalMs);
      return;
    }
    this.lastDetail = result.kind === 'response'
      ? `bind refused, command_status ${hexStatus(result.pdu.command_status)}`
      : result.kind === 'timeout' ? 'bind not answered in time' : result.detail;
    session.destroy();
  }

  private async enquire(session: Session): Promise<void> {
    const result = await this.requestOn(session, new smpp.PDU('enquire_link'));
    if (result.kind === 'timeout' && this.session === session) {
      this.lastDetail = 'enquire_link not answered in time';
      session.destroy();
    }
  }

  private onPdu(session: Session, pdu: PDU): void {
    if (pdu.isResponse()) return; // Matched to its request by the library's callback.
    if (pdu.command === 'enquire_link') session.send(pdu.response());
    else if (pdu.command === 'unbind') {
      this.lastDetail = 'the SMSC unbound';
      session.send(pdu.response(), () => session.destroy());
    } else this.opts.onRequest(pdu, session);
  }

  private onClose(session: Session): void {
    if (this.session !== session) return;
    clearInterval(this.enquireTimer);
    if (this.state === 'bound') this.lastDetail = 'connection lost';
    for (const seq of [...this.pending.keys()]) this.settle(seq, { kind: 'lost', detail: 'connection lost' });
    if (this.state === 'closed') return;
    // Exponential backoff with equal jitter: a fleet of notifiers does not reconnect in step.
    const ceilingMs = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectMinMs * 2 ** Math.min(this.failures, 20));
    const delayMs = Math.round(ceilingMs / 2 + Math.random() * (ceilingMs / 2));
    this.failures++;
    this.nextAttemptAtMs = Date.now() + delayMs;
    this.setState('backoff');
    this.reconnectTimer = setTimeout(() => this.attempt(), delayMs);
  }

  private setState(state: State): void {
    this.state = state;
    for (const w of [...this.stateWaiters]) w.wake();
  }

  private wakeAll(): void {
    for (const w of [...this.stateWaiters]) w.wake();
    for (const w of [...this.slotQueue]) w.settle(false);
  }

  /** Waits until woken through `list` or until the deadline; always resolves. */
  private waitOn(list: Set<Waiter>, deadlineMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        wake: () => {
          clearTimeout(timer);
          list.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(() => waiter.wake(), Math.max(0, deadlineMs - Date.now()));
      list.add(waiter);
    });
  }
}

export function hexStatus(status: number): string {
  return `0x${status.toString(16).padStart(8, '0').toUpperCase()}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
