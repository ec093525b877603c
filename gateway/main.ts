// The gateway process: reads the configuration, starts, and shuts down gracefully on SIGTERM
// or SIGINT. A fatal ledger error exits with code 75 so a supervisor restarts it; the restart
// rebuilds the state from the ledger.
import { TapgateError } from '../core/index.js';
import { createLogger } from '../lib/index.js';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

/** Exit code after a fatal ledger error (EX_TEMPFAIL). */
export const EXIT_LEDGER_FAILED = 75;
/** Exit code for bad configuration (EX_CONFIG). */
export const EXIT_CONFIG = 78;

let config;
try {
  config = loadGatewayConfig();
} catch (err) {
  process.stderr.write(`tapgate gateway: ${(err as Error).message}\n`);
  process.exit(err instanceof TapgateError ? EXIT_CONFIG : 1);
}
const log = createLogger('gateway', config.logLevel);
let gateway;
try {
  gateway = await startGateway(config, log, () => { setTimeout(() => process.exit(EXIT_LEDGER_FAILED), 50); });
} catch (err) {
  log.fatal({ err, code: err instanceof TapgateError ? err.code : undefined }, 'gateway failed to start');
  process.stderr.write(`tapgate gateway: ${(err as Error).message}\n`);
  process.exit(1);
}
const g = gateway;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    g.shutdown().then(() => { log.info('stopped'); process.exit(0); }, (err: unknown) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  });
}
