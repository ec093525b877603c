// The sink's operators' HTTP port (node:http: a few requests a minute need no uWS):
// GET /metrics (Prometheus), /livez (the process runs), /readyz (NATS and ClickHouse reachable,
// inserts succeeding).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface SinkOpsHandlers {
  readonly metrics: Registry;
  /** Null when ready, else why not. */
  readonly notReadyReason: () => string | null;
  readonly readiness: () => Record<string, unknown>;
}

/** Longest a scrape or probe may take before its socket is closed, in ms. */
export const OPS_REQUEST_TIMEOUT_MS = 10_000;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

export async function listenSinkOps(host: string, port: number, h: SinkOpsHandlers): Promise<{ port: number; close(): Promise<void> }> {
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
