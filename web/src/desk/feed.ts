// The desk's live feed socket (docs/console.md "Guard's desk"): opens
// /api/v1/desk/feed?schoolId=ID, hands each batch of passes to the page, and reconnects with a
// doubling backoff after any close. After a reconnect or a «resync» message (the server dropped
// passes for a slow page) the page re-reads the headcount, so nothing it shows stays stale.

/** One pass as the server pushes it (api/desk-feed.ts DeskPass). */
export interface Pass {
  readonly deviceId: string;
  readonly deviceName: string;
  readonly seq: number;
  readonly personId: string;
  readonly personKind: string;
  readonly displayName: string;
  readonly className: string;
  readonly direction: number;
  readonly verdict: number;
  readonly reason: number;
  readonly decidedAtMs: number;
  readonly photo: boolean;
}

export type FeedState = 'connecting' | 'live' | 'lost';

export interface FeedHandlers {
  onPasses(passes: readonly Pass[]): void;
  /** The page may have missed passes (a reconnect, or the server dropped some): re-read the headcount. */
  onResync(): void;
  onState(state: FeedState): void;
  /** The socket closed before the feed was ready, or because the session ended: is the person still signed in? */
  onRefused(): void;
}

/** First wait before reconnecting, in ms; it doubles up to RECONNECT_MAX_MS. */
export const RECONNECT_MIN_MS = 500;
export const RECONNECT_MAX_MS = 15_000;
/** The server's close code when the session ended (api/desk-socket.ts DESK_CLOSE). */
const SESSION_ENDED = 4401;

export class Feed {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: number | null = null;
  private stopped = false;

  constructor(private readonly schoolId: string, private readonly on: FeedHandlers) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.ws?.close(1000);
    this.ws = null;
  }

  private connect(): void {
    this.on.onState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/desk/feed?schoolId=${encodeURIComponent(this.schoolId)}`);
    this.ws = ws;
    let ready = false;
    ws.addEventListener('message', (ev) => { if (this.onMessage(ev)) ready = true; });
    ws.addEventListener('close', (ev) => {
      if (this.ws !== ws || this.stopped) return;
      this.ws = null;
      // A refused upgrade shows as a close without 'ready' (the browser hides the HTTP status).
      if (!ready || ev.code === SESSION_ENDED) this.on.onRefused();
      this.on.onState('lost');
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(this.attempt++, 10));
      this.timer = window.setTimeout(() => this.connect(), delay);
    });
  }

  /** Handles a message; true when it was 'ready'. */
  private onMessage(ev: MessageEvent): boolean {
    let msg: { type?: string; passes?: Pass[] };
    try { msg = JSON.parse(String(ev.data)) as typeof msg; } catch { return false; }
    if (msg.type === 'ready') {
      this.attempt = 0;
      this.on.onState('live');
      // The headcount is read once the feed runs, on the first connection as after a gap: a pass
      // that comes between is applied twice at worst, which changes nothing (entry adds, exit removes).
      this.on.onResync();
      return true;
    }
    if (msg.type === 'passes' && Array.isArray(msg.passes)) this.on.onPasses(msg.passes);
    else if (msg.type === 'resync') this.on.onResync();
    return false;
  }
}
