// The ClickHouse sink process (dist/consumers/clickhouse-sink/main.js): reads the
// configuration, starts, and on SIGTERM or SIGINT stops pulling, inserts and acknowledges what
// it holds, drains NATS and exits 0.
import { TapgateError } from '../../core/index.js';
import { createLogger } from '../../lib/index.js';
import { loadSinkConfig } from './config.js';
import { startClickHouseSink } from './service.js';

/** Exit code for bad configuration (EX_CONFIG). */
export const EXIT_CONFIG = 78;
/** How long past the shutdown grace the process may take to drain NATS before it exits anyway, in ms. */
const SHUTDOWN_EXTRA_MS = 5000;

let config;
try {
  config = loadSinkConfig();
} catch (err) {
  process.stderr.write(`tapgate clickhouse-sink: ${(err as Error).message}\n`);
  process.exit(err instanceof TapgateError ? EXIT_CONFIG : 1);
}
const log = createLogger('clickhouse-sink', config.logLevel);
let sink;
try {
  sink = await startClickHouseSink(config, log);
} catch (err) {
  log.fatal({ code: err instanceof TapgateError ? err.code : undefined, err: (err as Error).message }, 'sink failed to start');
  process.stderr.write(`tapgate clickhouse-sink: ${(err as Error).message}\n`);
  process.exit(1);
}
const s = sink;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    // A ClickHouse request that hangs must not hold the exit: what was not acknowledged comes again.
    setTimeout(() => { log.warn('shutdown took too long; exiting'); process.exit(1); }, config.shutdownGraceMs + SHUTDOWN_EXTRA_MS).unref();
    s.shutdown().then(() => { log.info('stopped'); process.exit(0); }, (err: unknown) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  });
}
