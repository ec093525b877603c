// The operators' HTTP port: Prometheus metrics, liveness, readiness and the live presence
// counts. Separate from the device port so scrapes and probes never compete with taps.
import type * as UWS from 'uWebSockets.js';
import type { Registry } from 'prom-client';

export interface OpsHandlers {
  readonly metrics: Registry;
  /** Null when ready, else why not. */
  readonly notReadyReason: () => string | null;
  readonly readiness: () => Record<string, unknown>;
  /** Presence of one school, or null when the school is unknown. */
  readonly presence: (schoolId: string) => Record<string, unknown> | null;
}

function json(res: UWS.HttpResponse, status: string, body: unknown): void {
  res.cork(() => {
    res.writeStatus(status).writeHeader('content-type', 'application/json').end(JSON.stringify(body));
  });
}

export async function listenOps(uws: typeof UWS, host: string, port: number, h: OpsHandlers): Promise<{ port: number; close(): void }> {
  const app = uws.App();
  app.get('/livez', (res) => { res.writeStatus('200 OK').end('ok\n'); });
  app.get('/readyz', (res) => {
    const reason = h.notReadyReason();
    json(res, reason === null ? '200 OK' : '503 Service Unavailable', { ready: reason === null, reason, ...h.readiness() });
  });
  app.get('/metrics', (res) => {
    let aborted = false;
    res.onAborted(() => { aborted = true; });
    h.metrics.metrics().then((text) => {
      if (aborted) return;
      res.cork(() => { res.writeStatus('200 OK').writeHeader('content-type', h.metrics.contentType).end(text); });
    }, (err: unknown) => {
      if (aborted) return;
      res.cork(() => { res.writeStatus('500 Internal Server Error').end(String(err)); });
    });
  });
  app.get('/v1/presence/:schoolId', (res, req) => {
    const schoolId = req.getParameter(0) ?? '';
    const p = h.presence(schoolId);
    if (p === null) json(res, '404 Not Found', { error: { code: 'UNKNOWN_SCHOOL', message: `no school ${schoolId}` } });
    else json(res, '200 OK', p);
  });
  app.any('/*', (res) => { json(res, '404 Not Found', { error: { code: 'NOT_FOUND', message: 'see /metrics, /livez, /readyz, /v1/presence/:schoolId' } }); });
  let token: UWS.us_listen_socket | null = null;
  await new Promise<void>((resolve, reject) => {
    app.listen(host, port, (t) => { if (t === false) reject(new Error(`cannot listen on ${host}:${port}`)); else { token = t; resolve(); } });
  });
  return {
    port: uws.us_socket_local_port(token!),
    close: () => { if (token !== null) { uws.us_listen_socket_close(token); token = null; } },
  };
}
