// One pino logger per process. Logs carry ids, never names, phones or card numbers.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level = process.env['TAPGATE_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name, level, base: { pid: process.pid, name } });
}
