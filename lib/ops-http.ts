// The operators' HTTP port of a consumer process (the ClickHouse sink, the notifier; node:http:
// a few requests a minute need no uWS): GET /metrics (Prometheus), /livez (the process runs),
// /readyz (what the process needs is reachable and working), plus JSON pages of its own
// (the notifier's /dead-letter).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface OpsHandlers {
  readonly metrics: Registry;
  /** Null when ready, else why not. */
  readonly notReadyReason: () => string | null;
  readonly readiness: () => Record<string, unknown>;
  /** More GET paths answered with JSON, e.g. '/dead-letter'. */
  readonly pages?: Readonly<Record<string, () => unknown>>;
}

/** Longest a scrape or probe may take before its socket is closed, in ms. */
export const OPS_REQUEST_TIMEOUT_MS = 10_000;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

export async function listenOps(host: string, port: number, h: OpsHandlers): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'application/json', JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'GET only' } }));
    } else if (path === '/livez') {
      send(res, 200, 'text/plain', 'ok\n');
    } else if (path === '/readyz') {
      const reason = h.notReadyReason();
      send(res, reason === null ? 200 : 503, 'application/json', JSON.stringify({ ready: reason === null, reason, ...h.readiness() }));
    } else if (path === '/metrics') {
      h.metrics.metrics().then((text) => send(res, 200, h.metrics.contentType, text), (err: unknown) => send(res, 500, 'text/plain', String(err)));
    } else if (path !== undefined && h.pages?.[path] !== undefined) {
      send(res, 200, 'application/json', JSON.stringify(h.pages[path]()));
    } else {
      send(res, 404, 'application/json', JSON.stringify({ error: { code: 'NOT_FOUND', message: 'see /metrics, /livez, /readyz' } }));
    }
  });
  server.requestTimeout = OPS_REQUEST_TIMEOUT_MS;
  server.headersTimeout = OPS_REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
