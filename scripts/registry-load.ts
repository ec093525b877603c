// `npm run registry:load -- FILE [FILE...]`: loads registry files (JSON or CSV, see
// docs/registry.md) into the NATS KV registry at TAPGATE_NATS_URL. Changes reach running
// gateways and workers within a second; nothing restarts.
import { TapgateError } from '../core/index.js';
import { connectNats, natsAuthVars, loadRegistryRecords, openRegistry, readRegistryFile } from '../lib/index.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npm run registry:load -- FILE.json|FILE.csv [...]\n');
  process.exit(2);
}
const url = process.env['TAPGATE_NATS_URL'] ?? 'nats://127.0.0.1:14222';
try {
  const auth = natsAuthVars(process.env);
  const records = files.flatMap((f) => readRegistryFile(f));
  const nc = await connectNats(url, 'tapgate-registry-load', auth);
  const result = await loadRegistryRecords(await openRegistry(nc), records);
  await nc.drain();
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (err) {
  const code = err instanceof TapgateError ? err.code : 'ERROR';
  process.stderr.write(`registry:load: ${code}: ${(err as Error).message}\n`);
  process.exit(1);
}
