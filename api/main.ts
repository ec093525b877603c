// The API process (dist/api/main.js): reads the configuration, starts the admin API, and on
// SIGTERM or SIGINT stops listening, drains NATS and exits 0. Bad configuration exits 78. Any
// number of these may run: each is stateless (ADR 0017).
import { TapgateError } from '../core/index.js';
import { createLogger } from '../lib/index.js';
import { loadApiConfig } from './config.js';
import { startApiService } from './service.js';

/** Exit code for bad configuration (EX_CONFIG). */
export const EXIT_CONFIG = 78;
/** Longest a graceful stop may take before the process exits anyway, in ms. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

let config;
try {
  config = loadApiConfig();
} catch (err) {
  process.stderr.write(`tapgate api: ${(err as Error).message}\n`);
  process.exit(err instanceof TapgateError ? EXIT_CONFIG : 1);
}
const log = createLogger('api', config.logLevel);
let api;
try {
  api = await startApiService(config, log);
} catch (err) {
  log.fatal({ code: err instanceof TapgateError ? err.code : undefined, err: (err as Error).message }, 'api failed to start');
  process.stderr.write(`tapgate api: ${(err as Error).message}\n`);
  process.exit(1);
}
const a = api;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    // A NATS drain that hangs must not hold the exit: the API keeps no state to lose.
    setTimeout(() => { log.warn('shutdown took too long; exiting'); process.exit(1); }, SHUTDOWN_TIMEOUT_MS).unref();
    a.shutdown().then(() => { log.info('stopped'); process.exit(0); }, (err: unknown) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  });
}
