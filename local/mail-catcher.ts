// A local stand-in for the outside mail relay: a real SMTP server (smtp-server) that keeps the
// letters it takes in memory, parsed with mailparser, and a small HTTP server that shows them
// (a Russian web page for developers, and a JSON API for tests and scripts).
//
// It is for development and tests on loopback only: no TLS (STARTTLS is not offered), login
// optional, letters kept in memory up to MESSAGES_KEPT_MAX with the oldest dropped first. For
// fault tests it answers real SMTP failures: a chosen recipient refused at RCPT TO, or the next
// N letters refused after DATA, with a 4xx or 5xx code; and its SMTP side can be stopped and
// started again on the same port, so a client meets a refused connection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { inboxPage, LETTER_HTML_CSP, letterPage, notFoundPage, PAGE_CSP } from './mail-catcher-page.js';

/** Letters kept in memory; the oldest is dropped when one more arrives. */
export const MESSAGES_KEPT_MAX = 10_000;
/** SIZE the server announces; a larger letter is answered 552 (RFC 1870). */
export const MESSAGE_BYTES_MAX = 1_048_576;
/** SMTP connections at once. */
export const SMTP_CLIENTS_MAX = 200;
/** An SMTP connection silent this long is closed. */
export const SMTP_SOCKET_TIMEOUT_MS = 60_000;
/** When the SMTP side stops, connections still open get this long before a 421 closes them. */
export const SMTP_CLOSE_GRACE_MS = 200;
/** Letters one waitFor() call may wait for at most this long. */
export const WAIT_FOR_MS_MAX = 600_000;

export interface CaughtMail {
  /** The catcher's own id, in arrival order ("1", "2", ...); the 250 reply says "queued as <id>". */
  readonly id: string;
  readonly receivedAtMs: number;
  /** Envelope sender (MAIL FROM). */
  readonly from: string;
  /** Envelope recipients (RCPT TO), lowercased. */
  readonly to: readonly string[];
  readonly subject: string;
  /** As mailparser decodes it: a quoted-printable or 7bit body keeps the line break that ends it. */
  readonly text: string;
  readonly html: string | null;
  /** The Message-ID header, angle brackets included. */
  readonly messageId: string | null;
  /** Headers with a plain string value, by lowercase name (e.g. 'x-tapgate-key'). */
  readonly headers: Readonly<Record<string, string>>;
  readonly sizeBytes: number;
}

export interface MailCatcherOptions {
  /** Both servers listen here; 127.0.0.1 unless given. */
  readonly host?: string;
  /** 0 (the default) lets the OS choose. */
  readonly smtpPort?: number;
  readonly httpPort?: number;
  /** Letters kept; MESSAGES_KEPT_MAX unless given. */
  readonly messagesMax?: number;
  /** When set, SMTP clients must log in with these (PLAIN or LOGIN, over plain TCP). */
  readonly auth?: { readonly user: string; readonly pass: string } | null;
}

export interface MailCatcher {
  readonly smtpPort: number;
  readonly httpPort: number;
  /** The web page, e.g. http://127.0.0.1:40123/ */
  readonly url: string;
  /** Letters in arrival order, optionally only those to one address (case-insensitive). */
  messages(filter?: { readonly to?: string }): readonly CaughtMail[];
  /** Resolves with all letters once `pred` holds over them; rejects after timeoutMs. */
  waitFor(pred: (all: readonly CaughtMail[]) => boolean, timeoutMs: number): Promise<readonly CaughtMail[]>;
  clear(): void;
  /** SMTP sessions: open now, the most open at once, and opened in all (to check a client's pooling). */
  sessions(): { readonly open: number; readonly peak: number; readonly opened: number };
  /** RCPT TO this address is answered with `code` (400..599) until called again with null. */
  failRecipient(address: string, code: number | null): void;
  /** The next `count` letters are answered with `code` (400..599) after DATA, then letters are taken again. */
  failNext(count: number, code: number): void;
  /** Stops listening for SMTP and closes SMTP connections; the port is refused until startSmtp(). */
  stopSmtp(): Promise<void>;
  /** Listens for SMTP again on the same port. */
  startSmtp(): Promise<void>;
  close(): Promise<void>;
}

type Failure = Error & { responseCode: number };

/** A real SMTP reply: code and text; smtp-server adds the enhanced status code. */
function failure(code: number, what: string): Failure {
  const kind = code >= 500 ? 'Permanent' : 'Temporary';
  const text = `${kind} failure (${what}, tapgate mail catcher)`;
  return Object.assign(new Error(text), { responseCode: code });
}

function checkCode(code: number): void {
  if (!Number.isInteger(code) || code < 400 || code > 599) throw new Error('mail catcher: a failure code must be 400..599');
}

/** The letter store with its waiters: a bounded array, oldest first. */
class Store {
  private readonly list: CaughtMail[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 1;
  constructor(private readonly max: number) {}

  newId(): string { return String(this.nextId++); }

  add(m: CaughtMail): void {
    this.list.push(m);
    if (this.list.length > this.max) this.list.splice(0, this.list.length - this.max);
    for (const w of [...this.waiters]) w();
  }

  all(): readonly CaughtMail[] { return this.list.slice(); }

  clear(): void {
    this.list.length = 0;
    for (const w of [...this.waiters]) w();
  }

  waitFor(pred: (all: readonly CaughtMail[]) => boolean, timeoutMs: number): Promise<readonly CaughtMail[]> {
    if (!(timeoutMs > 0 && timeoutMs <= WAIT_FOR_MS_MAX)) {
      return Promise.reject(new Error(`mail catcher: waitFor timeout must be 1..${WAIT_FOR_MS_MAX} ms`));
    }
    return new Promise((resolve, reject) => {
      const check = () => {
        const all = this.all();
        if (!pred(all)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(all);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`mail catcher: waitFor timed out after ${timeoutMs} ms with ${this.list.length} letters`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

function stringHeaders(headers: Map<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) if (typeof value === 'string') out[name] = value;
  return out;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseLetter(id: string, raw: Buffer, session: SMTPServerSession): Promise<CaughtMail> {
  const parsed = await simpleParser(raw);
  const mailFrom = session.envelope.mailFrom;
  return {
    id,
    receivedAtMs: Date.now(),
    from: mailFrom === false ? '' : mailFrom.address,
    to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    messageId: parsed.messageId ?? null,
    headers: stringHeaders(parsed.headers),
    sizeBytes: raw.length,
  };
}

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const store = new Store(opts.messagesMax ?? MESSAGES_KEPT_MAX);
  const failRecipients = new Map<string, number>();
  let failNext = { count: 0, code: 0 };
  const auth = opts.auth ?? null;
  const openSessions = new Set<string>();
  const sessionStats = { peak: 0, opened: 0 };

  const smtpOptions: SMTPServerOptions = {
    banner: 'tapgate mail catcher',
    logger: false,
    size: MESSAGE_BYTES_MAX,
    rejectOversized: true,
    maxClients: SMTP_CLIENTS_MAX,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    closeTimeout: SMTP_CLOSE_GRACE_MS,
    // STARTTLS would offer smtp-server's built-in test certificate, which clients rightly refuse.
    disabledCommands: auth === null ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: auth === null,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(a, _session, callback) {
      if (auth !== null && a.username === auth.user && a.password === auth.pass) return callback(null, { user: a.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onConnect(session, callback) {
      openSessions.add(session.id);
      sessionStats.opened++;
      sessionStats.peak = Math.max(sessionStats.peak, openSessions.size);
      callback();
    },
    onClose(session) {
      openSessions.delete(session.id);
    },
    onRcptTo(address, _session, callback) {
      const code = failRecipients.get(address.address.toLowerCase());
      callback(code === undefined ? null : failure(code, 'recipient'));
    },
    onData(stream, session, callback) {
      readAll(stream).then(async (raw) => {
        if (stream.sizeExceeded) return callback(failure(552, 'too large'));
        if (failNext.count > 0) {
          failNext = { count: failNext.count - 1, code: failNext.code };
          return callback(failure(failNext.code, 'message'));
        }
        const letter = await parseLetter(store.newId(), raw, session);
        store.add(letter);
        return callback(null, `OK: queued as ${letter.id}`);
      }).catch(() => callback(failure(451, 'could not read the letter')));
    },
  };

  let smtpPort = opts.smtpPort ?? 0;
  let smtp: SMTPServer | null = null;
  const startSmtp = async (): Promise<void> => {
    if (smtp !== null) return;
    const server = new SMTPServer(smtpOptions);
    // A client that goes away mid-session (a SIGKILLed notifier) is that session's end, not the catcher's.
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(smtpPort, host, () => { server.server.off('error', reject); resolve(); });
    });
    smtpPort = (server.server.address() as AddressInfo).port;
    smtp = server;
  };
  const stopSmtp = async (): Promise<void> => {
    const server = smtp;
    if (server === null) return;
    smtp = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await startSmtp();

  const http = createServer((req, res) => route(req, res, store));
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(opts.httpPort ?? 0, host, () => { http.off('error', reject); resolve(); });
    });
  } catch (e) {
    await stopSmtp();
    throw e;
  }
  const httpPort = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    get smtpPort() { return smtpPort; },
    httpPort,
    url: `http://${urlHost}:${httpPort}/`,
    messages: (filter) => filterTo(store.all(), filter?.to),
    waitFor: (pred, timeoutMs) => store.waitFor(pred, timeoutMs),
    clear: () => store.clear(),
    sessions: () => ({ open: openSessions.size, ...sessionStats }),
    failRecipient(address, code) {
      if (code === null) { failRecipients.delete(address.toLowerCase()); return; }
      checkCode(code);
      failRecipients.set(address.toLowerCase(), code);
    },
    failNext(count, code) {
      if (!Number.isInteger(count) || count < 0) throw new Error('mail catcher: failNext count must be an integer >= 0');
      checkCode(code);
      failNext = { count, code };
    },
    stopSmtp,
    startSmtp,
    async close() {
      await stopSmtp();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function filterTo(all: readonly CaughtMail[], to: string | undefined): readonly CaughtMail[] {
  if (to === undefined || to === '') return all;
  const want = to.toLowerCase();
  return all.filter((m) => m.to.includes(want));
}

function send(res: ServerResponse, status: number, type: string, body: string, csp = PAGE_CSP): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

/** The HTTP routes: two pages, the HTML part of a letter, and the JSON API. */
function route(req: IncomingMessage, res: ServerResponse, store: Store): void {
  const url = new URL(req.url ?? '/', 'http://catcher');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const byId = (raw: string) => {
    let id: string;
    try { id = decodeURIComponent(raw); } catch { return undefined; }
    return store.all().find((m) => m.id === id);
  };
  if (path === '/api/messages') {
    if (method === 'GET') return json(res, 200, filterTo(store.all(), url.searchParams.get('to') ?? undefined));
    if (method === 'DELETE') { store.clear(); res.writeHead(204).end(); return; }
    return json(res, 405, { error: 'method not allowed' });
  }
  if (method !== 'GET') return json(res, 405, { error: 'method not allowed' });
  if (path === '/') return send(res, 200, 'text/html', inboxPage(store.all()));
  const api = /^\/api\/messages\/([^/]+)$/.exec(path);
  if (api !== null) {
    const m = byId(api[1]!);
    return m === undefined ? json(res, 404, { error: 'not found' }) : json(res, 200, m);
  }
  const page = /^\/messages\/([^/]+)(\/html)?$/.exec(path);
  const m = page === null ? undefined : byId(page[1]!);
  if (page === null || m === undefined) return send(res, 404, 'text/html', notFoundPage());
  if (page[2] === undefined) return send(res, 200, 'text/html', letterPage(m));
  if (m.html === null) return send(res, 404, 'text/html', notFoundPage());
  return send(res, 200, 'text/html', m.html, LETTER_HTML_CSP);
}
