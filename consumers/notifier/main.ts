// The notifier process (dist/consumers/notifier/main.js): reads the configuration, starts, and on
// SIGTERM or SIGINT gives its partitions back (sends in flight finish and are journaled), drains
// NATS and exits 0. Run as many as wanted: they share the partitions of recipients.
import { TapgateError } from '../../core/index.js';
import { createLogger } from '../../lib/index.js';
import { loadNotifierConfig } from './config.js';
import { startNotifier } from './service.js';

/** Exit code for bad configuration (EX_CONFIG). */
export const EXIT_CONFIG = 78;
/** How long past the shutdown grace the process may take before it exits anyway, in ms. */
const SHUTDOWN_EXTRA_MS = 5000;

let config;
try {
  config = loadNotifierConfig();
} catch (err) {
  process.stderr.write(`tapgate notifier: ${(err as Error).message}\n`);
  process.exit(err instanceof TapgateError ? EXIT_CONFIG : 1);
}
const log = createLogger('notifier', config.logLevel);
let notifier;
try {
  notifier = await startNotifier(config, log);
} catch (err) {
  log.fatal({ code: err instanceof TapgateError ? err.code : undefined, err: (err as Error).message }, 'notifier failed to start');
  process.stderr.write(`tapgate notifier: ${(err as Error).message}\n`);
  process.exit(err instanceof TapgateError && err.code === 'CONFIG_INVALID' ? EXIT_CONFIG : 1);
}
const n = notifier;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => { log.warn('shutdown took too long; exiting'); process.exit(1); }, config.shutdownGraceMs + SHUTDOWN_EXTRA_MS).unref();
    n.shutdown().then(() => { log.info('stopped'); process.exit(0); }, (err: unknown) => { log.error({ err: String(err) }, 'shutdown failed'); process.exit(1); });
  });
}
