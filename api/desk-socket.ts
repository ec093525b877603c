// The guard's desk live feed, socket side: the WebSocket route /api/v1/desk/feed?schoolId=ID
// on the API's uWS app (docs/console.md "Guard's desk"). The upgrade is authenticated from the
// console session cookie (a guard of that school, or a city administrator) and refused with an
// HTTP error before any WebSocket exists: 401 without a valid session, 403 from another site
// (Origin, against cross-site WebSocket hijacking) or for a school out of scope, 429 beyond the
// socket limits. An open socket is re-checked against its session every DESK_SESSION_CHECK_MS
// and closed with 4401 once the session ended. The page sends nothing; the hub (desk-feed.ts)
// pushes.
import type * as UWS from 'uWebSockets.js';
import { ID_PATTERN, type RegistryIndex } from '../core/index.js';
import type { Logger } from '../lib/index.js';
import { API_ERRORS, STATUS_TEXT, type ApiErrorCode } from './errors.js';
import { DESK_BUFFERED_BYTES_MAX, type DeskHub, type DeskWatch } from './desk-feed.js';
import type { SessionStore } from './sessions.js';

export const DESK_FEED_PATH = '/desk/feed';
/** Desk sockets one console session may hold (a guard with the desk open in a few tabs). */
export const DESK_SOCKETS_PER_SESSION_MAX = 4;
/** Desk sockets one API process holds, at most. */
export const DESK_SOCKETS_MAX = 2000;
/** How often an open socket's session is checked again, in ms. */
export const DESK_SESSION_CHECK_MS = 5000;
/** Largest message a page may send, in bytes (it has nothing to say; pings are control frames). */
export const DESK_PAYLOAD_BYTES_MAX = 512;
/** Seconds without traffic before uWS closes a socket; it pings well before that. */
export const DESK_IDLE_TIMEOUT_S = 60;
/** Close codes a page may see (besides 1001 when the API stops). */
export const DESK_CLOSE = { sessionEnded: 4401, startFailed: 4503 } as const;

/** One route served by the API's uWS app as a WebSocket. */
export interface WsRoute {
  /** Path under /api/v1. */
  readonly path: string;
  readonly behavior: UWS.WebSocketBehavior<DeskSocketData>;
}

export interface DeskSocketData {
  readonly schoolId: string;
  readonly sessionId: string;
  /** The Cookie header the socket was opened with, kept in memory to re-check the session. */
  readonly cookie: string;
  watch: DeskWatch | null;
}

export interface DeskDeps {
  readonly hub: DeskHub;
  readonly registry: RegistryIndex;
  /** Sessions, which already end with their token's revocation. */
  readonly sessions: SessionStore;
  readonly log: Logger;
}

/** What of an upgrade request decides whether it may open the feed. */
export interface UpgradeHeaders { readonly cookie: string; readonly origin: string; readonly host: string; readonly query: string }

type Verdict = { ok: true; schoolId: string; sessionId: string } | { ok: false; code: ApiErrorCode; message: string };

/** Whether a Cookie header holds a live session whose role may watch the school. */
export function deskAccess(d: Pick<DeskDeps, 'registry' | 'sessions'>, h: UpgradeHeaders,
  socketsOf: (sessionId: string) => number, total: number): Verdict {
  if (h.origin !== `http://${h.host}` && h.origin !== `https://${h.host}`) {
    return { ok: false, code: 'API_CSRF', message: 'the feed is open only to pages of this server (Origin)' };
  }
  const session = h.cookie === '' ? null : d.sessions.authenticate(h.cookie);
  if (session === null) {
    return { ok: false, code: 'API_UNAUTHENTICATED', message: 'sign in to the console first' };
  }
  const schoolId = new URLSearchParams(h.query).get('schoolId') ?? '';
  if (!ID_PATTERN.test(schoolId)) return { ok: false, code: 'API_INVALID_REQUEST', message: 'give schoolId' };
  const allowed = session.role === 'city_admin' || (session.role === 'guard' && session.schoolIds.includes(schoolId));
  if (!allowed) return { ok: false, code: 'API_FORBIDDEN', message: `role ${session.role} may not watch this school's desk` };
  if (!d.registry.schools.has(schoolId)) return { ok: false, code: 'API_NOT_FOUND', message: 'no school with this id' };
  if (total >= DESK_SOCKETS_MAX || socketsOf(session.id) >= DESK_SOCKETS_PER_SESSION_MAX) {
    return { ok: false, code: 'API_TOO_MANY_REQUESTS', message: `at most ${DESK_SOCKETS_PER_SESSION_MAX} desk feeds per session` };
  }
  return { ok: true, schoolId, sessionId: session.id };
}

function refuse(res: UWS.HttpResponse, code: ApiErrorCode, message: string): void {
  const status = API_ERRORS[code][0];
  res.cork(() => {
    res.writeStatus(`${status} ${STATUS_TEXT[status] ?? ''}`)
      .writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store')
      .end(JSON.stringify({ error: { code, message, details: {} } }), true);
  });
}

/** The desk feed's WebSocket route; `stop()` closes every socket (1001) and the session checks. */
export function deskFeedRoute(d: DeskDeps): { route: WsRoute; stop(): void } {
  const open = new Map<UWS.WebSocket<DeskSocketData>, string>();
  const socketsOf = (sessionId: string) => { let n = 0; for (const s of open.values()) if (s === sessionId) n++; return n; };
  const check = setInterval(() => {
    for (const ws of open.keys()) {
      const data = ws.getUserData();
      if (d.sessions.authenticate(data.cookie) === null) ws.end(DESK_CLOSE.sessionEnded, 'session ended');
    }
  }, DESK_SESSION_CHECK_MS);
  check.unref();
  const behavior: UWS.WebSocketBehavior<DeskSocketData> = {
    compression: 0, maxPayloadLength: DESK_PAYLOAD_BYTES_MAX, idleTimeout: DESK_IDLE_TIMEOUT_S,
    maxBackpressure: 2 * DESK_BUFFERED_BYTES_MAX, closeOnBackpressureLimit: 0, sendPingsAutomatically: true,
    upgrade: (res, req, context) => {
      const h: UpgradeHeaders = { cookie: req.getHeader('cookie'), origin: req.getHeader('origin'), host: req.getHeader('host'),
        query: req.getQuery() ?? '' };
      const v = deskAccess(d, h, socketsOf, open.size);
      if (!v.ok) { d.log.debug({ code: v.code }, 'desk feed refused'); refuse(res, v.code, v.message); return; }
      const data: DeskSocketData = { schoolId: v.schoolId, sessionId: v.sessionId, cookie: h.cookie, watch: null };
      res.upgrade(data, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'),
        req.getHeader('sec-websocket-extensions'), context);
    },
    open: (ws) => {
      const data = ws.getUserData();
      open.set(ws, data.sessionId);
      // The hub sends only to watches not closed (close() marks them before uWS frees the socket);
      // its flushes run on a timer, outside uWS callbacks, hence the cork.
      const watch: DeskWatch = {
        socket: {
          send: (m) => { let r = 0; ws.cork(() => { r = ws.send(m, false, false); }); return r; },
          getBufferedAmount: () => ws.getBufferedAmount(),
        },
        schoolId: data.schoolId, queued: [], dropped: 0, closed: false,
      };
      data.watch = watch;
      d.hub.add(watch).then(() => {
        if (!watch.closed) watch.socket.send(JSON.stringify({ type: 'ready', schoolId: data.schoolId }));
      }, () => { if (!watch.closed) ws.end(DESK_CLOSE.startFailed, 'feed unavailable'); });
    },
    message: () => { /* the page has nothing to say */ },
    close: (ws) => {
      const data = ws.getUserData();
      open.delete(ws);
      if (data.watch !== null) d.hub.remove(data.watch);
    },
  };
  return {
    route: { path: DESK_FEED_PATH, behavior },
    stop: () => {
      clearInterval(check);
      for (const ws of [...open.keys()]) ws.end(1001, 'server stopping');
    },
  };
}
