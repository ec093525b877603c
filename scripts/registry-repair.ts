// `npm run registry:repair -- [--apply]`: finds registry records at TAPGATE_NATS_URL stored
// before the text, date and class name policy (ADR 0010) that break it. A dry run by default:
// it prints one JSON line per record to repair or to fix by hand (kind, id, field names and
// problem codes, never a value) and a summary line. With --apply it writes the repairs; a record
// changed meanwhile is left alone ("changed": run again). Exit 0 when nothing is left to do
// by hand, 3 when some record needs an operator, 1 on failure.
import { parseArgs } from 'node:util';
import { TapgateError } from '../core/index.js';
import { connectNats, natsAuthVars, openRegistry, repairRegistry } from '../lib/index.js';

let apply = false;
try {
  apply = parseArgs({ options: { apply: { type: 'boolean', default: false } }, strict: true }).values.apply ?? false;
} catch {
  process.stderr.write('usage: npm run registry:repair -- [--apply]\n');
  process.exit(2);
}
const url = process.env['TAPGATE_NATS_URL'] ?? 'nats://127.0.0.1:14222';
try {
  const nc = await connectNats(url, 'tapgate-registry-repair', natsAuthVars(process.env));
  const report = await repairRegistry(await openRegistry(nc), { apply, nowMs: Date.now() });
  await nc.drain();
  for (const line of report.lines) process.stdout.write(JSON.stringify(line) + '\n');
  const { lines: _lines, ...summary } = report;
  process.stdout.write(JSON.stringify({ summary: { ...summary, apply } }) + '\n');
  process.exit(report.manual > 0 ? 3 : 0);
} catch (err) {
  const code = err instanceof TapgateError ? err.code : 'ERROR';
  // The message of a NATS failure names no record value; a TapgateError's neither.
  process.stderr.write(`registry:repair: ${code}: ${(err as Error).message}\n`);
  process.exit(1);
}
