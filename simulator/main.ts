// `npm run simulate -- [options]`: drives a running gateway with simulated turnstiles over real
// WebSockets. Progress goes to stderr once a second; a JSON summary goes to stdout.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runLoad, type SimDevice } from './load.js';

const USAGE = `usage: npm run simulate -- [--url ws://127.0.0.1:7400/device/v1] [--registry .tapgate/demo-registry.json]
  [--kind turnstile|pos] [--devices N] [--rate TAPS_PER_S] [--duration S] [--warmup S] [--taps-per-frame N] [--in-flight N] [--echo]
  [--direction alternate|entry]`;

/** Upper bounds, so a typo cannot start an endless or machine-filling run. */
const LIMITS = { devices: 20_000, rate: 1_000_000, duration: 3600, warmup: 600, tapsPerFrame: 1024, inFlight: 1024 } as const;

function num(v: string | undefined, name: keyof typeof LIMITS, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > LIMITS[name]) {
    process.stderr.write(`--${name}: expected a number in (0, ${LIMITS[name]}], got ${v}\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

interface RegistryDoc {
  devices?: Array<{ id: string; schoolId: string; secretHex: string; kind: string }>;
  persons?: Array<{ id: string; schoolId: string }>;
  identifiers?: Array<{ personId: string; uidHex: string; status?: string }>;
  products?: Array<{ id: string; schoolId: string; active?: boolean }>;
}

/**
 * Simulated devices from a registry file: each turnstile taps cards of its own school, and the
 * turnstiles of a school share its cards out between them (card k goes to turnstile k mod n), so
 * each person alternates entry and exit at one turnstile as people do.
 */
export function devicesFromRegistry(doc: RegistryDoc, kind: 'turnstile' | 'pos' = 'turnstile'): SimDevice[] {
  const schoolOf = new Map((doc.persons ?? []).map((p) => [p.id, p.schoolId]));
  const uidsBySchool = new Map<string, Buffer[]>();
  for (const i of doc.identifiers ?? []) {
    const school = schoolOf.get(i.personId);
    if (school === undefined || (i.status ?? 'active') !== 'active') continue;
    const list = uidsBySchool.get(school) ?? [];
    list.push(Buffer.from(i.uidHex, 'hex'));
    uidsBySchool.set(school, list);
  }
  // A POS sells its school's active products by id (v1.2): the gateway prices them.
  const productsBySchool = new Map<string, string[]>();
  for (const p of doc.products ?? []) {
    if (p.active === false) continue;
    productsBySchool.set(p.schoolId, [...(productsBySchool.get(p.schoolId) ?? []), p.id]);
  }
  const turnstiles = (doc.devices ?? []).filter((d) => d.kind === kind);
  const perSchool = new Map<string, number>();
  for (const d of turnstiles) perSchool.set(d.schoolId, (perSchool.get(d.schoolId) ?? 0) + 1);
  const seen = new Map<string, number>();
  return turnstiles.map((d) => {
    const k = seen.get(d.schoolId) ?? 0;
    seen.set(d.schoolId, k + 1);
    const n = perSchool.get(d.schoolId)!;
    const uids = (uidsBySchool.get(d.schoolId) ?? []).filter((_, i) => i % n === k);
    const products = productsBySchool.get(d.schoolId) ?? [];
    return { id: d.id, secret: Buffer.from(d.secretHex, 'hex'), uids, kind, products };
  });
}

const { values } = parseArgs({ options: {
  url: { type: 'string', default: 'ws://127.0.0.1:7400/device/v1' },
  registry: { type: 'string', default: '.tapgate/demo-registry.json' },
  kind: { type: 'string', default: 'turnstile' }, devices: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, warmup: { type: 'string' },
  'taps-per-frame': { type: 'string' }, 'in-flight': { type: 'string' }, echo: { type: 'boolean', default: false },
  direction: { type: 'string', default: 'alternate' },
  help: { type: 'boolean', default: false },
} });
if (values.help) { process.stdout.write(USAGE + '\n'); process.exit(0); }

let all: SimDevice[];
try {
  if (values.direction !== 'alternate' && values.direction !== 'entry') throw new Error(`--direction must be alternate or entry, got ${values.direction}`);
  if (values.kind !== 'turnstile' && values.kind !== 'pos') throw new Error(`--kind must be turnstile or pos, got ${values.kind}`);
  all = devicesFromRegistry(JSON.parse(readFileSync(values.registry, 'utf8')) as RegistryDoc, values.kind);
  const bare = all.find((d) => d.kind === 'pos' && (d.products ?? []).length === 0);
  if (bare !== undefined) {
    throw new Error(`POS ${bare.id}: its school has no active product `
      + '(a file from before protocol v1.2: delete it and npm start again)');
  }
} catch (err) {
  process.stderr.write(`cannot read the registry file ${values.registry}: ${(err as Error).message}\n(npm start writes one to .tapgate/demo-registry.json)\n`);
  process.exit(2);
}
const count = num(values.devices, 'devices', all.length);
if (count > all.length) { process.stderr.write(`--devices ${count}: the registry has only ${all.length} devices of kind ${values.kind}\n`); process.exit(2); }
const summary = await runLoad({
  url: values.url, devices: all.slice(0, count), rate: num(values.rate, 'rate', 1000), durationS: num(values.duration, 'duration', 10),
  warmupS: values.warmup === undefined ? 0 : num(values.warmup, 'warmup', 0),
  tapsPerFrame: num(values['taps-per-frame'], 'tapsPerFrame', 1), inFlightPerDevice: num(values['in-flight'], 'inFlight', 8),
  echo: values.echo, direction: values.direction as 'alternate' | 'entry', progress: (line) => process.stderr.write(line + '\n'),
});
process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
process.exit(0);
